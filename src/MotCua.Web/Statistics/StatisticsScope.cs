using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MotCua.Core.Catalog;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Statistics;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Statistics;

/// <summary>
/// What a figure is about: one unit (a current unit with every code that went into it, or an old unit up to its end) or a
/// province (every code of its current units and their predecessors, each counted once), and the period it covers.
/// </summary>
public sealed record StatisticsScope(string Kind, string Code, string Name, string ProvinceCode, IReadOnlyList<string> UnitCodes,
    DateOnly From, DateOnly To);

/// <summary>
/// Resolves and authorizes a scope. Commune staff see their own unit; a province administrator their province and any unit
/// in it; the public transparency page any current unit (without personal figures, which the caller leaves out).
/// Figures survive mergers: a current unit's figures include the codes of the old units it absorbed (unit lineage), so a
/// period before the merger counts under the old units and rolls up into the new one.
/// </summary>
public sealed class StatisticsScopes(MotCuaDbContext db, IMemoryCache cache, ProblemResults problems, TimeProvider time,
    IServiceScopeFactory scopeFactory)
{
    public const int MaxDays = 5 * 366;

    public async Task<Outcome<StatisticsScope>> ResolveAsync(CurrentUser? user, string? unit, string? province, string? from, string? to,
        CancellationToken ct)
    {
        var t = problems.Text;
        var errors = new ValidationErrors();
        var today = time.GetUtcNow().LocalDate();
        var fromDate = ParseDate(from, new DateOnly(today.Year, today.Month, 1), "from", errors, t);
        var toDate = ParseDate(to, today, "to", errors, t);
        if (!errors.Any && (toDate < fromDate || toDate.DayNumber - fromDate.DayNumber > MaxDays))
            errors.Add("to", t["Statistics.PeriodInvalid", MaxDays]);
        if (string.IsNullOrWhiteSpace(unit) == string.IsNullOrWhiteSpace(province))
            errors.Add("unit", t["Statistics.UnitOrProvince"]);
        if (errors.Any) return Outcome<StatisticsScope>.Invalid(errors);

        var lineage = await LineageAsync(ct);
        if (!string.IsNullOrWhiteSpace(province))
        {
            var p = await db.CurrentUnits().AsNoTracking()
                .SingleOrDefaultAsync(u => u.Code == province.Trim() && u.Kind == AdministrativeUnitKind.Province, ct);
            if (p is null) return problems.Fail<StatisticsScope>(StatusCodes.Status404NotFound, "Units.NotFound", province);
            if (user is not null && !(user.Is(Roles.ProvinceAdmin) && user.ProvinceCode == p.Code))
                return problems.Fail<StatisticsScope>(StatusCodes.Status403Forbidden, "Statistics.NotYourScope");
            var communes = await db.CurrentUnits().AsNoTracking().Where(u => u.ParentCode == p.Code).Select(u => u.Code).ToListAsync(ct);
            var codes = communes.SelectMany(lineage.SelfAndPredecessors).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return Outcome<StatisticsScope>.Ok(new StatisticsScope("province", p.Code, p.Name, p.Code, codes, fromDate, toDate));
        }

        var code = unit!.Trim();
        var u = await db.Units.AsNoTracking().Where(x => x.Code == code && x.Kind != AdministrativeUnitKind.Province)
            .OrderBy(x => x.EffectiveTo == null ? 0 : 1).ThenByDescending(x => x.EffectiveTo).FirstOrDefaultAsync(ct);
        if (u is null) return problems.Fail<StatisticsScope>(StatusCodes.Status404NotFound, "Units.NotFound", code);
        // An old unit belongs to the province of the current unit(s) it went into.
        var provinceCode = u.IsCurrent ? u.ParentCode ?? "" : await ProvinceOfSuccessorAsync(lineage, code, ct);
        if (user is not null)
        {
            var allowed = user.Is(Roles.ProvinceAdmin) ? user.ProvinceCode == provinceCode
                : user.IsStaff && (user.UnitCode == code && u.IsCurrent
                    || !u.IsCurrent && user.UnitCode is { } own && lineage.PredecessorsOf(own).Contains(code));
            if (!allowed) return problems.Fail<StatisticsScope>(StatusCodes.Status403Forbidden, "Statistics.NotYourScope");
        }
        if (u.IsCurrent)
            return Outcome<StatisticsScope>.Ok(new StatisticsScope("unit", u.Code, u.Name, provinceCode, lineage.SelfAndPredecessors(code),
                fromDate, toDate));
        // An old unit: its own code, up to its last day (a reused code names the new unit after that).
        var end = u.EffectiveTo is { } e && e < toDate ? e : toDate;
        return Outcome<StatisticsScope>.Ok(new StatisticsScope("unit", u.Code, u.Name, provinceCode, [code], fromDate, end));
    }

    /// <summary>A refused or invalid scope as the outcome of the use case that asked for it.</summary>
    public static Outcome<T> Refused<T>(Outcome<StatisticsScope> scope) =>
        scope.Errors is not null ? Outcome<T>.Invalid(scope.Errors) : Outcome<T>.Fail(scope.Status, scope.Message!);

    /// <summary>The unit lineage (successions), cached for ten minutes: it changes with an import of units only.</summary>
    public async Task<UnitLineage> LineageAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("statistics-unit-lineage", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            var successions = await db.UnitSuccessions.AsNoTracking()
                .Select(s => new SuccessionRecord(s.PredecessorCode, s.SuccessorCode, s.EffectiveOn, s.Partial)).ToListAsync(ct);
            return new UnitLineage(successions);
        }))!;

    /// <summary>
    /// Which provinces count each unit code (for the province roll-up rows), drawn from the lineage. Loaded at start
    /// (<see cref="WarmAsync"/>) and then served from memory: after ten minutes the next caller gets the copy it has while a
    /// fresh one is loaded in the background. The statistics observer reads it synchronously inside every intake and action;
    /// a cold load there, under load, blocked one thread-pool thread per request and stalled intake for 20 s at a time
    /// (the scale bench found it). After an import of units that changes the successions, <c>rebuild-statistics</c> redraws
    /// the roll-up (docs/statistics.md).
    /// </summary>
    public async Task<StatisticsProvinces> ProvincesAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(ProvincesKey, out LoadedProvinces? loaded) && loaded is not null)
        {
            if (time.GetUtcNow() - loaded.At > ProvincesRefresh && Interlocked.Exchange(ref loaded.Refreshing, 1) == 0)
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await using var scope = scopeFactory.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<StatisticsScopes>().LoadProvincesAsync(CancellationToken.None);
                    }
                    catch (Exception) { Interlocked.Exchange(ref loaded.Refreshing, 0); }   // try again on a later call
                });
            return loaded.Value;
        }
        return await LoadProvincesAsync(ct);
    }

    /// <summary>Loads the province map at start, so that no request pays for it.</summary>
    public Task WarmAsync(CancellationToken ct) => ProvincesAsync(ct);

    private async Task<StatisticsProvinces> LoadProvincesAsync(CancellationToken ct)
    {
        var value = await StatisticsProvinces.LoadAsync(db, await LineageAsync(ct), ct);
        cache.Set(ProvincesKey, new LoadedProvinces(value, time.GetUtcNow()));
        return value;
    }

    private const string ProvincesKey = "statistics-provinces";
    private static readonly TimeSpan ProvincesRefresh = TimeSpan.FromMinutes(10);

    private sealed class LoadedProvinces(StatisticsProvinces value, DateTimeOffset at)
    {
        public StatisticsProvinces Value { get; } = value;
        public DateTimeOffset At { get; } = at;
        public int Refreshing;
    }

    private async Task<string> ProvinceOfSuccessorAsync(UnitLineage lineage, string code, CancellationToken ct)
    {
        var successors = lineage.SuccessorsOf(code);
        return await db.CurrentUnits().AsNoTracking().Where(x => successors.Contains(x.Code))
            .Select(x => x.ParentCode ?? x.Code).FirstOrDefaultAsync(ct) ?? "";
    }

    private static DateOnly ParseDate(string? value, DateOnly fallback, string field, ValidationErrors errors,
        Microsoft.Extensions.Localization.IStringLocalizer t)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", out var date)) return date;
        errors.Add(field, t["Statistics.DateInvalid"]);
        return fallback;
    }
}
