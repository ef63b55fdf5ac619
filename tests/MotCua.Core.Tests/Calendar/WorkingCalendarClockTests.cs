using MotCua.Core.Calendar;
using static MotCua.Core.Tests.Calendar.CalendarFixtures;

namespace MotCua.Core.Tests.Calendar;

public class WorkingCalendarClockTests
{
    private static readonly TimeOnly Cutoff15 = new(15, 0);
    private readonly WorkingCalendar _calendar = Calendar2026();

    [Fact]
    public void Received_inside_working_hours_starts_the_clock_at_once()
    {
        Assert.Equal(Vn(2026, 3, 10, 10, 15), _calendar.ClockStart(Vn(2026, 3, 10, 10, 15)));
    }

    [Fact]
    public void Received_before_8_starts_at_8_the_same_day()
    {
        Assert.Equal(Vn(2026, 3, 10, 8), _calendar.ClockStart(Vn(2026, 3, 10, 6, 45)));
    }

    [Fact]
    public void Received_after_hours_starts_the_next_working_day()
    {
        Assert.Equal(Vn(2026, 3, 11, 8), _calendar.ClockStart(Vn(2026, 3, 10, 17, 30)));
        Assert.Equal(Vn(2026, 3, 11, 8), _calendar.ClockStart(Vn(2026, 3, 10, 17, 0)));
        Assert.Equal(Vn(2026, 3, 16, 8), _calendar.ClockStart(Vn(2026, 3, 13, 18, 0)));
    }

    [Fact]
    public void Received_after_the_15_00_cutoff_starts_the_next_working_day()
    {
        Assert.Equal(Vn(2026, 3, 11, 8), _calendar.ClockStart(Vn(2026, 3, 10, 15, 30), Cutoff15));
        Assert.Equal(Vn(2026, 3, 11, 8), _calendar.ClockStart(Vn(2026, 3, 10, 15, 0), Cutoff15));
        Assert.Equal(Vn(2026, 3, 10, 14, 59), _calendar.ClockStart(Vn(2026, 3, 10, 14, 59), Cutoff15));
        Assert.Equal(Vn(2026, 3, 10, 15, 30), _calendar.ClockStart(Vn(2026, 3, 10, 15, 30)));
    }

    [Fact]
    public void Received_on_a_Saturday_starts_Monday_at_8()
    {
        Assert.Equal(Vn(2026, 3, 16, 8), _calendar.ClockStart(Vn(2026, 3, 14, 9)));
    }

    [Fact]
    public void Received_on_a_swap_Saturday_counts_as_a_working_day()
    {
        Assert.Equal(Vn(2026, 8, 22, 9), _calendar.ClockStart(Vn(2026, 8, 22, 9)));
    }

    [Fact]
    public void Received_during_a_holiday_starts_the_first_working_day_after_it()
    {
        Assert.Equal(Vn(2026, 2, 23, 8), _calendar.ClockStart(Vn(2026, 2, 18, 10)));
    }

    [Fact]
    public void Any_offset_is_read_in_Vietnam_time_and_the_result_is_at_plus_7()
    {
        // 2026-03-10 02:00 UTC is 09:00 in Vietnam; 2026-03-10 11:00 UTC is 18:00, after hours.
        DateTimeOffset inside = _calendar.ClockStart(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        DateTimeOffset after = _calendar.ClockStart(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero));

        Assert.Equal(Vn(2026, 3, 10, 9), inside);
        Assert.Equal(WorkingCalendar.VietnamOffset, inside.Offset);
        Assert.Equal(Vn(2026, 3, 11, 8), after);
        Assert.Equal(WorkingCalendar.VietnamOffset, after.Offset);
    }

    [Fact]
    public void One_day_from_8_on_Monday_is_17_on_Monday_not_8_on_Tuesday()
    {
        Assert.Equal(Vn(2026, 3, 9, 17), _calendar.AddWorkingTime(Vn(2026, 3, 9, 8), TimeSpan.FromHours(9)));
        Assert.Equal(Vn(2026, 3, 10, 17), _calendar.AddWorkingTime(Vn(2026, 3, 9, 8), TimeSpan.FromHours(18)));
    }

    [Fact]
    public void Working_time_skips_the_weekend()
    {
        // Friday 10:00 + 9h: 7h on Friday, 2h on Monday.
        Assert.Equal(Vn(2026, 3, 16, 10), _calendar.AddWorkingTime(Vn(2026, 3, 13, 10), TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Working_time_skips_holidays()
    {
        // Wednesday 29/4 10:00 + 1 day: 30/4 and 1/5 are holidays, then the weekend.
        Assert.Equal(Vn(2026, 5, 4, 10), _calendar.DueAt(Vn(2026, 4, 29, 10), 1));
    }

    [Fact]
    public void Working_time_counts_a_swap_Saturday()
    {
        Assert.Equal(Vn(2026, 8, 22, 10), _calendar.DueAt(Vn(2026, 8, 21, 10), 1));
    }

    [Fact]
    public void Zero_working_time_is_the_starting_instant()
    {
        Assert.Equal(Vn(2026, 3, 10, 10), _calendar.AddWorkingTime(Vn(2026, 3, 10, 10), TimeSpan.Zero));
        Assert.Equal(Vn(2026, 3, 11, 8), _calendar.DueAt(Vn(2026, 3, 10, 18), 0));
    }

    [Fact]
    public void Negative_time_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddWorkingTime(Vn(2026, 3, 10, 10), TimeSpan.FromHours(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.DueAt(Vn(2026, 3, 10, 10), -1));
    }

    [Fact]
    public void Three_days_from_Monday_morning_is_Wednesday_evening()
    {
        Assert.Equal(Vn(2026, 3, 11, 17), _calendar.DueAt(Vn(2026, 3, 9, 7, 30), 3));
    }

    [Fact]
    public void Received_after_hours_the_due_date_counts_from_the_next_working_day()
    {
        Assert.Equal(Vn(2026, 3, 11, 17), _calendar.DueAt(Vn(2026, 3, 10, 17, 30), 1));
    }

    [Fact]
    public void Received_after_the_cutoff_the_due_date_counts_from_the_next_working_day()
    {
        Assert.Equal(Vn(2026, 3, 11, 17), _calendar.DueAt(Vn(2026, 3, 10, 15, 30), 1, Cutoff15));
        Assert.Equal(Vn(2026, 3, 11, 15, 30), _calendar.DueAt(Vn(2026, 3, 10, 15, 30), 1));
    }

    [Fact]
    public void Received_on_Saturday_two_days_are_due_Tuesday_evening()
    {
        Assert.Equal(Vn(2026, 3, 17, 17), _calendar.DueAt(Vn(2026, 3, 14, 9), 2));
    }

    [Fact]
    public void Due_date_across_Tet_2026()
    {
        // Thursday 12/2 10:00 + 3 days (27h): 7h Thursday, 9h Friday 13/2, Tết 14–22/2, 9h Monday 23/2, 2h Tuesday 24/2.
        Assert.Equal(Vn(2026, 2, 24, 10), _calendar.DueAt(Vn(2026, 2, 12, 10), 3));
    }

    [Fact]
    public void Half_a_day_is_half_of_the_working_day()
    {
        Assert.Equal(Vn(2026, 3, 9, 12, 30), _calendar.DueAt(Vn(2026, 3, 9, 8), 0.5m));
        Assert.Equal(Vn(2026, 3, 10, 9, 30), _calendar.DueAt(Vn(2026, 3, 9, 14), 0.5m));
        Assert.Equal(Vn(2026, 3, 10, 12, 30), _calendar.DueAt(Vn(2026, 3, 9, 8), 1.5m));
    }

    [Fact]
    public void Working_time_between_counts_only_working_hours_of_working_days()
    {
        Assert.Equal(TimeSpan.FromHours(2), _calendar.WorkingTimeBetween(Vn(2026, 3, 13, 16), Vn(2026, 3, 16, 9)));
        Assert.Equal(TimeSpan.FromHours(9), _calendar.WorkingTimeBetween(Vn(2026, 3, 9, 6), Vn(2026, 3, 9, 20)));
        Assert.Equal(TimeSpan.FromHours(27), _calendar.WorkingTimeBetween(Vn(2026, 2, 12, 8), Vn(2026, 2, 23, 17))); // Tết in between
        Assert.Equal(TimeSpan.Zero, _calendar.WorkingTimeBetween(Vn(2026, 3, 14, 8), Vn(2026, 3, 15, 17)));
    }

    [Fact]
    public void Working_time_between_is_zero_when_to_is_not_after_from()
    {
        Assert.Equal(TimeSpan.Zero, _calendar.WorkingTimeBetween(Vn(2026, 3, 10, 10), Vn(2026, 3, 10, 10)));
        Assert.Equal(TimeSpan.Zero, _calendar.WorkingTimeBetween(Vn(2026, 3, 10, 10), Vn(2026, 3, 9, 10)));
    }

    [Fact]
    public void Working_time_between_reads_any_offset_in_Vietnam_time()
    {
        // 01:00 UTC to 10:00 UTC is 08:00 to 17:00 in Vietnam.
        var from = new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromHours(9), _calendar.WorkingTimeBetween(from, to));
    }

    [Theory]
    [InlineData(2026, 2, 12, 10, 0, 27.0)]
    [InlineData(2026, 3, 9, 8, 0, 9.0)]
    [InlineData(2026, 3, 13, 16, 45, 0.25)]
    [InlineData(2026, 4, 28, 16, 30, 100.5)]
    [InlineData(2026, 8, 21, 9, 10, 13.75)]
    [InlineData(2026, 12, 30, 11, 0, 40.0)]
    public void Adding_working_time_and_measuring_it_back_agree(int year, int month, int day, int hour, int minute, double hours)
    {
        DateTimeOffset start = Vn(year, month, day, hour, minute);
        TimeSpan workingTime = TimeSpan.FromHours(hours);

        DateTimeOffset end = _calendar.AddWorkingTime(start, workingTime);

        Assert.Equal(workingTime, _calendar.WorkingTimeBetween(start, end));
    }

    [Fact]
    public void Supplement_request_stops_the_clock_and_resubmission_restarts_it_with_the_remaining_time()
    {
        DateTimeOffset received = Vn(2026, 3, 2, 9);
        const decimal processingDays = 5;
        TimeSpan total = TimeSpan.FromHours(45);
        DateTimeOffset clockStart = _calendar.ClockStart(received);
        Assert.Equal(Vn(2026, 3, 9, 9), _calendar.DueAt(received, processingDays));

        // Supplement requested on Wednesday 4/3 at 11:00: 8h Monday + 9h Tuesday + 3h Wednesday used.
        DateTimeOffset stoppedAt = Vn(2026, 3, 4, 11);
        TimeSpan used = _calendar.WorkingTimeBetween(clockStart, stoppedAt);
        TimeSpan remaining = total - used;
        Assert.Equal(TimeSpan.FromHours(20), used);

        // Applicant resubmits on Tuesday 28/4 at 16:30: 0.5h Tuesday, 9h Wednesday 29/4, holidays 30/4–1/5,
        // weekend, 9h Monday 4/5, 6.5h Tuesday 5/5.
        DateTimeOffset resumedAt = _calendar.ClockStart(Vn(2026, 4, 28, 16, 30));
        DateTimeOffset newDue = _calendar.AddWorkingTime(resumedAt, remaining);

        Assert.Equal(Vn(2026, 5, 5, 14, 30), newDue);
        Assert.Equal(total, used + _calendar.WorkingTimeBetween(resumedAt, newDue));
    }

    [Fact]
    public void Custom_working_hours_set_the_length_of_a_day()
    {
        var calendar = new WorkingCalendar(new[] { Official2026 }, new WorkingHours(new TimeOnly(7, 30), new TimeOnly(16, 30)));

        Assert.Equal(Vn(2026, 3, 9, 7, 30), calendar.ClockStart(Vn(2026, 3, 9, 7)));
        Assert.Equal(Vn(2026, 3, 10, 16, 30), calendar.DueAt(Vn(2026, 3, 9, 7), 2));
    }
}
