using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace MotCua.Web.Integrations;

/// <summary>
/// One Polly circuit breaker per partner and node: after too many transient failures the partner is left alone for the
/// break, then one message probes it (half-open). Messages are never failed by the breaker: they simply wait in the outbox.
/// </summary>
public sealed class PartnerCircuitBreakers(IOptions<IntegrationOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Breaker> _breakers = new(StringComparer.OrdinalIgnoreCase);

    public sealed record Breaker(ResiliencePipeline<PartnerResult> Pipeline, CircuitBreakerStateProvider State);

    public Breaker For(string partner) => _breakers.GetOrAdd(partner, _ =>
    {
        var o = options.Value.Breaker;
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder<PartnerResult> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<PartnerResult>
            {
                FailureRatio = o.FailureRatio,
                MinimumThroughput = Math.Max(2, o.MinimumThroughput),
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(1, o.SamplingSeconds)),
                BreakDuration = TimeSpan.FromSeconds(Math.Max(1, o.BreakSeconds)),
                StateProvider = state,
                ShouldHandle = new PredicateBuilder<PartnerResult>()
                    .HandleResult(r => r.Outcome == PartnerOutcome.Transient)
                    .Handle<HttpRequestException>(),
            })
            .Build();
        return new Breaker(pipeline, state);
    });

    public CircuitState StateOf(string partner) => For(partner).State.CircuitState;

    /// <summary>Forgets every breaker (tests that move the clock backwards between them).</summary>
    public void Reset() => _breakers.Clear();
}
