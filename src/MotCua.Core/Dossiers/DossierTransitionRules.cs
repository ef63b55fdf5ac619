using MotCua.Core.Catalog;

namespace MotCua.Core.Dossiers;

/// <summary>
/// The table of which action may be taken from which status, and by which roles. An action may have several rules when
/// the roles differ by status (a leader alone rejects a dossier awaiting approval). The web layer reads it to offer only
/// the buttons the state machine would accept.
/// </summary>
public static class DossierTransitionRules
{
    public sealed record Rule(DossierAction Action, IReadOnlyList<DossierStatus> From, IReadOnlyList<string> Roles);

    private static readonly DossierStatus[] Open =
        [DossierStatus.Received, DossierStatus.Assigned, DossierStatus.Processing];

    public static readonly IReadOnlyList<Rule> All =
    [
        new(DossierAction.Assign, [DossierStatus.Received, DossierStatus.Assigned], [Roles.Officer, Roles.Leader]),
        new(DossierAction.StartProcessing, [DossierStatus.Assigned], [Roles.Specialist, Roles.Leader]),
        new(DossierAction.RequestSupplement, Open, [Roles.Officer, Roles.Specialist, Roles.Leader]),
        new(DossierAction.Resubmit, [DossierStatus.SupplementRequested], [Roles.Officer, Roles.Citizen, Roles.Volunteer]),
        new(DossierAction.SubmitForApproval, [DossierStatus.Processing], [Roles.Specialist]),
        new(DossierAction.Approve, [DossierStatus.AwaitingApproval], [Roles.Leader]),
        new(DossierAction.Reject, Open, [Roles.Officer, Roles.Specialist, Roles.Leader]),
        new(DossierAction.Reject, [DossierStatus.AwaitingApproval], [Roles.Leader]),
        new(DossierAction.MarkResultReady, [DossierStatus.Approved, DossierStatus.Rejected, DossierStatus.Transferred], [Roles.Officer, Roles.Specialist, Roles.Leader]),
        new(DossierAction.ReturnResult, [DossierStatus.ResultReady], [Roles.Officer]),
        new(DossierAction.Withdraw, [.. Open, DossierStatus.SupplementRequested, DossierStatus.AwaitingApproval], [Roles.Officer, Roles.Citizen, Roles.Volunteer]),
        new(DossierAction.Transfer, Open, [Roles.Officer, Roles.Specialist, Roles.Leader]),
        new(DossierAction.Apologize, [.. Open, DossierStatus.AwaitingApproval, DossierStatus.Approved, DossierStatus.Rejected, DossierStatus.Transferred], [Roles.Officer, Roles.Specialist, Roles.Leader]),
    ];

    /// <summary>The rule that governs the action from the status, or null when the status does not allow it.</summary>
    public static Rule? For(DossierAction action, DossierStatus status) =>
        All.FirstOrDefault(r => r.Action == action && r.From.Contains(status));

    /// <summary>Whether the status allows the action at all (roles aside).</summary>
    public static bool Allows(DossierStatus status, DossierAction action) => For(action, status) is not null;

    /// <summary>Actions the actor's roles may take from this status.</summary>
    public static IEnumerable<DossierAction> Available(DossierStatus status, Actor actor) =>
        All.Where(r => r.From.Contains(status) && r.Roles.Any(actor.Roles.Contains)).Select(r => r.Action);

    /// <summary>A status after which nothing more happens to the dossier.</summary>
    public static bool IsFinal(DossierStatus status) => status is DossierStatus.Returned or DossierStatus.Withdrawn;

    /// <summary>Whether the processing clock runs (counts towards the appointment date) in this status.</summary>
    public static bool ClockRuns(DossierStatus status) =>
        status is DossierStatus.Received or DossierStatus.Assigned or DossierStatus.Processing or DossierStatus.AwaitingApproval
            or DossierStatus.Approved or DossierStatus.Rejected or DossierStatus.Transferred;
}
