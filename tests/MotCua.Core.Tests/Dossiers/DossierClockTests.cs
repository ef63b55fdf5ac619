using MotCua.Core.Calendar;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using static MotCua.Core.Dossiers.DossierAction;
using static MotCua.Core.Dossiers.DossierStatus;
using static MotCua.Core.Tests.Dossiers.DossierKit;

namespace MotCua.Core.Tests.Dossiers;

/// <summary>
/// The appointment date and the processing clock. A working day is 08:00–17:00 Vietnam time (9 hours), so
/// 3 working days are 27 working hours.
/// </summary>
public class DossierClockTests
{
    private static Dossier ReceiveAt(DateTimeOffset receivedAt, decimal days = 3, TimeOnly? cutoff = null) =>
        Dossier.Receive(Intake(receivedAt, days, cutoff), SeedCalendar, receivedAt);

    [Fact]
    public void Received_Monday_09_00_with_3_working_days_is_due_Thursday_09_00()
    {
        Dossier dossier = ReceiveAt(Vn(2026, 3, 2, 9));

        Assert.Equal(Vn(2026, 3, 5, 9), dossier.DueAt);
        Assert.Equal(TimeSpan.Zero, dossier.DueAt.Offset); // stored in UTC
        Assert.Equal(TimeSpan.Zero, dossier.ReceivedAt.Offset);
    }

    [Fact]
    public void Received_after_17_00_counts_from_the_next_working_day()
    {
        // Tuesday 08:00 + 27 h = Thursday 17:00 (the end of a day stays there).
        Assert.Equal(Vn(2026, 3, 5, 17), ReceiveAt(Vn(2026, 3, 2, 17, 30)).DueAt);
        Assert.Equal(Vn(2026, 3, 5, 17), ReceiveAt(Vn(2026, 3, 2, 17, 0)).DueAt);
    }

    [Fact]
    public void Received_before_08_00_counts_from_08_00()
    {
        Assert.Equal(Vn(2026, 3, 4, 17), ReceiveAt(Vn(2026, 3, 2, 6, 30)).DueAt);
    }

    [Fact]
    public void Received_Friday_evening_counts_from_Monday()
    {
        // Friday 6 March 18:00 → Monday 9 March 08:00 + 27 h = Wednesday 11 March 17:00.
        Assert.Equal(Vn(2026, 3, 11, 17), ReceiveAt(Vn(2026, 3, 6, 18)).DueAt);
        // Received on the Saturday, the same.
        Assert.Equal(Vn(2026, 3, 11, 17), ReceiveAt(Vn(2026, 3, 7, 10)).DueAt);
    }

    [Fact]
    public void Received_after_the_procedures_cutoff_counts_from_the_next_working_day()
    {
        TimeOnly cutoff = new(15, 0);

        Assert.Equal(Vn(2026, 3, 5, 17), ReceiveAt(Vn(2026, 3, 2, 15, 30), cutoff: cutoff).DueAt);
        Assert.Equal(Vn(2026, 3, 5, 15, 30), ReceiveAt(Vn(2026, 3, 2, 15, 30)).DueAt);
        Assert.Equal(Vn(2026, 3, 5, 14, 59), ReceiveAt(Vn(2026, 3, 2, 14, 59), cutoff: cutoff).DueAt);
    }

    [Fact]
    public void Half_a_working_day_is_four_and_a_half_hours()
    {
        Assert.Equal(Vn(2026, 3, 2, 13, 30), ReceiveAt(Vn(2026, 3, 2, 9), 0.5m).DueAt);
    }

    [Fact]
    public void Tet_2026_from_the_seed_file_is_skipped()
    {
        // Thursday 12 Feb 14:00: 3 h Thursday + 9 h Friday 13; Tết 14–22 Feb off; 9 h Monday 23; Tuesday 24 08:00 + 6 h.
        Dossier dossier = ReceiveAt(Vn(2026, 2, 12, 14));

        Assert.Equal(Vn(2026, 2, 24, 14), dossier.DueAt);
    }

    [Fact]
    public void Received_during_Tet_counts_from_the_first_working_day_after_it()
    {
        Assert.Equal(Vn(2026, 2, 25, 17), ReceiveAt(Vn(2026, 2, 18, 10)).DueAt);
    }

    [Fact]
    public void A_computed_calendar_also_skips_weekends()
    {
        var computed = new WorkingCalendar([]);
        Dossier dossier = Dossier.Receive(Intake(Vn(2026, 3, 6, 18)), computed, Vn(2026, 3, 6, 18));

        Assert.Equal(Vn(2026, 3, 11, 17), dossier.DueAt);
    }

    [Fact]
    public void A_supplement_request_stops_the_clock_with_the_working_time_left()
    {
        // Due Thursday 5 March 09:00; stopped Tuesday 3 March 10:00: 7 h Tue + 9 h Wed + 1 h Thu = 17 h.
        DossierDriver driver = DossierDriver.At(Assigned).Do(RequestSupplement, at: Vn(2026, 3, 3, 10));
        Dossier dossier = driver.Dossier;

        Assert.Equal(SupplementRequested, dossier.Status);
        Assert.Equal(Vn(2026, 3, 3, 10), dossier.ClockStoppedAt);
        Assert.Equal(17 * 60, dossier.RemainingWorkingMinutes);
        Assert.Equal(1, dossier.SupplementCount);
        Assert.Equal(Assigned, dossier.StatusBeforeSupplement);
        Assert.Equal(Vn(2026, 3, 5, 9), dossier.DueAt); // unchanged while stopped
    }

    [Fact]
    public void A_stopped_dossier_is_never_overdue_however_long_after_its_due_date()
    {
        Dossier dossier = DossierDriver.At(Assigned).Do(RequestSupplement, at: Vn(2026, 3, 3, 10)).Dossier;

        Assert.False(dossier.IsOverdueAt(Vn(2026, 3, 5, 9, 1)));
        Assert.False(dossier.IsOverdueAt(Vn(2026, 6, 1, 9)));
    }

    [Fact]
    public void Resubmit_restarts_the_clock_with_the_remaining_time()
    {
        // 17 h left; resubmitted Monday 9 March 14:00: 3 h Mon + 9 h Tue + Wednesday 11 March 08:00 + 5 h = 13:00.
        DossierDriver driver = DossierDriver.At(Assigned)
            .Do(RequestSupplement, at: Vn(2026, 3, 3, 10))
            .Do(Resubmit, DossierKit.Person(OwnerLan, Roles.Citizen), new DossierActionInput(), at: Vn(2026, 3, 9, 14));
        Dossier dossier = driver.Dossier;

        Assert.Equal(Assigned, dossier.Status);
        Assert.Equal(Vn(2026, 3, 11, 13), dossier.DueAt);
        Assert.Null(dossier.ClockStoppedAt);
        Assert.Null(dossier.RemainingWorkingMinutes);
        Assert.Equal(1, dossier.SupplementCount);
        Assert.False(dossier.IsOverdueAt(Vn(2026, 3, 11, 13)));
        Assert.True(dossier.IsOverdueAt(Vn(2026, 3, 11, 13, 1)));
    }

    [Fact]
    public void A_second_supplement_request_counts_and_stops_the_clock_again()
    {
        DossierDriver driver = DossierDriver.At(Assigned)
            .Do(RequestSupplement, at: Vn(2026, 3, 3, 10))
            .Do(Resubmit, at: Vn(2026, 3, 9, 14))              // due Wednesday 11 March 13:00
            .Do(RequestSupplement, at: Vn(2026, 3, 10, 8));     // 9 h Tue + 5 h Wed = 14 h left
        Dossier dossier = driver.Dossier;

        Assert.Equal(2, dossier.SupplementCount);
        Assert.Equal(14 * 60, dossier.RemainingWorkingMinutes);
        Assert.Equal(Vn(2026, 3, 10, 8), dossier.ClockStoppedAt);

        // Resubmitted Thursday 12 March 18:00 (after hours): Friday 13 08:00 + 9 h, then Monday 16 08:00 + 5 h.
        driver.Do(Resubmit, at: Vn(2026, 3, 12, 18));
        Assert.Equal(Vn(2026, 3, 16, 13), dossier.DueAt);
        Assert.Equal(2, dossier.SupplementCount);
    }

    [Fact]
    public void A_supplement_requested_after_the_due_date_leaves_no_time()
    {
        DossierDriver driver = DossierDriver.At(Processing).Do(RequestSupplement, at: Vn(2026, 3, 6, 10));

        Assert.Equal(0, driver.Dossier.RemainingWorkingMinutes);

        driver.Do(Resubmit, at: Vn(2026, 3, 9, 10));
        Assert.Equal(Vn(2026, 3, 9, 10), driver.Dossier.DueAt);
    }

    [Fact]
    public void An_open_dossier_is_overdue_strictly_after_its_due_date()
    {
        Dossier dossier = DossierDriver.At(Processing).Dossier;

        Assert.False(dossier.IsOverdueAt(Vn(2026, 3, 4, 16)));
        Assert.False(dossier.IsOverdueAt(Vn(2026, 3, 5, 9)));
        Assert.True(dossier.IsOverdueAt(Vn(2026, 3, 5, 9, 1)));
    }

    [Fact]
    public void Once_the_result_is_ready_the_dossier_is_no_longer_overdue()
    {
        DossierDriver driver = DossierDriver.At(Approved);
        Assert.True(driver.Dossier.IsOverdueAt(Vn(2026, 3, 10, 9)));

        driver.Do(MarkResultReady, at: Vn(2026, 3, 10, 9));

        Assert.Equal(Vn(2026, 3, 10, 9), driver.Dossier.CompletedAt);
        Assert.False(driver.Dossier.IsOverdueAt(Vn(2026, 3, 10, 10)));
        Assert.False(driver.Dossier.IsOverdueAt(Vn(2027, 1, 1, 10)));
    }

    public static TheoryData<DossierStatus> EveryStatus() => new(Enum.GetValues<DossierStatus>());

    /// <summary>Long after the due date, a dossier is overdue exactly in the statuses where the clock runs.</summary>
    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Overdue_long_after_the_due_date_exactly_where_the_clock_runs(DossierStatus status)
    {
        bool expectedClockRuns = status is Received or Assigned or Processing or AwaitingApproval or Approved or Rejected or Transferred;
        Dossier dossier = DossierDriver.At(status).Dossier;

        Assert.Equal(expectedClockRuns, DossierTransitionRules.ClockRuns(status));
        Assert.Equal(expectedClockRuns, dossier.IsOverdueAt(dossier.DueAt.AddDays(30)));
    }

    [Fact]
    public void Withdrawal_stops_the_clock()
    {
        DossierDriver driver = DossierDriver.At(Processing).Do(Withdraw, at: Vn(2026, 3, 3, 11));

        Assert.Equal(Vn(2026, 3, 3, 11), driver.Dossier.ClockStoppedAt);
        Assert.False(driver.Dossier.IsOverdueAt(Vn(2026, 4, 1, 9)));
    }

    [Fact]
    public void Withdrawal_while_stopped_keeps_the_stop_instant()
    {
        DossierDriver driver = DossierDriver.At(Processing)
            .Do(RequestSupplement, at: Vn(2026, 3, 3, 10))
            .Do(Withdraw, at: Vn(2026, 3, 20, 10));

        Assert.Equal(Withdrawn, driver.Dossier.Status);
        Assert.Equal(Vn(2026, 3, 3, 10), driver.Dossier.ClockStoppedAt);
    }

    [Fact]
    public void An_apology_before_the_appointment_is_refused_so_due_dates_cannot_be_pushed_ahead()
    {
        DossierDriver driver = DossierDriver.At(Processing);
        Assert.Equal("NotOverdue", driver.Refused(Apologize, at: Vn(2026, 3, 5, 8, 30),
            input: new DossierActionInput(Note: "lý do", NewDueAt: Vn(2026, 6, 1, 17))));
        Assert.Equal(Vn(2026, 3, 5, 9), driver.Dossier.DueAt);
        Assert.Empty(driver.Dossier.ApologySlips);
    }

    [Fact]
    public void Apologize_moves_the_due_date_and_records_an_apology_slip()
    {
        DossierDriver driver = DossierDriver.At(Processing);
        DateTimeOffset at = Vn(2026, 3, 5, 9, 30); // half an hour after the appointment
        DateTimeOffset newDue = Vn(2026, 3, 10, 17);

        driver.Do(Apologize, DossierKit.Person("chi", Roles.Leader),
            new DossierActionInput(Note: "  cần xác minh tại địa phương  ", NewDueAt: newDue), at);
        Dossier dossier = driver.Dossier;

        Assert.Equal(Processing, dossier.Status);
        Assert.Equal(newDue, dossier.DueAt);
        ApologySlip slip = Assert.Single(dossier.ApologySlips);
        Assert.Equal(Vn(2026, 3, 5, 9), slip.PreviousDueAt);
        Assert.Equal(newDue, slip.NewDueAt);
        Assert.Equal(at, slip.IssuedAt);
        Assert.Equal("chi", slip.IssuedBy);
        Assert.Equal("cần xác minh tại địa phương", slip.Reason);
        Assert.Equal(("Apologize", Processing, Processing), (dossier.History[^1].Action, dossier.History[^1].FromStatus!.Value, dossier.History[^1].ToStatus));
        Assert.False(dossier.IsOverdueAt(Vn(2026, 3, 10, 17)));
        Assert.True(dossier.IsOverdueAt(Vn(2026, 3, 10, 17, 1)));
    }

    [Fact]
    public void A_second_apology_chains_from_the_first_new_due_date()
    {
        DossierDriver driver = DossierDriver.At(Transferred)
            .Do(Apologize, input: new DossierActionInput(Note: "lần 1", NewDueAt: Vn(2026, 3, 10, 17)))
            .Do(Apologize, input: new DossierActionInput(Note: "lần 2", NewDueAt: Vn(2026, 3, 17, 17)));
        Dossier dossier = driver.Dossier;

        Assert.Equal(2, dossier.ApologySlips.Count);
        Assert.Equal(Vn(2026, 3, 10, 17), dossier.ApologySlips[1].PreviousDueAt);
        Assert.Equal(Vn(2026, 3, 17, 17), dossier.DueAt);
        Assert.Equal(Transferred, dossier.Status);
    }

    [Fact]
    public void A_back_entry_keeps_the_real_receipt_time_and_records_when_it_was_entered()
    {
        // Paper received Friday 27 February 10:00 while systems were down, entered Monday 2 March 09:00.
        DateTimeOffset receivedAt = Vn(2026, 2, 27, 10);
        DateTimeOffset now = Vn(2026, 3, 2, 9);

        Dossier dossier = Dossier.Receive(Intake(receivedAt, channel: IntakeChannel.BackEntry), SeedCalendar, now);

        Assert.Equal(receivedAt, dossier.ReceivedAt);
        Assert.Equal(now, dossier.RecordedAt);
        Assert.Equal(now, dossier.UpdatedAt);
        // From the real receipt: 7 h Fri + 9 h Mon + 9 h Tue + Wednesday 4 March 08:00 + 2 h.
        Assert.Equal(Vn(2026, 3, 4, 10), dossier.DueAt);
        DossierHistoryEntry first = Assert.Single(dossier.History);
        Assert.Equal(receivedAt, first.At);
        Assert.Equal("Receive", first.Action);
        Assert.Equal(Received, first.ToStatus);
        Assert.Contains("back-entry", first.Note);
        Assert.Contains("2026-03-02 09:00", first.Note);
        Assert.Equal(IntakeChannel.BackEntry, dossier.Channel);
    }

    [Fact]
    public void A_receipt_in_the_future_is_refused()
    {
        DateTimeOffset now = Vn(2026, 3, 2, 9);

        var ex = Assert.Throws<DossierRuleException>(() => Dossier.Receive(Intake(now.AddHours(1)), SeedCalendar, now));
        Assert.Equal("ReceivedInFuture", ex.Code);

        ex = Assert.Throws<DossierRuleException>(() => Dossier.Receive(Intake(now.AddDays(1), channel: IntakeChannel.BackEntry), SeedCalendar, now));
        Assert.Equal("ReceivedInFuture", ex.Code);
    }

    [Fact]
    public void A_receipt_now_is_accepted_at_any_offset()
    {
        DateTimeOffset now = Vn(2026, 3, 2, 9);

        Dossier dossier = Dossier.Receive(Intake(now.ToOffset(TimeSpan.Zero)), SeedCalendar, now);

        Assert.Equal(now, dossier.ReceivedAt);
        Assert.Equal(now, dossier.RecordedAt);
        Assert.Equal(Vn(2026, 3, 5, 9), dossier.DueAt);
    }

    [Fact]
    public void Receipt_copies_the_intake()
    {
        DossierIntake intake = Intake(Vn(2026, 3, 2, 9), owner: "lan");

        Dossier dossier = Dossier.Receive(intake, SeedCalendar, Vn(2026, 3, 2, 9));

        Assert.Equal(intake.Code, dossier.Code);
        Assert.Equal(intake.ProcedureCode, dossier.ProcedureCode);
        Assert.Equal(intake.ProcedureVersionId, dossier.ProcedureVersionId);
        Assert.Equal(intake.UnitCode, dossier.UnitCode);
        Assert.Equal(intake.ReceivingUnitCode, dossier.ReceivingUnitCode);
        Assert.Equal(intake.ReceptionPointCode, dossier.ReceptionPointCode);
        Assert.Equal("lan", dossier.OwnerUserName);
        Assert.Equal(intake.ReceivedBy, dossier.ReceivedBy);
        Assert.Same(intake.Applicant, dossier.Applicant);
        Assert.Equal(Received, dossier.Status);
        Assert.Equal(DossierOutcome.None, dossier.Outcome);
        Assert.Null(dossier.ClockStoppedAt);
        Assert.Equal(0, dossier.SupplementCount);
        Assert.Null(dossier.CompletedAt);
    }
}
