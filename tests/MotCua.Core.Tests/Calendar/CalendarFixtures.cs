using MotCua.Core.Calendar;

namespace MotCua.Core.Tests.Calendar;

/// <summary>Calendars and instants the working-calendar tests share: the official 2026 year, Vietnam time.</summary>
internal static class CalendarFixtures
{
    /// <summary>The government's 2026 calendar for civil servants (the same days as the seed file).</summary>
    public static CalendarYear Official2026 { get; } = new(
        2026,
        new[]
        {
            new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2),
            new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 17), new DateOnly(2026, 2, 18), new DateOnly(2026, 2, 19), new DateOnly(2026, 2, 20),
            new DateOnly(2026, 4, 26), new DateOnly(2026, 4, 27),
            new DateOnly(2026, 4, 30), new DateOnly(2026, 5, 1),
            new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 2),
        },
        new[] { new DateOnly(2026, 1, 10), new DateOnly(2026, 8, 22) },
        "test copy of the 2026 decisions");

    public static WorkingCalendar Calendar2026() => new(new[] { Official2026 });

    /// <summary>An instant in Vietnam time (+07:00).</summary>
    public static DateTimeOffset Vn(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, WorkingCalendar.VietnamOffset);
}
