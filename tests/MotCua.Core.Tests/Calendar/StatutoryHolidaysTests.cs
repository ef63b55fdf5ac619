using MotCua.Core.Calendar;

namespace MotCua.Core.Tests.Calendar;

public class StatutoryHolidaysTests
{
    [Fact]
    public void Tet_2026_is_29_thang_Chap_to_mung_4_Monday_to_Friday()
    {
        IReadOnlyList<DateOnly> february = StatutoryHolidays.For(2026).Where(d => d.Month == 2).ToList();

        Assert.Equal(
            new[] { new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 17), new DateOnly(2026, 2, 18), new DateOnly(2026, 2, 19), new DateOnly(2026, 2, 20) },
            february);
    }

    [Fact]
    public void Year_2026_in_full()
    {
        Assert.Equal(
            new[]
            {
                new DateOnly(2026, 1, 1),
                new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 17), new DateOnly(2026, 2, 18), new DateOnly(2026, 2, 19), new DateOnly(2026, 2, 20),
                new DateOnly(2026, 4, 26), new DateOnly(2026, 4, 27),
                new DateOnly(2026, 4, 30), new DateOnly(2026, 5, 1),
                new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 2),
            },
            StatutoryHolidays.For(2026));
    }

    [Fact]
    public void Hung_Kings_day_on_a_Sunday_gives_the_Monday_off()
    {
        IReadOnlyList<DateOnly> days = StatutoryHolidays.For(2026);

        Assert.Contains(new DateOnly(2026, 4, 26), days);
        Assert.Contains(new DateOnly(2026, 4, 27), days);
    }

    [Fact]
    public void Thirty_April_and_1_May_on_a_weekend_are_made_up_on_Monday_and_Tuesday()
    {
        // 2022: 30/4 Saturday, 1/5 Sunday; the government's notice gave Monday 2/5 and Tuesday 3/5.
        IReadOnlyList<DateOnly> days = StatutoryHolidays.For(2022);

        Assert.Contains(new DateOnly(2022, 5, 2), days);
        Assert.Contains(new DateOnly(2022, 5, 3), days);
        Assert.DoesNotContain(new DateOnly(2022, 5, 4), days);
    }

    [Fact]
    public void A_compensatory_day_skips_a_day_that_is_already_a_holiday()
    {
        // 2028: 30/4 Sunday and 1/5 Monday: the day made up for 30/4 is Tuesday 2/5.
        IReadOnlyList<DateOnly> days = StatutoryHolidays.For(2028);

        Assert.Contains(new DateOnly(2028, 5, 1), days);
        Assert.Contains(new DateOnly(2028, 5, 2), days);
        Assert.DoesNotContain(new DateOnly(2028, 5, 3), days);
    }

    [Fact]
    public void New_Year_on_a_Saturday_is_made_up_on_Monday()
    {
        Assert.Contains(new DateOnly(2028, 1, 3), StatutoryHolidays.For(2028));
    }

    [Theory]
    [InlineData(2021, 3)] // Thursday: 3/9 Friday, the break joins the weekend
    [InlineData(2022, 1)] // Friday
    [InlineData(2023, 1)] // Saturday (then 4/9 Monday is made up)
    [InlineData(2024, 3)] // Monday: 1/9 is a Sunday
    [InlineData(2025, 1)] // Tuesday: the government gave 1–2/9/2025
    [InlineData(2026, 1)] // Wednesday: the government gave 1–2/9/2026
    [InlineData(2027, 3)] // Thursday
    public void National_day_adjacent_day_follows_the_government_choices(int year, int dayOfSeptember)
    {
        Assert.Equal(new DateOnly(year, 9, dayOfSeptember), StatutoryHolidays.NationalDayAdjacentDay(year));
        Assert.Contains(new DateOnly(year, 9, dayOfSeptember), StatutoryHolidays.For(year));
    }

    [Fact]
    public void National_day_on_a_Saturday_gives_Friday_before_and_Monday_after()
    {
        IReadOnlyList<DateOnly> september = StatutoryHolidays.For(2023).Where(d => d.Month == 9).ToList();

        Assert.Equal(new[] { new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 2), new DateOnly(2023, 9, 4) }, september);
    }

    [Fact]
    public void Tet_weekend_days_are_made_up_after_the_Tet_block()
    {
        // 2027: 29 tháng Chạp Friday 5/2 to mùng 4 Tuesday 9/2; Saturday and Sunday are made up on Wednesday and Thursday.
        IReadOnlyList<DateOnly> february = StatutoryHolidays.For(2027).Where(d => d.Month == 2).ToList();

        Assert.Equal(Enumerable.Range(5, 7).Select(day => new DateOnly(2027, 2, day)), february);
    }

    [Theory]
    [InlineData(1950)]
    [InlineData(2025)]
    [InlineData(2099)]
    [InlineData(2199)]
    public void Dates_are_sorted_distinct_and_inside_the_year(int year)
    {
        IReadOnlyList<DateOnly> days = StatutoryHolidays.For(year);

        Assert.Equal(days.Distinct().Order(), days);
        Assert.All(days, d => Assert.Equal(year, d.Year));
        Assert.InRange(days.Count, 11, 16);
    }

    [Fact]
    public void Computed_year_has_the_statutory_days_and_no_working_weekends()
    {
        CalendarYear year = CalendarYear.Computed(2026);

        Assert.Equal(StatutoryHolidays.For(2026), year.Holidays);
        Assert.Empty(year.WorkingWeekends);
        Assert.Equal("computed (Labour Code 2019 art. 112)", year.Source);
    }
}
