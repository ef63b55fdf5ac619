using Microsoft.EntityFrameworkCore;
using MotCua.Core.Calendar;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Calendar;

public static class CalendarEndpoints
{
    public sealed record CalendarYearDto(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> WorkingWeekends, string? Source = null);

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/calendar").WithTags("Calendar");
        group.MapGet("/{year:int}", GetAsync).AllowAnonymous()
            .WithSummary("Days off and swap working days of a year (kept by administrators, else computed by law).");
        group.MapPut("/{year:int}", PutAsync).RequireAuthorization(p => p.RequireRole(Roles.ProvinceAdmin))
            .WithSummary("Replace a year's days off and working weekends (ProvinceAdmin).");
    }

    private static async Task<IResult> GetAsync(int year, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        if (year is < 1900 or > 2199) return problems.BadRequest("Calendar.YearOutOfRange");
        var kept = await db.CalendarYears.AsNoTracking().SingleOrDefaultAsync(c => c.Year == year, ct);
        var dto = kept is not null
            ? new CalendarYearDto(year, kept.Holidays.Order().ToList(), kept.WorkingWeekends.Order().ToList(), kept.Source)
            : FromComputed(CalendarYear.Computed(year));
        return Results.Ok(dto);
    }

    private static CalendarYearDto FromComputed(CalendarYear y) => new(y.Year, y.Holidays, y.WorkingWeekends, y.Source);

    private static async Task<IResult> PutAsync(int year, CalendarYearDto body, HttpContext http, MotCuaDbContext db,
        CalendarProvider calendars, ProblemResults problems, TimeProvider time, CancellationToken ct)
    {
        var t = problems.Text;
        var errors = new ValidationErrors();
        if (year is < 1900 or > 2199) errors.Add("year", t["Calendar.YearOutOfRange"]);
        if (body.Year != year) errors.Add("year", t["Calendar.YearMismatch"]);
        var holidays = body.Holidays ?? [];
        var weekends = body.WorkingWeekends ?? [];
        for (var i = 0; i < holidays.Count; i++)
            if (holidays[i].Year != year) errors.Add($"holidays[{i}]", t["Calendar.DateOutsideYear", holidays[i]]);
        for (var i = 0; i < weekends.Count; i++)
        {
            if (weekends[i].Year != year) errors.Add($"workingWeekends[{i}]", t["Calendar.DateOutsideYear", weekends[i]]);
            else if (weekends[i].DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                errors.Add($"workingWeekends[{i}]", t["Calendar.NotAWeekend", weekends[i]]);
            if (holidays.Contains(weekends[i])) errors.Add($"workingWeekends[{i}]", t["Calendar.BothHolidayAndWorking", weekends[i]]);
        }
        if (errors.Any) return problems.Validation(errors);

        var record = await db.CalendarYears.SingleOrDefaultAsync(c => c.Year == year, ct);
        if (record is null)
        {
            record = new CalendarYearRecord { Year = year };
            db.CalendarYears.Add(record);
        }
        record.Holidays = holidays.Distinct().Order().ToList();
        record.WorkingWeekends = weekends.Distinct().Order().ToList();
        record.Source = string.IsNullOrWhiteSpace(body.Source) ? null : body.Source.Trim();
        record.UpdatedAt = time.GetUtcNow();
        record.UpdatedBy = CurrentUser.From(http.User).UserName;
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return Results.Ok(new CalendarYearDto(year, record.Holidays, record.WorkingWeekends, record.Source));
    }
}
