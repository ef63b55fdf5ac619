using MotCua.Core.Dossiers;
using static MotCua.Core.Dossiers.DossierAction;
using static MotCua.Core.Dossiers.DossierStatus;

namespace MotCua.Core.Tests.Dossiers;

/// <summary>What must come with an action: a note, an assignee, a target agency, a later appointment.</summary>
public class DossierInputRuleTests
{
    public static TheoryData<DossierAction, DossierStatus, string?> NoteMissing()
    {
        var data = new TheoryData<DossierAction, DossierStatus, string?>();
        foreach ((DossierAction action, DossierStatus from) in new[] { (RequestSupplement, Processing), (Reject, Received), (Reject, AwaitingApproval), (Apologize, Approved) })
        {
            foreach (string? note in new[] { null, "", "   \t" })
            {
                data.Add(action, from, note);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NoteMissing))]
    public void Supplement_request_rejection_and_apology_need_a_note(DossierAction action, DossierStatus from, string? note)
    {
        DossierDriver driver = DossierDriver.At(from);
        object before = DossierKit.Snapshot(driver.Dossier);

        Assert.Equal("NoteRequired", driver.Refused(action, input: driver.ValidInput() with { Note = note }));
        Assert.Equal(before, DossierKit.Snapshot(driver.Dossier));
    }

    [Theory]
    [InlineData(Assign)]
    [InlineData(StartProcessing)]
    [InlineData(Transfer)]
    [InlineData(Withdraw)]
    [InlineData(Resubmit)]
    public void Other_actions_need_no_note(DossierAction action)
    {
        DossierStatus from = action == Resubmit ? SupplementRequested : action == StartProcessing ? Assigned : Received;
        DossierDriver driver = DossierDriver.At(from);

        driver.Do(action, input: driver.ValidInput() with { Note = null });

        Assert.Null(driver.Dossier.History[^1].Note);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Assign_needs_an_assignee(string? assignee)
    {
        DossierDriver driver = DossierDriver.At(Received);
        object before = DossierKit.Snapshot(driver.Dossier);

        Assert.Equal("AssigneeRequired", driver.Refused(Assign, input: driver.ValidInput() with { Assignee = assignee }));
        Assert.Equal(before, DossierKit.Snapshot(driver.Dossier));
        Assert.Null(driver.Dossier.Assignee);
    }

    [Fact]
    public void Reassignment_keeps_the_status_and_changes_the_assignee()
    {
        DossierDriver driver = DossierDriver.At(Assigned).Do(Assign, input: new DossierActionInput(Assignee: "binh"));

        Assert.Equal(Assigned, driver.Dossier.Status);
        Assert.Equal("binh", driver.Dossier.Assignee);
        Assert.Equal(Assigned, driver.Dossier.History[^1].FromStatus);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Transfer_needs_a_target_agency(string? target)
    {
        DossierDriver driver = DossierDriver.At(Processing);
        object before = DossierKit.Snapshot(driver.Dossier);

        Assert.Equal("TargetAgencyRequired", driver.Refused(Transfer, input: driver.ValidInput() with { TargetAgency = target }));
        Assert.Equal(before, DossierKit.Snapshot(driver.Dossier));
        Assert.Null(driver.Dossier.TransferredTo);
    }

    [Fact]
    public void Apologize_needs_a_new_appointment()
    {
        DossierDriver driver = DossierDriver.At(Processing);
        object before = DossierKit.Snapshot(driver.Dossier);

        Assert.Equal("NewDueAtRequired", driver.Refused(Apologize, input: new DossierActionInput(Note: "chậm")));
        Assert.Equal(before, DossierKit.Snapshot(driver.Dossier));
    }

    [Theory]
    [InlineData(0)]        // the same appointment
    [InlineData(-1)]       // a minute earlier
    [InlineData(-60 * 24)] // a day earlier
    public void Apologize_needs_an_appointment_later_than_the_current_one(int minutesFromDue)
    {
        DossierDriver driver = DossierDriver.At(Processing);
        object before = DossierKit.Snapshot(driver.Dossier);
        DateTimeOffset newDue = driver.Dossier.DueAt.AddMinutes(minutesFromDue);

        Assert.Equal("NewDueAtNotLater", driver.Refused(Apologize, input: new DossierActionInput(Note: "chậm", NewDueAt: newDue)));
        Assert.Equal(before, DossierKit.Snapshot(driver.Dossier));
    }

    [Fact]
    public void The_same_appointment_given_at_another_offset_is_not_later()
    {
        DossierDriver driver = DossierDriver.At(Processing);
        DateTimeOffset sameInstantUtc = driver.Dossier.DueAt.ToOffset(TimeSpan.Zero);
        DateTimeOffset sameInstantVn = driver.Dossier.DueAt.ToOffset(TimeSpan.FromHours(7));

        Assert.Equal("NewDueAtNotLater", driver.Refused(Apologize, input: new DossierActionInput(Note: "chậm", NewDueAt: sameInstantUtc)));
        Assert.Equal("NewDueAtNotLater", driver.Refused(Apologize, input: new DossierActionInput(Note: "chậm", NewDueAt: sameInstantVn)));
    }

    [Fact]
    public void Apologize_needs_an_appointment_in_the_future()
    {
        // Due Thursday 5 March 09:00; the apology comes on Monday 9 March, proposing Friday 6 March.
        DossierDriver driver = DossierDriver.At(Processing);
        DateTimeOffset now = DossierKit.Vn(2026, 3, 9, 10);

        Assert.Equal("NewDueAtNotLater", driver.Refused(Apologize,
            input: new DossierActionInput(Note: "chậm", NewDueAt: DossierKit.Vn(2026, 3, 6, 17)), at: now));

        driver.Do(Apologize, input: new DossierActionInput(Note: "chậm", NewDueAt: DossierKit.Vn(2026, 3, 12, 17)), at: now);
        Assert.Equal(DossierKit.Vn(2026, 3, 12, 17), driver.Dossier.DueAt);
    }

    /// <summary>
    /// Once the result is ready the dossier is out of the apology states: the status check refuses it before the
    /// AlreadyCompleted check in the Apologize case could (that check cannot be reached through the table today).
    /// </summary>
    [Theory]
    [InlineData(ResultReady)]
    [InlineData(Returned)]
    public void Apologize_after_the_result_is_ready_is_refused(DossierStatus status)
    {
        DossierDriver driver = DossierDriver.At(status);
        object before = DossierKit.Snapshot(driver.Dossier);
        Assert.NotNull(driver.Dossier.CompletedAt);

        Assert.Equal("TransitionNotAllowed", driver.Refused(Apologize));
        Assert.Equal(before, DossierKit.Snapshot(driver.Dossier));
    }

    [Fact]
    public void Apologize_is_refused_while_the_clock_is_stopped_for_a_supplement()
    {
        DossierDriver driver = DossierDriver.At(SupplementRequested);

        Assert.Equal("TransitionNotAllowed", driver.Refused(Apologize));
    }
}
