using System.Runtime.CompilerServices;
using MotCua.Core.Calendar;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;

namespace MotCua.Core.Tests.Dossiers;

/// <summary>
/// What the dossier tests share: the shipped 2026 calendar, Vietnam-time instants, actors, intakes, and a
/// <see cref="DossierDriver"/> that replays real actions from Received to bring a dossier into any status.
/// </summary>
internal static class DossierKit
{
    private static readonly Lazy<IReadOnlyList<CalendarYear>> SeedYears =
        new(() => CalendarYearFile.Parse(File.ReadAllText(SeedCalendarPath())));

    /// <summary>The calendar of src/MotCua.Data/Seed/calendar.json (Tết 2026: 14–22 February off).</summary>
    public static WorkingCalendar SeedCalendar { get; } = new(SeedYears.Value);

    /// <summary>Monday 2 March 2026, 09:00 Vietnam time: the receipt instant most tests start from.</summary>
    public static readonly DateTimeOffset MondayMorning = Vn(2026, 3, 2, 9);

    /// <summary>The user the all-roles actor is; driven dossiers are assigned to this user.</summary>
    public const string Anna = "an";

    /// <summary>The citizen account that owns driven dossiers unless a test says otherwise.</summary>
    public const string OwnerLan = "lan";

    public const string TargetAgency = "000.00.00.H01";

    /// <summary>Holds every role there is (and is the assignee of driven dossiers).</summary>
    public static Actor AllRoles { get; } = new(Anna, Roles.All.ToHashSet());

    public static Actor Person(string userName, params string[] roles) => new(userName, roles.ToHashSet());

    /// <summary>An instant in Vietnam wall-clock time (+07:00).</summary>
    public static DateTimeOffset Vn(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, WorkingCalendar.VietnamOffset);

    public static DossierIntake Intake(
        DateTimeOffset receivedAt,
        decimal processingDays = 3,
        TimeOnly? cutoff = null,
        IntakeChannel channel = IntakeChannel.Counter,
        string? owner = OwnerLan,
        string receivedBy = "officer.hoa") =>
        new(
            Code: DossierCode.Format("000.00.05.H91", DateOnly.FromDateTime(receivedAt.ToOffset(WorkingCalendar.VietnamOffset).DateTime), 1),
            ProcedureVersionId: 7,
            ProcedureCode: "1.001193",
            ProcessingDays: processingDays,
            ReceiptCutoff: cutoff,
            UnitCode: "31117",
            ReceivingUnitCode: "31117",
            ReceptionPointCode: "TN-01",
            Channel: channel,
            ReceivedAt: receivedAt,
            Applicant: new Applicant { FullName = "Nguyễn Thị Lan", IdNumber = "091195001234", DateOfBirth = new DateOnly(1995, 5, 17) },
            FormDataJson: "{}",
            OwnerUserName: owner,
            ReceivedBy: receivedBy);

    /// <summary>
    /// A path of real actions from Received to each status, as the all-roles actor would take it.
    /// SupplementRequested is reached from Received, so Resubmit from it returns to Received.
    /// </summary>
    public static IReadOnlyList<DossierAction> PathTo(DossierStatus status) => status switch
    {
        DossierStatus.Received => [],
        DossierStatus.Assigned => [DossierAction.Assign],
        DossierStatus.Processing => [DossierAction.Assign, DossierAction.StartProcessing],
        DossierStatus.SupplementRequested => [DossierAction.RequestSupplement],
        DossierStatus.AwaitingApproval => [DossierAction.Assign, DossierAction.StartProcessing, DossierAction.SubmitForApproval],
        DossierStatus.Approved => [.. PathTo(DossierStatus.AwaitingApproval), DossierAction.Approve],
        DossierStatus.Rejected => [DossierAction.Reject],
        DossierStatus.Transferred => [DossierAction.Transfer],
        DossierStatus.ResultReady => [.. PathTo(DossierStatus.Approved), DossierAction.MarkResultReady],
        DossierStatus.Returned => [.. PathTo(DossierStatus.ResultReady), DossierAction.ReturnResult],
        DossierStatus.Withdrawn => [DossierAction.Withdraw],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No path known to this status."),
    };

    /// <summary>Everything about a dossier that an action may change, to check that a refused one changed nothing.</summary>
    public static object Snapshot(Dossier d) => new
    {
        d.Status,
        d.Version,
        d.UpdatedAt,
        HistoryCount = d.History.Count,
        LastSequence = d.History[^1].Sequence,
        d.DueAt,
        d.ClockStoppedAt,
        d.RemainingWorkingMinutes,
        d.StatusBeforeSupplement,
        d.SupplementCount,
        d.CompletedAt,
        d.ReturnedAt,
        d.Assignee,
        d.TransferredTo,
        d.Outcome,
        ApologySlipCount = d.ApologySlips.Count,
    };

    private static string SeedCalendarPath([CallerFilePath] string thisFile = "")
    {
        string repositoryRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
        return Path.Combine(repositoryRoot, "src", "MotCua.Data", "Seed", "calendar.json");
    }
}

/// <summary>
/// A received dossier and a test clock: each <see cref="Do"/> applies one action with the current version,
/// ten minutes (or the given instant) after the previous one.
/// </summary>
internal sealed class DossierDriver
{
    private DossierDriver(Dossier dossier, DateTimeOffset now)
    {
        Dossier = dossier;
        Now = now;
    }

    public Dossier Dossier { get; }

    /// <summary>The instant of the last action (or of the receipt).</summary>
    public DateTimeOffset Now { get; private set; }

    public WorkingCalendar Calendar => DossierKit.SeedCalendar;

    public static DossierDriver Receive(DateTimeOffset? receivedAt = null, decimal processingDays = 3, string? owner = DossierKit.OwnerLan)
    {
        DateTimeOffset at = receivedAt ?? DossierKit.MondayMorning;
        return new DossierDriver(Dossier.Receive(DossierKit.Intake(at, processingDays, owner: owner), DossierKit.SeedCalendar, at), at);
    }

    /// <summary>Received at <see cref="DossierKit.MondayMorning"/>, then brought into the status by real actions.</summary>
    public static DossierDriver At(DossierStatus status, string? owner = DossierKit.OwnerLan)
    {
        DossierDriver driver = Receive(owner: owner);
        foreach (DossierAction action in DossierKit.PathTo(status))
        {
            driver.Do(action);
        }
        Assert.Equal(status, driver.Dossier.Status);
        return driver;
    }

    /// <summary>Input that satisfies every action's input rules for this dossier now.</summary>
    public DossierActionInput ValidInput() =>
        new(Note: "ghi chú", Assignee: DossierKit.Anna, NewDueAt: Dossier.DueAt.AddDays(7), TargetAgency: DossierKit.TargetAgency);

    /// <summary>
    /// The next moment to act: ten minutes on; for an apology, past the appointment, since one is only issued for a late
    /// dossier.
    /// </summary>
    private DateTimeOffset Next(DossierAction action)
    {
        var next = Now.AddMinutes(10);
        return action == DossierAction.Apologize && next <= Dossier.DueAt ? Dossier.DueAt.AddHours(1) : next;
    }

    public DossierDriver Do(DossierAction action, Actor? actor = null, DossierActionInput? input = null, DateTimeOffset? at = null)
    {
        Now = at ?? Next(action);
        Dossier.Apply(action, actor ?? DossierKit.AllRoles, input ?? ValidInput(), Dossier.Version, Calendar, Now);
        return this;
    }

    /// <summary>Applies the action expecting a refusal; returns the refusal's code. The clock does not move.</summary>
    public string Refused(DossierAction action, Actor? actor = null, DossierActionInput? input = null, int? expectedVersion = null, DateTimeOffset? at = null)
    {
        DateTimeOffset now = at ?? Next(action);
        var ex = Assert.Throws<DossierRuleException>(() =>
            Dossier.Apply(action, actor ?? DossierKit.AllRoles, input ?? ValidInput(), expectedVersion ?? Dossier.Version, Calendar, now));
        return ex.Code;
    }
}
