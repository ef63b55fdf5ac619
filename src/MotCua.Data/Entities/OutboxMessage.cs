namespace MotCua.Data.Entities;

/// <summary>What a message tells a partner.</summary>
public enum OutboxMessageKind
{
    Receipt,
    StatusChanged,
    Result,
    CivilStatusRegistration,
    Residence,
    HealthInsurance,
}

/// <summary>Where a message stands. Pending, InFlight, Failing and Dead are undelivered and hold back later messages of the same dossier and partner.</summary>
public enum OutboxMessageState
{
    Pending,
    InFlight,
    Delivered,
    Failing,
    Dead,
    Cancelled,
}

/// <summary>
/// One message to a partner system, written in the same transaction as the dossier change that causes it and sent later
/// by the outbox worker. The idempotency key is sent with every attempt, so a retry or a re-send is never a duplicate
/// on the partner's side.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>The partner's name: portal, civilStatus, residence, healthInsurance.</summary>
    public string Partner { get; set; } = "";
    public string DossierCode { get; set; } = "";
    /// <summary>The dossier's competent unit, so a province administrator sees the messages of the province.</summary>
    public string UnitCode { get; set; } = "";
    public OutboxMessageKind Kind { get; set; }
    /// <summary>The body sent to the partner, as JSON (a snapshot taken at the change).</summary>
    public string PayloadJson { get; set; } = "{}";
    /// <summary>Stable across retries and re-sends: <c>{dossierCode}:{kind}:{historySequence}</c>.</summary>
    public string IdempotencyKey { get; set; } = "";
    /// <summary>Order within a dossier: the history sequence of the change.</summary>
    public int Sequence { get; set; }
    public OutboxMessageState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>The node that holds the lease while the message is in flight.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>Distinguishes one claim from the next, so a node whose lease expired cannot overwrite the new holder's outcome.</summary>
    public string? ClaimToken { get; set; }
    public DateTimeOffset? ClaimExpiresAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>What the partner answered last (a reference, a registration number), if anything.</summary>
    public string? ResultReference { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
