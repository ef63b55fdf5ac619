using System.Collections.Concurrent;

namespace MotCua.Web.Integrations;

/// <summary>The SMS partner (a telecom's brand-name SMS gateway): sends one text to one phone.</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

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

    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        _sent.Enqueue(new Sent(phone, text, time.GetUtcNow()));
        if (env.IsDevelopment())
            log.LogInformation("SMS (recorded, not sent) to ******{Tail}: {Text}", phone[^Math.Min(3, phone.Length)..], text);
        return Task.CompletedTask;
    }
}
