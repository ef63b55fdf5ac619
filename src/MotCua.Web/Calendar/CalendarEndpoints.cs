using Microsoft.EntityFrameworkCore;
using MotCua.Core.Calendar;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Web.Accounts;
using MotCua.Web.Administration;
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
        if (!SaveCalendarYear.InRange(year)) return problems.BadRequest("Calendar.YearOutOfRange");
        var kept = await db.CalendarYears.AsNoTracking().SingleOrDefaultAsync(c => c.Year == year, ct);
        var dto = kept is not null
            ? new CalendarYearDto(year, kept.Holidays.Order().ToList(), kept.WorkingWeekends.Order().ToList(), kept.Source)
            : FromComputed(CalendarYear.Computed(year));
        return Results.Ok(dto);
    }

    private static CalendarYearDto FromComputed(CalendarYear y) => new(y.Year, y.Holidays, y.WorkingWeekends, y.Source);

    /// <summary>Replaces a year with the rules of the calendar admin page (<see cref="SaveCalendarYear"/>); the body's year must be the path's.</summary>
    private static async Task<IResult> PutAsync(int year, CalendarYearDto body, HttpContext http, SaveCalendarYear save,
        ProblemResults problems, CancellationToken ct)
    {
        var request = new SaveCalendarYear.Request(body.Holidays, body.WorkingWeekends, body.Source);
        if (body.Year != year)
        {
            var errors = save.Validate(year, request);
            errors.Add("year", problems.Text["Calendar.YearMismatch"]);
            return problems.Validation(errors);
        }
        var outcome = await save.SaveAsync(year, request, CurrentUser.From(http.User), ct);
        return outcome.ToResult(problems, r => Results.Ok(new CalendarYearDto(year, r.Holidays, r.WorkingWeekends, r.Source)));
    }
}
