using System.Runtime.CompilerServices;
using MotCua.Core.Calendar;

namespace MotCua.Core.Tests.Calendar;

/// <summary>The data file shipped in src/MotCua.Data/Seed/calendar.json: the official decisions for civil servants.</summary>
public class SeedCalendarFileTests
{
    private static readonly Lazy<IReadOnlyList<CalendarYear>> Years = new(() => CalendarYearFile.Parse(File.ReadAllText(SeedFilePath())));

    private static WorkingCalendar Calendar => new(Years.Value);

    [Fact]
    public void Has_2025_2026_and_2027_each_with_a_source()
    {
        Assert.Equal(new[] { 2025, 2026, 2027 }, Years.Value.Select(y => y.Year));
        Assert.All(Years.Value, y => Assert.False(string.IsNullOrWhiteSpace(y.Source)));
    }

    [Fact]
    public void Tet_2025_break_runs_from_25_January_to_2_February()
    {
        WorkingCalendar calendar = Calendar;

        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 1, 24)));
        for (var day = new DateOnly(2025, 1, 25); day <= new DateOnly(2025, 2, 2); day = day.AddDays(1))
        {
            Assert.False(calendar.IsWorkingDay(day), $"{day:yyyy-MM-dd}");
        }
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 2, 3)));
    }

    [Fact]
    public void Thirty_April_2025_swap_works_Saturday_26_April_and_rests_Friday_2_May()
    {
        WorkingCalendar calendar = Calendar;

        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 4, 26)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 5, 2)));
        Assert.Equal(new DateOnly(2025, 5, 5), calendar.NextWorkingDay(new DateOnly(2025, 4, 29)));
    }

    [Fact]
    public void National_day_2025_is_1_and_2_September()
    {
        WorkingCalendar calendar = Calendar;

        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 9, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 9, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 9, 3)));
    }

    [Fact]
    public void Year_2026_follows_the_government_decisions()
    {
        WorkingCalendar calendar = Calendar;

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));   // swapped with Saturday 10/1
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 10)));
        Assert.Equal(new DateOnly(2026, 2, 23), calendar.NextWorkingDay(new DateOnly(2026, 2, 13))); // Tết 14–22/2
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 4, 27)));  // Hùng Kings on Sunday 26/4
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 8, 22)));   // swapped with Monday 31/8
        Assert.Equal(new DateOnly(2026, 9, 3), calendar.NextWorkingDay(new DateOnly(2026, 8, 28))); // 29/8–2/9
    }

    [Fact]
    public void Year_2027_is_the_computed_statutory_year()
    {
        CalendarYear year2027 = Years.Value.Single(y => y.Year == 2027);

        Assert.Equal(StatutoryHolidays.For(2027), year2027.Holidays);
        Assert.Empty(year2027.WorkingWeekends);
        Assert.StartsWith("computed; no official decision found", year2027.Source);
    }

    private static string SeedFilePath([CallerFilePath] string thisFile = "")
    {
        string repositoryRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
        return Path.Combine(repositoryRoot, "src", "MotCua.Data", "Seed", "calendar.json");
    }
}
