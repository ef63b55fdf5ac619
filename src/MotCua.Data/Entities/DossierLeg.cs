namespace MotCua.Data.Entities;

/// <summary>Where one partner's part of a dossier stands.</summary>
public enum DossierLegStatus
{
    /// <summary>Waiting: the message is not sent yet (or not created yet: it goes out at approval).</summary>
    Pending,
    /// <summary>The partner took the message and has not answered with a result yet.</summary>
    Sent,
    Accepted,
    Rejected,
    /// <summary>Transient failures; retried until the partner answers.</summary>
    Failing,
    /// <summary>The dossier was rejected or withdrawn, or an administrator cancelled the message.</summary>
    Cancelled,
}

/// <summary>
/// One partner's part of a dossier (linked procedures, liên thông): e.g. the birth bundle has three legs — civil-status
/// registration, permanent residence, health insurance card. The citizen sees one dossier; staff see each leg.
/// </summary>
public sealed class DossierLeg
{
    public long Id { get; set; }
    public string DossierCode { get; set; } = "";
    public string Partner { get; set; } = "";
    public DossierLegStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>The partner's answer: the civil-status registration number, the residence reference, the card number.</summary>
    public string? ResultReference { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
