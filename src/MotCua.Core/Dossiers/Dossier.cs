using MotCua.Core.Calendar;
using MotCua.Core.Catalog;

namespace MotCua.Core.Dossiers;

/// <summary>
/// A dossier (hồ sơ) and its state machine. Every change of status goes through <see cref="Apply"/>,
/// which checks the transition, moves the processing clock and appends the process control sheet entry.
/// All instants are stored in UTC.
/// </summary>
public sealed class Dossier
{
    public long Id { get; private set; }
    public string Code { get; private set; } = "";
    public int ProcedureVersionId { get; private set; }
    public string ProcedureCode { get; private set; } = "";
    /// <summary>The competent unit that settles the dossier.</summary>
    public string UnitCode { get; private set; } = "";
    /// <summary>The unit whose reception point received it (may differ: receipt regardless of boundary).</summary>
    public string ReceivingUnitCode { get; private set; } = "";
    public string? ReceptionPointCode { get; private set; }
    public IntakeChannel Channel { get; private set; }
    public DossierStatus Status { get; private set; }
    public DossierOutcome Outcome { get; private set; }
    /// <summary>The real moment of receipt (for back-entry, when the paper was received).</summary>
    public DateTimeOffset ReceivedAt { get; private set; }
    /// <summary>When the dossier was entered into MotCua.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    /// <summary>Set while the clock is stopped for a supplement request.</summary>
    public DateTimeOffset? ClockStoppedAt { get; private set; }
    /// <summary>Working time left when the clock stopped, in minutes.</summary>
    public long? RemainingWorkingMinutes { get; private set; }
    public DossierStatus? StatusBeforeSupplement { get; private set; }
    /// <summary>The procedure's receipt cutoff, kept so a resubmission after it also counts from the next working day.</summary>
    public TimeOnly? ReceiptCutoff { get; private set; }
    public int SupplementCount { get; private set; }
    /// <summary>When the result became available (on-time is CompletedAt &lt;= DueAt).</summary>
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public string? Assignee { get; private set; }
    public string? TransferredTo { get; private set; }
    public Applicant Applicant { get; private set; } = new();
    /// <summary>The applicant's name without accents and case, for search ("tran" finds "Trần").</summary>
    public string ApplicantNameFolded { get; private set; } = "";
    /// <summary>The procedure's form fields as a JSON object.</summary>
    public string FormDataJson { get; private set; } = "{}";
    /// <summary>The account that owns the dossier for tracking (the citizen), if any.</summary>
    public string? OwnerUserName { get; private set; }
    /// <summary>The staff member or volunteer who entered it.</summary>
    public string ReceivedBy { get; private set; } = "";
    /// <summary>Optimistic concurrency version, incremented by every change.</summary>
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public List<DossierHistoryEntry> History { get; private set; } = [];
    public List<DossierDocument> Documents { get; private set; } = [];
    /// <summary>
    /// Required-document codes of the papers the counter ticked as received, scanned or not (the paper dossier stays at the
    /// office); see <see cref="HandedInDocuments"/>.
    /// </summary>
    public List<string> PapersChecked { get; private set; } = [];
    public List<ApologySlip> ApologySlips { get; private set; } = [];

    private Dossier() { }

    /// <summary>Creates a received dossier with its appointment date and the first history line.</summary>
    public static Dossier Receive(DossierIntake intake, WorkingCalendar calendar, DateTimeOffset now)
    {
        if (intake.ReceivedAt > now.AddMinutes(5))
            throw new DossierRuleException("ReceivedInFuture");
        var dossier = new Dossier
        {
            Code = intake.Code,
            ProcedureVersionId = intake.ProcedureVersionId,
            ProcedureCode = intake.ProcedureCode,
            UnitCode = intake.UnitCode,
            ReceivingUnitCode = intake.ReceivingUnitCode,
            ReceptionPointCode = intake.ReceptionPointCode,
            Channel = intake.Channel,
            Status = DossierStatus.Received,
            ReceivedAt = intake.ReceivedAt.ToUniversalTime(),
            RecordedAt = now.ToUniversalTime(),
            DueAt = calendar.DueAt(intake.ReceivedAt, intake.ProcessingDays, intake.ReceiptCutoff).ToUniversalTime(),
            ReceiptCutoff = intake.ReceiptCutoff,
            Applicant = intake.Applicant,
            ApplicantNameFolded = MotCua.Core.Units.VietnameseText.Fold(intake.Applicant.FullName),
            FormDataJson = intake.FormDataJson,
            OwnerUserName = intake.OwnerUserName,
            ReceivedBy = intake.ReceivedBy,
            PapersChecked = intake.PapersChecked?.Distinct(StringComparer.Ordinal).ToList() ?? [],
            Version = 1,
            UpdatedAt = now.ToUniversalTime(),
        };
        var note = intake.Channel == IntakeChannel.BackEntry
            ? $"back-entry; recorded {now.ToOffset(WorkingCalendar.VietnamOffset):yyyy-MM-dd HH:mm}"
            : null;
        dossier.History.Add(new DossierHistoryEntry(1, dossier.ReceivedAt, intake.ReceivedBy, "Receive", null,
            DossierStatus.Received, note, null));
        return dossier;
    }

    /// <summary>Overdue: the clock runs, no result yet, and the appointment has passed.</summary>
    public bool IsOverdueAt(DateTimeOffset now) =>
        CompletedAt is null && ClockStoppedAt is null && !DossierTransitionRules.IsFinal(Status) && now > DueAt;

    /// <summary>
    /// The one way to change a dossier: checks the action against the status, the actor's roles and the
    /// expected version; moves the clock; appends the history entry; bumps the version.
    /// </summary>
    public void Apply(DossierAction action, Actor actor, DossierActionInput input, int expectedVersion,
        WorkingCalendar calendar, DateTimeOffset now)
    {
        if (expectedVersion != Version)
            throw new DossierRuleException("VersionConflict", expectedVersion, Version);
        var rule = DossierTransitionRules.For(action, Status)
            ?? throw new DossierRuleException("TransitionNotAllowed", action, Status);
        if (!rule.Roles.Any(actor.Roles.Contains))
            throw new DossierRuleException("RoleNotAllowed", action);

        var from = Status;
        var utcNow = now.ToUniversalTime();
        string? assignee = null;
        switch (action)
        {
            case DossierAction.Assign:
                if (string.IsNullOrWhiteSpace(input.Assignee))
                    throw new DossierRuleException("AssigneeRequired");
                Assignee = assignee = input.Assignee.Trim();
                Status = DossierStatus.Assigned;
                break;
            case DossierAction.StartProcessing:
                if (Assignee != actor.UserName && !actor.IsIn(Roles.Leader))
                    throw new DossierRuleException("NotAssignee", Assignee ?? "");
                Status = DossierStatus.Processing;
                break;
            case DossierAction.RequestSupplement:
                RequireNote(input);
                StopClock(calendar, utcNow);
                StatusBeforeSupplement = Status;
                SupplementCount++;
                Status = DossierStatus.SupplementRequested;
                break;
            case DossierAction.Resubmit:
                RequireOwnerUnlessStaff(actor);
                RestartClock(calendar, utcNow);
                Status = StatusBeforeSupplement ?? DossierStatus.Received;
                StatusBeforeSupplement = null;
                break;
            case DossierAction.SubmitForApproval:
                if (Assignee != actor.UserName)
                    throw new DossierRuleException("NotAssignee", Assignee ?? "");
                Status = DossierStatus.AwaitingApproval;
                break;
            case DossierAction.Approve:
                Status = DossierStatus.Approved;
                Outcome = DossierOutcome.Approved;
                break;
            case DossierAction.Reject:
                RequireNote(input);
                Status = DossierStatus.Rejected;
                Outcome = DossierOutcome.Rejected;
                break;
            case DossierAction.MarkResultReady:
                Status = DossierStatus.ResultReady;
                CompletedAt = utcNow;
                if (from == DossierStatus.Transferred)
                    Outcome = DossierOutcome.SettledElsewhere;
                break;
            case DossierAction.ReturnResult:
                Status = DossierStatus.Returned;
                ReturnedAt = utcNow;
                break;
            case DossierAction.Withdraw:
                RequireOwnerUnlessStaff(actor);
                Status = DossierStatus.Withdrawn;
                ClockStoppedAt ??= utcNow;
                break;
            case DossierAction.Transfer:
                if (string.IsNullOrWhiteSpace(input.TargetAgency))
                    throw new DossierRuleException("TargetAgencyRequired");
                TransferredTo = input.TargetAgency.Trim();
                Status = DossierStatus.Transferred;
                break;
            case DossierAction.Apologize:
                RequireNote(input);
                if (input.NewDueAt is not { } newDue)
                    throw new DossierRuleException("NewDueAtRequired");
                if (CompletedAt is not null)
                    throw new DossierRuleException("AlreadyCompleted");
                if (!IsOverdueAt(now))
                    throw new DossierRuleException("NotOverdue");
                if (newDue.ToUniversalTime() <= DueAt || newDue.ToUniversalTime() <= utcNow)
                    throw new DossierRuleException("NewDueAtNotLater");
                ApologySlips.Add(new ApologySlip(utcNow, actor.UserName, input.Note!.Trim(), DueAt, newDue.ToUniversalTime()));
                DueAt = newDue.ToUniversalTime();
                break;
            default:
                throw new DossierRuleException("TransitionNotAllowed", action, Status);
        }

        History.Add(new DossierHistoryEntry(History.Count == 0 ? 1 : History.Max(h => h.Sequence) + 1, utcNow,
            actor.UserName, action.ToString(), from, Status, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            assignee));
        Version++;
        UpdatedAt = utcNow;
    }

    /// <summary>Adds an uploaded file; the caller saves it in the same unit of work.</summary>
    public void AttachDocument(DossierDocument document) => Documents.Add(document);

    /// <summary>A citizen acts only on their own dossier, a volunteer only on one they submitted; staff of the unit on any.</summary>
    private void RequireOwnerUnlessStaff(Actor actor)
    {
        if (actor.IsIn(Roles.Officer, Roles.Specialist, Roles.Leader, Roles.ProvinceAdmin)) return;
        if (OwnerUserName == actor.UserName && OwnerUserName is not null) return;
        if (actor.IsIn(Roles.Volunteer) && ReceivedBy == actor.UserName) return;
        throw new DossierRuleException("NotOwner");
    }

    private static void RequireNote(DossierActionInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Note))
            throw new DossierRuleException("NoteRequired");
    }

    private void StopClock(WorkingCalendar calendar, DateTimeOffset now)
    {
        var remaining = calendar.WorkingTimeBetween(now, DueAt);
        RemainingWorkingMinutes = (long)Math.Round(remaining.TotalMinutes);
        ClockStoppedAt = now;
    }

    private void RestartClock(WorkingCalendar calendar, DateTimeOffset now)
    {
        var remaining = TimeSpan.FromMinutes(RemainingWorkingMinutes ?? 0);
        var start = calendar.ClockStart(now, ReceiptCutoff);
        DueAt = calendar.AddWorkingTime(start, remaining).ToUniversalTime();
        ClockStoppedAt = null;
        RemainingWorkingMinutes = null;
    }
}
