namespace MotCua.Core.Dossiers;

/// <summary>
/// One line of the process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ):
/// who did what, when, from which status to which, with what note. Never edited.
/// </summary>
public sealed class DossierHistoryEntry
{
    public long Id { get; private set; }
    public long DossierId { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public DossierStatus? FromStatus { get; private set; }
    public DossierStatus ToStatus { get; private set; }
    public string? Note { get; private set; }
    public string? Assignee { get; private set; }

    private DossierHistoryEntry() { }

    internal DossierHistoryEntry(int sequence, DateTimeOffset at, string actor, string action,
        DossierStatus? from, DossierStatus to, string? note, string? assignee)
    {
        Sequence = sequence;
        At = at;
        Actor = actor;
        Action = action;
        FromStatus = from;
        ToStatus = to;
        Note = note;
        Assignee = assignee;
    }
}
