using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using static MotCua.Core.Dossiers.DossierAction;
using static MotCua.Core.Dossiers.DossierStatus;

namespace MotCua.Core.Tests.Dossiers;

/// <summary>The process control sheet (one line per accepted action, never edited) and the optimistic version.</summary>
public class DossierHistoryTests
{
    [Fact]
    public void Receipt_writes_the_first_line_and_version_1()
    {
        Dossier dossier = DossierDriver.Receive().Dossier;

        Assert.Equal(1, dossier.Version);
        DossierHistoryEntry first = Assert.Single(dossier.History);
        Assert.Equal(1, first.Sequence);
        Assert.Equal(DossierKit.MondayMorning, first.At);
        Assert.Equal("officer.hoa", first.Actor);
        Assert.Equal("Receive", first.Action);
        Assert.Null(first.FromStatus);
        Assert.Equal(Received, first.ToStatus);
        Assert.Null(first.Note);
    }

    [Fact]
    public void Every_accepted_action_appends_exactly_one_line_and_bumps_the_version()
    {
        DossierDriver driver = DossierDriver.Receive(owner: "lan");
        Dossier dossier = driver.Dossier;
        Actor officer = DossierKit.Person("hoa", Roles.Officer);
        Actor specialist = DossierKit.Person("binh", Roles.Specialist);
        Actor leader = DossierKit.Person("chi", Roles.Leader);
        Actor citizen = DossierKit.Person("lan", Roles.Citizen);

        var steps = new (DossierAction Action, Actor Actor, DossierActionInput Input, string Name, DossierStatus From, DossierStatus To, string? Note)[]
        {
            (Assign, leader, new(Assignee: "binh"), "Assign", Received, Assigned, null),
            (StartProcessing, specialist, new(), "StartProcessing", Assigned, Processing, null),
            (RequestSupplement, specialist, new(Note: "  thiếu bản sao giấy khai sinh  "), "RequestSupplement", Processing, SupplementRequested, "thiếu bản sao giấy khai sinh"),
            (Resubmit, citizen, new(Note: "đã bổ sung"), "Resubmit", SupplementRequested, Processing, "đã bổ sung"),
            (SubmitForApproval, specialist, new(Note: "   "), "SubmitForApproval", Processing, AwaitingApproval, null),
            (Apologize, leader, new(Note: "chờ xác minh", NewDueAt: DossierKit.Vn(2026, 3, 20, 17)), "Apologize", AwaitingApproval, AwaitingApproval, "chờ xác minh"),
            (Approve, leader, new(), "Approve", AwaitingApproval, Approved, null),
            (MarkResultReady, specialist, new(), "MarkResultReady", Approved, ResultReady, null),
            (ReturnResult, officer, new(Note: "trả tại quầy"), "ReturnResult", ResultReady, Returned, "trả tại quầy"),
        };

        foreach (var step in steps)
        {
            int version = dossier.Version;
            int count = dossier.History.Count;
            int lastSequence = dossier.History[^1].Sequence;

            driver.Do(step.Action, step.Actor, step.Input);

            Assert.Equal(version + 1, dossier.Version);
            Assert.Equal(count + 1, dossier.History.Count);
            DossierHistoryEntry line = dossier.History[^1];
            Assert.Equal(lastSequence + 1, line.Sequence);
            Assert.Equal(driver.Now, line.At);
            Assert.Equal(step.Actor.UserName, line.Actor);
            Assert.Equal(step.Name, line.Action);
            Assert.Equal(step.From, line.FromStatus);
            Assert.Equal(step.To, line.ToStatus);
            Assert.Equal(step.Note, line.Note);
            Assert.Equal(step.To, dossier.Status);
            Assert.Equal(driver.Now, dossier.UpdatedAt);
        }

        Assert.Equal(Enumerable.Range(1, steps.Length + 1), dossier.History.Select(h => h.Sequence));
        Assert.Equal(steps.Length + 1, dossier.Version);
        Assert.Equal("binh", dossier.History[1].Assignee);
        Assert.All(dossier.History.Skip(2), h => Assert.Null(h.Assignee));
    }

    [Fact]
    public void The_lines_chain_each_to_status_to_the_next_from_status()
    {
        Dossier dossier = DossierDriver.At(Returned).Dossier;

        for (int i = 1; i < dossier.History.Count; i++)
        {
            Assert.Equal(dossier.History[i - 1].ToStatus, dossier.History[i].FromStatus);
            Assert.True(dossier.History[i].At >= dossier.History[i - 1].At);
        }
    }

    public static TheoryData<string, DossierStatus, DossierAction, string> Refusals() => new()
    {
        { "TransitionNotAllowed", Returned, Assign, DossierKit.Anna },
        { "RoleNotAllowed", Received, Assign, "citizen" },
        { "NotAssignee", Assigned, StartProcessing, "other specialist" },
        { "NoteRequired", Processing, RequestSupplement, "no note" },
        { "AssigneeRequired", Received, Assign, "no assignee" },
        { "TargetAgencyRequired", Received, Transfer, "no target" },
        { "NewDueAtRequired", Processing, Apologize, "no new due" },
        { "NotOwner", SupplementRequested, Resubmit, "other citizen" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_action_appends_nothing_and_keeps_the_version(string code, DossierStatus status, DossierAction action, string how)
    {
        DossierDriver driver = DossierDriver.At(status);
        Dossier dossier = driver.Dossier;
        object before = DossierKit.Snapshot(dossier);
        List<DossierHistoryEntry> lines = [.. dossier.History];
        DossierActionInput valid = driver.ValidInput();
        (Actor actor, DossierActionInput input) = how switch
        {
            "citizen" => (DossierKit.Person("lan", Roles.Citizen), valid),
            "other specialist" => (DossierKit.Person("binh", Roles.Specialist), valid),
            "no note" => (DossierKit.AllRoles, valid with { Note = null }),
            "no assignee" => (DossierKit.AllRoles, valid with { Assignee = " " }),
            "no target" => (DossierKit.AllRoles, valid with { TargetAgency = "" }),
            "no new due" => (DossierKit.AllRoles, valid with { NewDueAt = null }),
            "other citizen" => (DossierKit.Person("mai", Roles.Citizen), valid),
            _ => (DossierKit.AllRoles, valid),
        };

        Assert.Equal(code, driver.Refused(action, actor, input));

        Assert.Equal(before, DossierKit.Snapshot(dossier));
        Assert.Equal(lines, dossier.History); // the very same line objects, none added
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-1000)]
    public void An_expected_version_other_than_the_current_one_is_a_conflict(int offset)
    {
        DossierDriver driver = DossierDriver.At(Processing);
        object before = DossierKit.Snapshot(driver.Dossier);
        int version = driver.Dossier.Version;

        Assert.Equal(3, version);
        Assert.Equal("VersionConflict", driver.Refused(SubmitForApproval, expectedVersion: version + offset));
        Assert.Equal(before, DossierKit.Snapshot(driver.Dossier));
    }

    [Fact]
    public void A_stale_version_is_a_conflict_before_anything_else_is_checked()
    {
        DossierDriver driver = DossierDriver.At(Returned);

        Assert.Equal("VersionConflict", driver.Refused(Assign, DossierKit.Person("x"), new DossierActionInput(), expectedVersion: 1));
    }

    [Fact]
    public void Two_writers_with_the_same_version_one_wins_one_conflicts()
    {
        DossierDriver driver = DossierDriver.At(Processing);
        Dossier dossier = driver.Dossier;
        int seen = dossier.Version;

        dossier.Apply(Transfer, DossierKit.AllRoles, driver.ValidInput(), seen, driver.Calendar, driver.Now.AddMinutes(1));
        var ex = Assert.Throws<DossierRuleException>(() =>
            dossier.Apply(Withdraw, DossierKit.AllRoles, driver.ValidInput(), seen, driver.Calendar, driver.Now.AddMinutes(2)));

        Assert.Equal("VersionConflict", ex.Code);
        Assert.Equal(Transferred, dossier.Status);
        Assert.Equal(seen + 1, dossier.Version);
    }
}
