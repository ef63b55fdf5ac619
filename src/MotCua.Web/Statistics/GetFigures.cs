using Microsoft.EntityFrameworkCore;
using MotCua.Core.Statistics;
using MotCua.Data;
using MotCua.Data.Statistics;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Statistics;

/// <summary>
/// Drill-down: the work queue's query (<c>GET /api/v1/dossiers</c>, the same filters as the <c>/cong-viec</c> page) listing the
/// dossiers behind each count of a figure set: received in the period (and online), resolved in the period (on time, late),
/// and overdue now.
/// </summary>
public sealed record FigureLinks(string Received, string ReceivedOnline, string Resolved, string ResolvedOnTime, string ResolvedLate,
    string PendingOverdue)
{
    public const string Api = "/api/v1/dossiers?";

    /// <param name="filter">The queue's filters of the figure set (unit, procedure, assignee), each ending with '&amp;', or empty.</param>
    public static FigureLinks For(string filter, DateOnly from, DateOnly to)
    {
        var received = $"{Api}{filter}receivedFrom={from:yyyy-MM-dd}&receivedTo={to:yyyy-MM-dd}";
        var resolved = $"{Api}{filter}resolvedFrom={from:yyyy-MM-dd}&resolvedTo={to:yyyy-MM-dd}";
        return new FigureLinks(received, received + "&channel=online", resolved, resolved + "&onTime=true", resolved + "&onTime=false",
            $"{Api}{filter}overdue=true");
    }
}

/// <summary>Figures of a procedure (with its field), a field or a unit, and the work-queue queries listing their dossiers.</summary>
public sealed record NamedFigures(string Code, string Name, FigureSet Figures, string DossiersLink, string? FieldCode, FigureLinks? Links);

/// <summary>An officer's figures; <see cref="DossiersLink"/> lists the dossiers assigned to them that were resolved in the period.</summary>
public sealed record OfficerFigures(string UserName, long Handled, decimal? OnTimeRate, decimal? SupplementRate, long Rated,
    decimal? AverageRating, string DossiersLink);

public sealed record Figures(string Kind, string Code, string Name, DateOnly From, DateOnly To, IReadOnlyList<string> UnitCodes,
    FigureSet Totals, ServiceIndexScore ServiceIndex, IReadOnlyList<NamedFigures> ByProcedure, IReadOnlyList<NamedFigures> ByField,
    IReadOnlyList<NamedFigures> ByUnit, IReadOnlyList<OfficerFigures>? ByOfficer, string Grain, IReadOnlyList<TrendPoint> Trend,
    string DossiersLink, string OverdueLink, FigureLinks Links);

/// <summary>
/// The figures of a unit or a province for a period, read from the aggregates: totals, per procedure, per field, per
/// current unit (province), per officer (staff only), a trend and the service index.
/// </summary>
public sealed class GetFigures(MotCuaDbContext db, StatisticsScopes scopes, TimeProvider time)
{
    public static async Task<IResult> HandleAsync(HttpContext http, GetFigures figures, ProblemResults problems, string? unit,
        string? province, string? from, string? to, string? grain, CancellationToken ct)
    {
        var outcome = await figures.ForUserAsync(CurrentUser.From(http.User), unit, province, from, to, grain, ct);
        return outcome.ToResult(problems, Results.Ok);
    }

    public async Task<Outcome<Figures>> ForUserAsync(CurrentUser? user, string? unit, string? province, string? from, string? to,
        string? grain, CancellationToken ct)
    {
        var scope = await scopes.ResolveAsync(user, unit, province, from, to, ct);
        if (!scope.Succeeded) return StatisticsScopes.Refused<Figures>(scope);
        return Outcome<Figures>.Ok(await ComputeAsync(scope.Value!, includeOfficers: user is not null, ParseGrain(grain, scope.Value!), ct));
    }

    public async Task<Figures> ComputeAsync(StatisticsScope s, bool includeOfficers, TrendGrain grain, CancellationToken ct)
    {
        var province = s.Kind == "province" ? s.Code : null;   // a province's whole months: its roll-up rows
        var rows = await FigureSums.RowsAsync(db, s.UnitCodes, s.From, s.To, FigureSplit.Procedure, ct, province);
        var pending = await FigureSums.PendingAsync(db, s.UnitCodes, time.GetUtcNow(), ct);
        var totals = FigureSet.From(rows, pending);
        var online = totals.ReceivedOnline;
        var index = ServiceIndex.Compute(FigureCounts.Sum(rows.Select(r => r.Counts)), online, totals.PendingOverdue);

        var procedures = await db.ProcedureVersions.AsNoTracking().Where(v => v.EffectiveTo == null)
            .Select(v => new { v.ProcedureCode, v.Name, v.FieldCode }).ToListAsync(ct);
        var procedureInfo = procedures.GroupBy(p => p.ProcedureCode).ToDictionary(g => g.Key, g => g.First());
        var fieldNames = await db.Fields.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Name, ct);
        var unitQuery = UnitQuery(s);
        string FieldOf(string procedure) => procedureInfo.GetValueOrDefault(procedure)?.FieldCode ?? "";
        NamedFigures Named(string code, string name, FigureSet figures, string filter, string? field = null)
        {
            var links = FigureLinks.For(filter, s.From, s.To);
            return new NamedFigures(code, name, figures, links.Received, field, links);
        }
        var byProcedure = rows.Select(r => r.ProcedureCode).Concat(pending.Select(p => p.ProcedureCode)).Distinct().Order()
            .Select(code => Named(code, procedureInfo.GetValueOrDefault(code)?.Name ?? code,
                FigureSet.From(rows.Where(r => r.ProcedureCode == code), pending.Where(p => p.ProcedureCode == code)),
                $"{unitQuery}procedure={Uri.EscapeDataString(code)}&", FieldOf(code)))
            .ToList();
        // The queue has no field filter: a field's links list the unit's dossiers of the period (every field).
        var byField = byProcedure.Select(p => FieldOf(p.Code)).Distinct().Order()
            .Select(field => Named(field, fieldNames.GetValueOrDefault(field) ?? field,
                FigureSet.From(rows.Where(r => FieldOf(r.ProcedureCode) == field), pending.Where(p => FieldOf(p.ProcedureCode) == field)),
                unitQuery))
            .ToList();

        var byUnit = new List<NamedFigures>();
        if (s.Kind == "province")
        {
            var unitRows = await FigureSums.RowsAsync(db, s.UnitCodes, s.From, s.To, FigureSplit.Unit, ct, province);
            var lineage = await scopes.LineageAsync(ct);
            var communes = await db.CurrentUnits().AsNoTracking().Where(u => u.ParentCode == s.Code).OrderBy(u => u.Code)
                .Select(u => new { u.Code, u.Name }).ToListAsync(ct);
            foreach (var c in communes)
            {
                var codes = lineage.SelfAndPredecessors(c.Code).ToHashSet(StringComparer.Ordinal);
                byUnit.Add(Named(c.Code, c.Name, FigureSet.From(unitRows.Where(r => codes.Contains(r.UnitCode)),
                    pending.Where(p => codes.Contains(p.UnitCode))), $"unit={Uri.EscapeDataString(c.Code)}&"));
            }
        }

        IReadOnlyList<OfficerFigures>? officers = null;
        if (includeOfficers)
            officers = [.. (await FigureSums.OfficersAsync(db, s.UnitCodes, s.From, s.To, ct)).Select(o => new OfficerFigures(o.UserName,
                o.Handled, FigureSet.Share(o.HandledOnTime, o.Handled), FigureSet.Share(o.HandledWithSupplement, o.Handled), o.Rated,
                o.Rated == 0 ? null : Math.Round((decimal)o.RatingSum / o.Rated, 2),
                FigureLinks.For($"{unitQuery}assignee={Uri.EscapeDataString(o.UserName)}&", s.From, s.To).Resolved))];

        var trend = await FigureSums.TrendAsync(db, s.UnitCodes, s.From, s.To, grain, ct, province);
        var links = FigureLinks.For(unitQuery, s.From, s.To);
        return new Figures(s.Kind, s.Code, s.Name, s.From, s.To, s.UnitCodes, totals, index, byProcedure, byField, byUnit, officers,
            grain.ToString().ToLowerInvariant(), trend, links.Received, links.PendingOverdue, links);
    }

    /// <summary>Day for a month or less, week up to a quarter, month beyond, unless asked.</summary>
    public static TrendGrain ParseGrain(string? grain, StatisticsScope s) =>
        Enum.TryParse<TrendGrain>(grain, true, out var g) && !int.TryParse(grain, out _) ? g
        : (s.To.DayNumber - s.From.DayNumber) switch { <= 31 => TrendGrain.Day, <= 92 => TrendGrain.Week, _ => TrendGrain.Month };

    /// <summary>The work queue's unit filter: a unit scope filters on its code; a province scope is the province admin's whole queue.</summary>
    private static string UnitQuery(StatisticsScope s) => s.Kind == "unit" ? $"unit={Uri.EscapeDataString(s.Code)}&" : "";
}
