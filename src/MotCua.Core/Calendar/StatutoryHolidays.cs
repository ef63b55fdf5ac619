namespace MotCua.Core.Calendar;

/// <summary>
/// The public holidays of Labour Code 2019 art. 112(1) as a computed default, for civil servants working Monday to Friday.
/// The Prime Minister fixes the exact Tết and National Day days every year (art. 112(3)) and the government adds swap
/// days, so the yearly official decision (the data file, admin edits) replaces this computation when it exists.
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>
    /// The non-working dates (sorted, distinct) that art. 112 produces in a solar year, compensatory days included:
    /// <list type="bullet">
    /// <item>1/1 (Tết Dương lịch);</item>
    /// <item>Tết: the last day of the lunar year (29 or 30 of month 12) and days 1–4 of month 1, which is what the
    /// government decided in most years (e.g. 2026: 29 tháng Chạp to mùng 4); some years it shifted the block by a
    /// day (2025: 28 tháng Chạp to mùng 3), which only the yearly decision can say;</item>
    /// <item>Hùng Kings' day, 10/3 lunar (the regular month 3, not a leap month 3);</item>
    /// <item>30/4 and 1/5;</item>
    /// <item>2/9 and one adjacent day (see <see cref="NationalDayAdjacentDay"/>).</item>
    /// </list>
    /// A holiday on a Saturday or Sunday is listed and also gives a compensatory day off on the next Monday–Friday
    /// that is not already a day off (Labour Code 2019 art. 111(3)).
    /// </summary>
    public static IReadOnlyList<DateOnly> For(int year)
    {
        var holidays = new SortedSet<DateOnly> { new(year, 1, 1) };

        DateOnly tet = VietnameseLunarCalendar.ToSolar(year, 1, 1);
        for (int offset = -1; offset <= 3; offset++)
        {
            holidays.Add(tet.AddDays(offset));
        }

        holidays.Add(VietnameseLunarCalendar.ToSolar(year, 3, 10));
        holidays.Add(new DateOnly(year, 4, 30));
        holidays.Add(new DateOnly(year, 5, 1));
        holidays.Add(new DateOnly(year, 9, 2));
        holidays.Add(NationalDayAdjacentDay(year));

        foreach (DateOnly holiday in holidays.Where(IsWeekend).ToList())
        {
            DateOnly compensatory = holiday.AddDays(1);
            while (IsWeekend(compensatory) || holidays.Contains(compensatory))
            {
                compensatory = compensatory.AddDays(1);
            }
            holidays.Add(compensatory);
        }
        return holidays.ToList();
    }

    /// <summary>
    /// The day taken next to National Day 2/9. The law says "the day before or after"; the government's choices
    /// 2021–2026 all follow this rule: 3/9 when 2/9 is a Thursday (the break joins the weekend: 2021) or a Monday
    /// (1/9 is then a Sunday: 2024), otherwise 1/9 (2022 Fri, 2023 Sat, 2025 Tue: 1–2/9, 2026 Wed: 1–2/9).
    /// </summary>
    public static DateOnly NationalDayAdjacentDay(int year)
    {
        var nationalDay = new DateOnly(year, 9, 2);
        return nationalDay.DayOfWeek is DayOfWeek.Thursday or DayOfWeek.Monday
            ? nationalDay.AddDays(1)
            : nationalDay.AddDays(-1);
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
