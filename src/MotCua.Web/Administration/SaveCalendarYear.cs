using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Core.Calendar;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Calendar;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Administration;

/// <summary>
/// A year of the working calendar as the province keeps it: read (kept in the database, else the statutory days computed
/// by law) and replaced as a whole, with the rules of <c>PUT /api/v1/calendar/{year}</c>: dates inside the year, swap
/// working days on a Saturday or Sunday, no day both off and worked. A save drops this node's calendar cache at once.
/// The API endpoint (Calendar/CalendarEndpoints) calls <see cref="SaveAsync"/> too, so that the rules live in one place.
/// </summary>
public sealed class SaveCalendarYear(MotCuaDbContext db, CalendarProvider calendars, TimeProvider time, IStringLocalizer<Messages> text)
{
    public const int SourceMaxLength = 2000;

    public sealed record Request(IReadOnlyList<DateOnly>? Holidays, IReadOnlyList<DateOnly>? WorkingWeekends, string? Source);

    /// <summary>The year as shown: <paramref name="Kept"/> is false when it is the statutory computation.</summary>
    public sealed record YearView(CalendarYear Year, bool Kept, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    public static bool InRange(int year) => year is >= VietnameseLunarCalendar.MinYear and <= VietnameseLunarCalendar.MaxYear;

    public async Task<YearView> LoadAsync(int year, CancellationToken ct = default)
    {
        var kept = await db.CalendarYears.AsNoTracking().SingleOrDefaultAsync(c => c.Year == year, ct);
        return kept is null
            ? new YearView(CalendarYear.Computed(year), false, null, null)
            : new YearView(new CalendarYear(year, kept.Holidays.Order().ToList(), kept.WorkingWeekends.Order().ToList(), kept.Source),
                true, kept.UpdatedAt, kept.UpdatedBy);
    }

    /// <summary>The problems of a year as entered, keyed like the API's fields (year, holidays[i], workingWeekends[i], source).</summary>
    public ValidationErrors Validate(int year, Request body)
    {
        var errors = new ValidationErrors();
        if (!InRange(year)) errors.Add("year", text["Calendar.YearOutOfRange"]);
        var holidays = body.Holidays ?? [];
        var weekends = body.WorkingWeekends ?? [];
        for (var i = 0; i < holidays.Count; i++)
            if (holidays[i].Year != year) errors.Add($"holidays[{i}]", text["Calendar.DateOutsideYear", AdminPage.Day(holidays[i])]);
        for (var i = 0; i < weekends.Count; i++)
        {
            if (weekends[i].Year != year) errors.Add($"workingWeekends[{i}]", text["Calendar.DateOutsideYear", AdminPage.Day(weekends[i])]);
            else if (weekends[i].DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                errors.Add($"workingWeekends[{i}]", text["Calendar.NotAWeekend", AdminPage.Day(weekends[i])]);
            if (holidays.Contains(weekends[i])) errors.Add($"workingWeekends[{i}]", text["Calendar.BothHolidayAndWorking", AdminPage.Day(weekends[i])]);
        }
        if (body.Source is { } source && source.Trim().Length > SourceMaxLength)
            errors.Add("source", text["Validation.MaxLength", SourceMaxLength]);
        return errors;
    }

    /// <summary>Replaces the year (days off, swap working days, source) and invalidates the working calendar cache.</summary>
    public async Task<Outcome<CalendarYearRecord>> SaveAsync(int year, Request body, CurrentUser user, CancellationToken ct = default)
    {
        var errors = Validate(year, body);
        if (errors.Any) return Outcome<CalendarYearRecord>.Invalid(errors);
        var record = await db.CalendarYears.SingleOrDefaultAsync(c => c.Year == year, ct);
        if (record is null)
        {
            record = new CalendarYearRecord { Year = year };
            db.CalendarYears.Add(record);
        }
        record.Holidays = (body.Holidays ?? []).Distinct().Order().ToList();
        record.WorkingWeekends = (body.WorkingWeekends ?? []).Distinct().Order().ToList();
        record.Source = string.IsNullOrWhiteSpace(body.Source) ? null : body.Source.Trim();
        record.UpdatedAt = time.GetUtcNow();
        record.UpdatedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return Outcome<CalendarYearRecord>.Ok(record);
    }
}
