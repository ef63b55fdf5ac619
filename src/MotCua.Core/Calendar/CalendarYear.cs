namespace MotCua.Core.Calendar;

/// <summary>
/// One year's calendar as administrators edit it: days off on top of weekends (Holidays; weekend dates may be listed
/// too, to mirror the official announcement) and weekend days worked to swap for a day off (WorkingWeekends).
/// </summary>
public sealed record CalendarYear(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> WorkingWeekends, string? Source = null)
{
    public const string ComputedSource = "computed (Labour Code 2019 art. 112)";

    /// <summary>The statutory holidays of the year with compensatory days and no swap days.</summary>
    public static CalendarYear Computed(int year) =>
        new(year, StatutoryHolidays.For(year), Array.Empty<DateOnly>(), ComputedSource);
}
