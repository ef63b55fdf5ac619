using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace MotCua.Web.Integrations;

/// <summary>The SMS partner (a telecom's brand-name SMS gateway): sends one text to one phone.</summary>
public interface ISmsSender
{
    /// <summary>
    /// Sends the text; <paramref name="reference"/> identifies the message (the gateway's idempotency key). Throws
    /// <see cref="SmsNotSentException"/> when the gateway did not take it.
    /// </summary>
    Task SendAsync(string phone, string text, string reference, CancellationToken ct);
}

/// <summary>The gateway did not take the message (error answer, timeout, no connection, or its circuit is open).</summary>
public sealed class SmsNotSentException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// Development and test stand-in for the SMS partner, like the partner simulators: it records the messages instead of
/// sending them (tests read them; in Development the code is written to the console with the phone masked). Never in
/// Production.
/// </summary>
public sealed class RecordingSmsSender(TimeProvider time, IHostEnvironment env, ILogger<RecordingSmsSender> log) : ISmsSender
{
    public sealed record Sent(string Phone, string Text, DateTimeOffset At);

    private readonly ConcurrentQueue<Sent> _sent = new();

    public IReadOnlyList<Sent> Messages => [.. _sent];

    public Task SendAsync(string phone, string text, string reference, CancellationToken ct)
    {
        _sent.Enqueue(new Sent(phone, text, time.GetUtcNow()));
        if (env.IsDevelopment())
            log.LogInformation("SMS (recorded, not sent) to {Phone}: {Text}", SmsGatewayOptions.Mask(phone), text);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Configuration <c>Sms:Gateway</c> of the production SMS adapter (<see cref="HttpSmsSender"/>): when <see cref="Url"/> is
/// set, consent codes are sent through it in every environment.
/// </summary>
public sealed class SmsGatewayOptions
{
    public const string Section = "Sms:Gateway";

    /// <summary>The absolute URL the messages are posted to.</summary>
    public string? Url { get; set; }
    /// <summary>The account's key, sent in <see cref="ApiKeyHeader"/>; never logged.</summary>
    public string? ApiKey { get; set; }
    public string ApiKeyHeader { get; set; } = "X-Api-Key";
    /// <summary>The brand name the text is sent under, if the gateway wants one.</summary>
    public string? Sender { get; set; }
    /// <summary>How long the volunteer waits for the gateway before being told it failed.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>A phone number as logs show it: the last three digits only.</summary>
    public static string Mask(string phone) => "******" + phone[^Math.Min(3, phone.Length)..];
}

/// <summary>
/// The production SMS adapter: a plain HTTP/JSON gateway. <c>POST {Url}</c> with <c>{to, text, sender, reference}</c>,
/// the API key in its header and the reference as <c>Idempotency-Key</c> (as the partner adapters send theirs), within
/// <see cref="SmsGatewayOptions.TimeoutSeconds"/>. Any 2xx is sent; any other answer, a timeout or no connection is
/// <see cref="SmsNotSentException"/>. Calls go through the partner circuit breaker of <c>sms</c>
/// (<see cref="PartnerCircuitBreakers"/>, <c>Integrations:Breaker</c>): a gateway that keeps failing is left alone for the
/// break, and volunteers are answered at once instead of waiting for each timeout. No retry: a second try could send the
/// person two codes.
/// </summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<SmsGatewayOptions> options, PartnerCircuitBreakers breakers,
    ILogger<HttpSmsSender> log) : ISmsSender
{
    public const string Partner = "sms";

    public sealed record Message(string To, string Text, string? Sender, string Reference);

    public async Task SendAsync(string phone, string text, string reference, CancellationToken ct)
    {
        var o = options.Value;
        PartnerResult result;
        try
        {
            result = await breakers.For(Partner).Pipeline.ExecuteAsync(async token => await PostAsync(o, phone, text, reference, token), ct);
        }
        catch (BrokenCircuitException ex)
        {
            log.LogWarning("SMS to {Phone} not sent: the gateway's circuit is open", SmsGatewayOptions.Mask(phone));
            throw new SmsNotSentException("circuit open", ex);
        }
        if (result.Outcome == PartnerOutcome.Delivered) return;
        log.LogWarning("SMS to {Phone} not sent: {Error}", SmsGatewayOptions.Mask(phone), result.Error);
        throw new SmsNotSentException(result.Error ?? "not sent");
    }

    private async Task<PartnerResult> PostAsync(SmsGatewayOptions o, string phone, string text, string reference, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url)
        {
            Content = JsonContent.Create(new Message(phone, text, string.IsNullOrWhiteSpace(o.Sender) ? null : o.Sender, reference)),
        };
        if (!string.IsNullOrEmpty(o.ApiKey)) request.Headers.TryAddWithoutValidation(o.ApiKeyHeader, o.ApiKey);
        request.Headers.Add(JsonPartnerClient.IdempotencyHeader, reference);
        return await JsonPartnerClient.SendClassifiedAsync(http, request, 300, (_, _) => new PartnerResult(PartnerOutcome.Delivered), ct);
    }
}
