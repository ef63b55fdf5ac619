using MotCua.Data.Entities;

namespace MotCua.Web.Integrations;

/// <summary>An adapter to one partner system. Sends one outbox message over HTTP and classifies the answer; never throws for partner failures.</summary>
public interface IPartnerClient
{
    /// <summary>The partner's name (<see cref="Partners"/>).</summary>
    string Partner { get; }

    Task<PartnerResult> SendAsync(OutboxMessage message, CancellationToken ct);
}
