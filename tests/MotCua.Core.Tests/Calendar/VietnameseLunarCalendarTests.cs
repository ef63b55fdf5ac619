using System.Globalization;
using MotCua.Core.Calendar;

namespace MotCua.Core.Tests.Calendar;

public class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(1900, "1900-01-31")]
    [InlineData(1968, "1968-01-29")]
    [InlineData(1975, "1975-02-11")]
    [InlineData(1985, "1985-01-21")]
    [InlineData(1990, "1990-01-27")]
    [InlineData(2000, "2000-02-05")]
    [InlineData(2007, "2007-02-17")]
    [InlineData(2010, "2010-02-14")]
    [InlineData(2015, "2015-02-19")]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(2029, "2029-02-13")]
    [InlineData(2030, "2030-02-02")]
    public void Tet_falls_on_the_published_Vietnamese_date(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.ToSolar(year, 1, 1));
        Assert.Equal(new LunarDate(year, 1, 1, false), VietnameseLunarCalendar.FromSolar(DateOnly.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(1968, "1968-01-29", "1968-01-30")]
    [InlineData(1985, "1985-01-21", "1985-02-20")]
    [InlineData(2007, "2007-02-17", "2007-02-18")]
    [InlineData(2030, "2030-02-02", "2030-02-03")]
    public void Tet_differs_from_the_Chinese_calendar_where_the_UTC7_new_moon_falls_on_another_day(int year, string vietnamese, string chinese)
    {
        var chineseCalendar = new ChineseLunisolarCalendar();
        DateOnly chineseNewYear = DateOnly.FromDateTime(chineseCalendar.ToDateTime(year, 1, 1, 0, 0, 0, 0));

        Assert.Equal(DateOnly.Parse(chinese, CultureInfo.InvariantCulture), chineseNewYear);
        Assert.Equal(DateOnly.Parse(vietnamese, CultureInfo.InvariantCulture), VietnameseLunarCalendar.ToSolar(year, 1, 1));
    }

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Hung_Kings_day_10_3_lunar(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.ToSolar(year, 3, 10));
    }

    [Theory]
    [InlineData(2020, 4)]
    [InlineData(2023, 2)]
    [InlineData(2025, 6)]
    [InlineData(2028, 5)]
    public void Leap_month_of_the_year(int year, int leapMonth)
    {
        Assert.Equal(leapMonth, VietnameseLunarCalendar.LeapMonth(year));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Years_without_a_leap_month(int year)
    {
        Assert.Null(VietnameseLunarCalendar.LeapMonth(year));
    }

    [Fact]
    public void Leap_month_2_of_2023_follows_the_regular_month_2()
    {
        Assert.Equal(new DateOnly(2023, 2, 20), VietnameseLunarCalendar.ToSolar(2023, 2, 1));
        Assert.Equal(new DateOnly(2023, 3, 22), VietnameseLunarCalendar.ToSolar(2023, 2, 1, leapMonth: true));
        Assert.Equal(new LunarDate(2023, 2, 1, true), VietnameseLunarCalendar.FromSolar(new DateOnly(2023, 3, 22)));
        Assert.Equal(new DateOnly(2023, 4, 20), VietnameseLunarCalendar.ToSolar(2023, 3, 1));
    }

    [Fact]
    public void Leap_month_6_of_2025_starts_on_25_July()
    {
        Assert.Equal(new DateOnly(2025, 7, 25), VietnameseLunarCalendar.ToSolar(2025, 6, 1, leapMonth: true));
        Assert.Equal(new LunarDate(2025, 6, 1, true), VietnameseLunarCalendar.FromSolar(new DateOnly(2025, 7, 25)));
        Assert.Equal(new LunarDate(2025, 6, 30, false), VietnameseLunarCalendar.FromSolar(new DateOnly(2025, 7, 24)));
    }

    [Fact]
    public void The_lunar_years_2024_and_2025_end_on_the_29th_of_month_12()
    {
        Assert.Equal(new LunarDate(2024, 12, 29, false), VietnameseLunarCalendar.FromSolar(new DateOnly(2025, 1, 28)));
        Assert.Equal(new LunarDate(2025, 12, 29, false), VietnameseLunarCalendar.FromSolar(new DateOnly(2026, 2, 16)));
        Assert.Equal(new LunarDate(2025, 12, 27, false), VietnameseLunarCalendar.FromSolar(new DateOnly(2026, 2, 14)));
        Assert.Equal(29, VietnameseLunarCalendar.DaysInMonth(2025, 12));
    }

    [Fact]
    public void Round_trip_every_day_from_2020_to_2030()
    {
        for (var date = new DateOnly(2020, 1, 1); date <= new DateOnly(2030, 12, 31); date = date.AddDays(1))
        {
            LunarDate lunar = VietnameseLunarCalendar.FromSolar(date);
            Assert.Equal(date, VietnameseLunarCalendar.ToSolar(lunar.Year, lunar.Month, lunar.Day, lunar.IsLeapMonth));
        }
    }

    [Fact]
    public void Round_trip_and_continuity_across_1900_to_2199()
    {
        LunarDate previous = VietnameseLunarCalendar.FromSolar(new DateOnly(1900, 1, 31));
        for (var date = new DateOnly(1900, 2, 1); date <= new DateOnly(2199, 12, 31); date = date.AddDays(1))
        {
            LunarDate lunar = VietnameseLunarCalendar.FromSolar(date);
            bool nextDay = lunar.Day == previous.Day + 1 && lunar.Month == previous.Month && lunar.IsLeapMonth == previous.IsLeapMonth;
            bool newMonth = lunar.Day == 1 && previous.Day is 29 or 30;
            Assert.True(nextDay || newMonth, $"{date:yyyy-MM-dd}: {previous} then {lunar}");
            if (date.Day == 1 || lunar.Day == 1)
            {
                Assert.Equal(date, VietnameseLunarCalendar.ToSolar(lunar.Year, lunar.Month, lunar.Day, lunar.IsLeapMonth));
            }
            previous = lunar;
        }
    }

    [Fact]
    public void A_leap_flag_on_a_month_that_is_not_leap_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(2024, 2, 1, leapMonth: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(2025, 5, 1, leapMonth: true));
    }

    [Theory]
    [InlineData(2026, 0, 1)]
    [InlineData(2026, 13, 1)]
    [InlineData(2026, 1, 0)]
    [InlineData(2026, 1, 31)]
    [InlineData(2025, 12, 30)]
    [InlineData(1899, 1, 1)]
    [InlineData(2200, 1, 1)]
    public void Dates_that_do_not_exist_are_rejected(int year, int month, int day)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(year, month, day));
    }
}
