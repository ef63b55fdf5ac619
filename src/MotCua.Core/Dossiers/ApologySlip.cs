namespace MotCua.Core.Dossiers;

/// <summary>Form 04 of Circular 03/2025: apology for a late dossier with a new appointment.</summary>
public sealed class ApologySlip
{
    public long Id { get; private set; }
    public long DossierId { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public string IssuedBy { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTimeOffset PreviousDueAt { get; private set; }
    public DateTimeOffset NewDueAt { get; private set; }

    private ApologySlip() { }

    internal ApologySlip(DateTimeOffset issuedAt, string issuedBy, string reason, DateTimeOffset previousDueAt, DateTimeOffset newDueAt)
    {
        IssuedAt = issuedAt;
        IssuedBy = issuedBy;
        Reason = reason;
        PreviousDueAt = previousDueAt;
        NewDueAt = newDueAt;
    }
}
