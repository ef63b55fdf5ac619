using MotCua.Core.Calendar;
using static MotCua.Core.Tests.Calendar.CalendarFixtures;

namespace MotCua.Core.Tests.Calendar;

public class WorkingCalendarDayTests
{
    private readonly WorkingCalendar _calendar = Calendar2026();

    [Theory]
    [InlineData(2026, 3, 9, true)]    // Monday
    [InlineData(2026, 3, 13, true)]   // Friday
    [InlineData(2026, 3, 14, false)]  // Saturday
    [InlineData(2026, 3, 15, false)]  // Sunday
    [InlineData(2026, 2, 17, false)]  // Tết
    [InlineData(2026, 1, 2, false)]   // Friday swapped off
    [InlineData(2026, 1, 10, true)]   // Saturday worked for it
    [InlineData(2026, 8, 22, true)]   // Saturday worked for Monday 31/8
    [InlineData(2026, 8, 31, false)]
    public void Working_days_are_weekdays_off_the_holiday_list_plus_swap_weekends(int year, int month, int day, bool working)
    {
        Assert.Equal(working, _calendar.IsWorkingDay(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Next_working_day_skips_the_weekend()
    {
        Assert.Equal(new DateOnly(2026, 3, 16), _calendar.NextWorkingDay(new DateOnly(2026, 3, 13)));
        Assert.Equal(new DateOnly(2026, 3, 16), _calendar.NextWorkingDay(new DateOnly(2026, 3, 14)));
    }

    [Fact]
    public void Next_working_day_skips_Tet()
    {
        Assert.Equal(new DateOnly(2026, 2, 23), _calendar.NextWorkingDay(new DateOnly(2026, 2, 13)));
    }

    [Fact]
    public void Next_working_day_can_be_a_swap_Saturday()
    {
        Assert.Equal(new DateOnly(2026, 8, 22), _calendar.NextWorkingDay(new DateOnly(2026, 8, 21)));
    }

    [Fact]
    public void Adding_working_days_counts_only_working_days()
    {
        // Wednesday 29/4: Thursday 30/4 and Friday 1/5 are holidays, then the weekend.
        Assert.Equal(new DateOnly(2026, 5, 4), _calendar.AddWorkingDays(new DateOnly(2026, 4, 29), 1));
        Assert.Equal(new DateOnly(2026, 5, 6), _calendar.AddWorkingDays(new DateOnly(2026, 4, 29), 3));
        Assert.Equal(new DateOnly(2026, 4, 29), _calendar.AddWorkingDays(new DateOnly(2026, 5, 4), -1));
        Assert.Equal(new DateOnly(2026, 4, 29), _calendar.AddWorkingDays(new DateOnly(2026, 4, 29), 0));
    }

    [Fact]
    public void Adding_working_days_across_the_year_end_uses_the_computed_next_year()
    {
        // 2027 is not given: 1/1/2027 (Friday) is a computed holiday.
        Assert.Equal(new DateOnly(2027, 1, 4), _calendar.AddWorkingDays(new DateOnly(2026, 12, 31), 1));
    }

    [Fact]
    public void A_year_not_given_falls_back_to_the_statutory_computation()
    {
        var calendar = new WorkingCalendar(Array.Empty<CalendarYear>());

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 2, 16)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 4, 27)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));  // only the official decision swaps it
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 10)));
    }

    [Fact]
    public void A_year_given_replaces_the_computation_entirely()
    {
        var calendar = new WorkingCalendar(new[] { new CalendarYear(2026, Array.Empty<DateOnly>(), Array.Empty<DateOnly>()) });

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 17)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void A_year_given_twice_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(new[] { Official2026, Official2026 }));
    }

    [Fact]
    public void A_year_with_a_weekday_as_working_weekend_is_rejected()
    {
        var bad = new CalendarYear(2026, Array.Empty<DateOnly>(), new[] { new DateOnly(2026, 3, 11) });

        ArgumentException error = Assert.Throws<ArgumentException>(() => new WorkingCalendar(new[] { bad }));
        Assert.Contains("Wednesday", error.Message);
    }

    [Fact]
    public void Working_hours_must_end_after_they_start()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(Array.Empty<CalendarYear>(), new WorkingHours(new TimeOnly(17, 0), new TimeOnly(8, 0))));
    }

    [Fact]
    public void Default_hours_are_8_to_17_a_nine_hour_day()
    {
        Assert.Equal(WorkingHours.Default, _calendar.Hours);
        Assert.Equal(TimeSpan.FromHours(9), _calendar.Hours.DayLength);
    }
}
