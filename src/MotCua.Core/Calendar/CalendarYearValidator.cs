namespace MotCua.Core.Calendar;

/// <summary>Checks a CalendarYear as an administrator entered it, and says what is wrong in plain words.</summary>
public static class CalendarYearValidator
{
    /// <summary>The problems found (empty when the year is fine).</summary>
    public static IReadOnlyList<string> Problems(CalendarYear year)
    {
        var problems = new List<string>();
        if (year.Year is < VietnameseLunarCalendar.MinYear or > VietnameseLunarCalendar.MaxYear)
        {
            problems.Add($"Year {year.Year} is outside {VietnameseLunarCalendar.MinYear}–{VietnameseLunarCalendar.MaxYear}.");
        }
        if (year.Holidays is null || year.WorkingWeekends is null)
        {
            problems.Add($"Year {year.Year}: the holiday and working-weekend lists must be given (they may be empty).");
            return problems;
        }

        CheckDates(year.Year, "holiday", year.Holidays, problems);
        CheckDates(year.Year, "working weekend", year.WorkingWeekends, problems);

        foreach (DateOnly date in year.WorkingWeekends.Distinct())
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                problems.Add($"Year {year.Year}: working weekend {Format(date)} is a {date.DayOfWeek}, not a Saturday or Sunday.");
            }
        }
        foreach (DateOnly date in year.Holidays.Intersect(year.WorkingWeekends))
        {
            problems.Add($"Year {year.Year}: {Format(date)} is listed both as a holiday and as a working weekend.");
        }
        return problems;
    }

    private static void CheckDates(int year, string kind, IReadOnlyList<DateOnly> dates, List<string> problems)
    {
        foreach (DateOnly date in dates.Where(d => d.Year != year).Distinct())
        {
            problems.Add($"Year {year}: {kind} {Format(date)} is not in {year}.");
        }
        foreach (DateOnly date in dates.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"Year {year}: {kind} {Format(date)} is listed more than once.");
        }
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
