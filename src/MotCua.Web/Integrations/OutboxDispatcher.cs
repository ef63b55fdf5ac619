using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Data;
using MotCua.Data.Entities;
using Polly.CircuitBreaker;

namespace MotCua.Web.Integrations;

/// <summary>
/// One node's sending of outbox messages: claims due messages per partner, sends them through the partner's adapter
/// behind its circuit breaker, and records the outcome under the claim's token (a node whose lease ran out records
/// nothing). Delivered: done. Transient failure: failing, retried after a capped exponential backoff with jitter, forever.
/// Permanent refusal: dead at once, and the leg rejected. Several dispatchers (nodes) may run against one database.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, PartnerCircuitBreakers breakers, TimeProvider time,
    IOptions<IntegrationOptions> options, ILogger<OutboxDispatcher> log)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _brokenUntil = new();

    /// <summary>This node's name in claims; defaults to the configured node id.</summary>
    public string NodeId { get; set; } = options.Value.NodeName;

    /// <summary>The partners that have a base URL and an adapter.</summary>
    public IReadOnlyList<string> ActivePartners(IServiceProvider sp)
    {
        var clients = sp.GetServices<IPartnerClient>().Select(c => c.Partner).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Partners.All.Where(p => clients.Contains(p) && options.Value.BaseUrlOf(p) is not null).ToList();
    }

    /// <summary>Forgets the circuits' state (tests that move the clock backwards between them).</summary>
    public void ResetCircuits()
    {
        _brokenUntil.Clear();
        breakers.Reset();
    }

    /// <summary>One round over every active partner; returns how many messages were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var total = 0;
        foreach (var partner in ActivePartners(scope.ServiceProvider))
            total += await RunPartnerAsync(partner, ct);
        return total;
    }

    /// <summary>
    /// Deletes messages delivered more than <see cref="IntegrationOptions.RetainDeliveredDays"/> ago (the dossier's own
    /// history keeps what happened); pending, failing, dead and cancelled messages are never purged. Returns the count.
    /// </summary>
    public async Task<int> PurgeDeliveredAsync(CancellationToken ct)
    {
        var days = options.Value.RetainDeliveredDays;
        if (days <= 0) return 0;
        var before = time.GetUtcNow().AddDays(-days);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        return await db.OutboxMessages.Where(m => m.State == OutboxMessageState.Delivered && m.DeliveredAt < before).ExecuteDeleteAsync(ct);
    }

    public async Task<int> RunPartnerAsync(string partner, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        if (_brokenUntil.TryGetValue(partner, out var until) && until > now) return 0;
        var breaker = breakers.For(partner);
        // After a break, one message probes the partner (Polly turns the circuit half-open on that call).
        var batchSize = breaker.State.CircuitState == CircuitState.Closed ? Math.Max(1, o.BatchSize) : 1;

        IReadOnlyList<OutboxMessage> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            claimed = await OutboxClaims.ClaimAsync(db, partner, NodeId, batchSize, now, TimeSpan.FromSeconds(o.LeaseSeconds), ct);
        }
        if (claimed.Count == 0) return 0;

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Concurrency), CancellationToken = ct },
            async (message, token) => await SendOneAsync(partner, message, breaker, token));
        return claimed.Count;
    }

    private async Task SendOneAsync(string partner, OutboxMessage message, PartnerCircuitBreakers.Breaker breaker, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetServices<IPartnerClient>().First(c => c.Partner == partner);
        PartnerResult result;
        var brokenCircuit = false;
        try
        {
            result = await breaker.Pipeline.ExecuteAsync(async t => await client.SendAsync(message, t), ct);
        }
        catch (BrokenCircuitException ex)
        {
            brokenCircuit = true;
            var retryAfter = ex.RetryAfter ?? TimeSpan.FromSeconds(options.Value.Breaker.BreakSeconds);
            _brokenUntil[partner] = time.GetUtcNow() + retryAfter;
            result = PartnerResult.Transient($"circuit open for {partner}");
        }
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var recorded = await RecordAsync(db, message, result, brokenCircuit, ct);
        if (!recorded)
            log.LogWarning("Outbox {Id} ({Key}) to {Partner}: the claim of {Node} ran out before the outcome; the new holder decides",
                message.Id, message.IdempotencyKey, partner, NodeId);
        else if (result.Outcome == PartnerOutcome.Delivered)
            log.LogDebug("Outbox {Id} ({Key}) delivered to {Partner}", message.Id, message.IdempotencyKey, partner);
        else
            log.LogWarning("Outbox {Id} ({Key}) to {Partner}: {Outcome} after attempt {Attempts}: {Error}",
                message.Id, message.IdempotencyKey, partner, result.Outcome, message.Attempts, result.Error);
    }

    /// <summary>Records the outcome if this node still holds the claim; updates the leg in the same transaction.</summary>
    private async Task<bool> RecordAsync(MotCuaDbContext db, OutboxMessage message, PartnerResult result, bool brokenCircuit, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var error = result.Error is null ? null : JsonPartnerClient.Truncate(result.Error, 2000);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.State == OutboxMessageState.InFlight && m.ClaimToken == message.ClaimToken);
            int rows;
            DossierLegStatus legStatus;
            switch (result.Outcome)
            {
                case PartnerOutcome.Delivered:
                    rows = await mine.ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.State, OutboxMessageState.Delivered)
                        .SetProperty(m => m.DeliveredAt, now)
                        .SetProperty(m => m.ResultReference, result.Reference)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.ClaimToken, (string?)null)
                        .SetProperty(m => m.ClaimExpiresAt, (DateTimeOffset?)null), ct);
                    legStatus = result.Final ? DossierLegStatus.Accepted : DossierLegStatus.Sent;
                    break;
                case PartnerOutcome.Permanent:
                    rows = await mine.ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.State, OutboxMessageState.Dead)
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.ClaimToken, (string?)null)
                        .SetProperty(m => m.ClaimExpiresAt, (DateTimeOffset?)null), ct);
                    legStatus = DossierLegStatus.Rejected;
                    break;
                default:
                    // A message held back by an open circuit waits for the end of the break; it counts as an attempt.
                    var next = brokenCircuit && _brokenUntil.TryGetValue(message.Partner, out var until) && until > now ? until
                        : now + OutboxBackoff.Delay(message.Attempts, o.BackoffFirstSeconds, o.BackoffMaxSeconds);
                    rows = await mine.ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.State, OutboxMessageState.Failing)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.ClaimToken, (string?)null)
                        .SetProperty(m => m.ClaimExpiresAt, (DateTimeOffset?)null), ct);
                    legStatus = DossierLegStatus.Failing;
                    break;
            }
            if (rows == 1 && message.Kind is OutboxMessageKind.CivilStatusRegistration or OutboxMessageKind.Residence or OutboxMessageKind.HealthInsurance)
            {
                var leg = await db.DossierLegs.SingleOrDefaultAsync(l => l.DossierCode == message.DossierCode && l.Partner == message.Partner, ct);
                if (leg is not null)
                {
                    leg.Status = legStatus;
                    leg.Attempts = message.Attempts;
                    if (result.Reference is not null) leg.ResultReference = result.Reference;
                    leg.LastError = result.Outcome == PartnerOutcome.Delivered ? null : error;
                    leg.UpdatedAt = now;
                    if (legStatus == DossierLegStatus.Accepted && message.Kind == OutboxMessageKind.CivilStatusRegistration)
                        OutboxRecorder.CivilStatusAccepted(db, message, result.Reference, now);
                    await db.SaveChangesAsync(ct);
                }
            }
            await tx.CommitAsync(ct);
            return rows == 1;
        });
    }
}
