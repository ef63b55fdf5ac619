using MotCua.Core.Calendar;

namespace MotCua.Core.Tests.Calendar;

public class CalendarYearFileTests
{
    [Fact]
    public void Parses_years_with_holidays_working_weekends_and_source()
    {
        const string json = """
            [
              { "year": 2026, "source": "letter 1", "holidays": ["2026-01-01", "2026-01-02"], "workingWeekends": ["2026-01-10"] },
              { "year": 2027, "holidays": ["2027-01-01"] }
            ]
            """;

        IReadOnlyList<CalendarYear> years = CalendarYearFile.Parse(json);

        Assert.Equal(2, years.Count);
        Assert.Equal(2026, years[0].Year);
        Assert.Equal("letter 1", years[0].Source);
        Assert.Equal(new[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2) }, years[0].Holidays);
        Assert.Equal(new[] { new DateOnly(2026, 1, 10) }, years[0].WorkingWeekends);
        Assert.Empty(years[1].WorkingWeekends);
        Assert.Null(years[1].Source);
    }

    [Fact]
    public void An_empty_array_is_no_years()
    {
        Assert.Empty(CalendarYearFile.Parse("[]"));
    }

    [Theory]
    [InlineData("""[ { "year": 2026, "holidays": ["2025-12-31"] } ]""", "2025-12-31")]
    [InlineData("""[ { "year": 2026, "holidays": ["2026-01-01"] }, { "year": 2026, "holidays": [] } ]""", "more than once")]
    [InlineData("""[ { "year": 2026, "holidays": [], "workingWeekends": ["2026-01-09"] } ]""", "Friday")]
    [InlineData("""[ { "year": 2026, "holidays": ["2026-01-10"], "workingWeekends": ["2026-01-10"] } ]""", "both")]
    [InlineData("""[ { "year": 2026, "holidays": ["2026-01-01", "2026-01-01"] } ]""", "more than once")]
    [InlineData("""[ { "year": 2026, "holidays": ["01/01/2026"] } ]""", "yyyy-MM-dd")]
    [InlineData("""[ { "year": 2026, "holidays": ["2026-02-30"] } ]""", "2026-02-30")]
    [InlineData("""[ { "holidays": ["2026-01-01"] } ]""", "no \"year\"")]
    [InlineData("""[ { "year": 2026, "holiday": ["2026-01-01"] } ]""", "holiday")]
    [InlineData("""{ "year": 2026 }""", "not valid")]
    [InlineData("""[ { "year": 1800, "holidays": [] } ]""", "1800")]
    [InlineData("null", "array")]
    [InlineData("[ { \"year\": 2026, ", "not valid")]
    public void Bad_data_is_a_FormatException_that_says_what_is_wrong(string json, string expectedInMessage)
    {
        FormatException error = Assert.Throws<FormatException>(() => CalendarYearFile.Parse(json));

        Assert.Contains(expectedInMessage, error.Message);
    }
}
