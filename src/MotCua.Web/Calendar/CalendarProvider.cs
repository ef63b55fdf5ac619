using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MotCua.Core.Calendar;
using MotCua.Data;

namespace MotCua.Web.Calendar;

/// <summary>
/// The working calendar built from the years administrators keep in the database (years not kept fall back to the
/// statutory computation). Cached per node for a short time so that an edit on one node reaches the others within
/// <see cref="CacheFor"/>; the node that makes the edit drops its cache at once.
/// </summary>
public sealed class CalendarProvider(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private const string CacheKey = "working-calendar";

    public async Task<WorkingCalendar> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out WorkingCalendar? calendar) && calendar is not null)
            return calendar;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var years = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        calendar = new WorkingCalendar(years.Select(y => new CalendarYear(y.Year, y.Holidays, y.WorkingWeekends, y.Source)));
        cache.Set(CacheKey, calendar, CacheFor);
        return calendar;
    }

    public void Invalidate() => cache.Remove(CacheKey);
}
