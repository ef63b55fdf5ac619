using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MotCua.Core.Calendar;

/// <summary>
/// The calendar data file: a JSON array of years, camelCase, dates as "yyyy-MM-dd":
/// <code>[ { "year": 2026, "source": "...", "holidays": ["2026-01-01"], "workingWeekends": ["2026-01-10"] } ]</code>
/// </summary>
public static class CalendarYearFile
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses and checks the file; throws FormatException naming the year and date at fault.</summary>
    public static IReadOnlyList<CalendarYear> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        List<Entry?>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<Entry?>>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The calendar file is not valid: {e.Message}", e);
        }
        if (entries is null)
        {
            throw new FormatException("The calendar file must be a JSON array of years.");
        }

        var years = new List<CalendarYear>();
        var seen = new HashSet<int>();
        for (int i = 0; i < entries.Count; i++)
        {
            CalendarYear year = ToCalendarYear(entries[i], i);
            if (!seen.Add(year.Year))
            {
                throw new FormatException($"Year {year.Year} appears more than once in the calendar file.");
            }
            IReadOnlyList<string> problems = CalendarYearValidator.Problems(year);
            if (problems.Count > 0)
            {
                throw new FormatException(string.Join(" ", problems));
            }
            years.Add(year);
        }
        return years;
    }

    private static CalendarYear ToCalendarYear(Entry? entry, int index)
    {
        if (entry?.Year is not int year)
        {
            throw new FormatException($"Entry {index + 1} of the calendar file has no \"year\".");
        }
        return new CalendarYear(
            year,
            Dates(entry.Holidays, year, "holidays"),
            Dates(entry.WorkingWeekends, year, "workingWeekends"),
            string.IsNullOrWhiteSpace(entry.Source) ? null : entry.Source);
    }

    private static IReadOnlyList<DateOnly> Dates(List<string?>? values, int year, string field)
    {
        if (values is null)
        {
            return Array.Empty<DateOnly>();
        }
        var dates = new List<DateOnly>(values.Count);
        foreach (string? value in values)
        {
            if (!DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                throw new FormatException($"Year {year}: \"{value}\" in {field} is not a date of the form {DateFormat}.");
            }
            dates.Add(date);
        }
        return dates;
    }

    private sealed record Entry(int? Year, string? Source, List<string?>? Holidays, List<string?>? WorkingWeekends);
}
