using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Statistics;

/// <summary>
/// An overdue dossier as the public sees it: code, procedure, the appointment (the new one after an apology) and when the
/// apology slip was issued. The apology's reason is free text an officer wrote and may name the applicant: not shown.
/// </summary>
public sealed record OverdueDossier(string Code, string ProcedureCode, string ProcedureName, DateTimeOffset DueAt,
    DateTimeOffset? ApologizedAt);

public sealed record Transparency(string UnitCode, string UnitName, DateOnly From, DateOnly To, FigureSet Totals,
    Core.Statistics.ServiceIndexScore ServiceIndex, IReadOnlyList<NamedFigures> ByProcedure, IReadOnlyList<OverdueDossier> Overdue,
    IReadOnlyList<Data.Statistics.TrendPoint> Trend);

/// <summary>
/// The public transparency page of a unit: its figures without anything about officers, and the dossiers late now or late
/// with an apology, by code and procedure only (no applicant data). Anonymous.
/// </summary>
public sealed class PublicTransparency(MotCuaDbContext db, StatisticsScopes scopes, GetFigures figures, TimeProvider time)
{
    public const int MaxOverdueListed = 200;

    public static async Task<IResult> HandleAsync(string unit, PublicTransparency page, ProblemResults problems, string? from, string? to,
        CancellationToken ct) => (await page.ForUnitAsync(unit, from, to, ct)).ToResult(problems, Results.Ok);

    public async Task<Outcome<Transparency>> ForUnitAsync(string unit, string? from, string? to, CancellationToken ct)
    {
        var scope = await scopes.ResolveAsync(null, unit, null, from, to, ct);
        if (!scope.Succeeded) return StatisticsScopes.Refused<Transparency>(scope);
        var s = scope.Value!;
        var f = await figures.ComputeAsync(s, includeOfficers: false, GetFigures.ParseGrain(null, s), ct);
        var now = time.GetUtcNow();
        var codes = s.UnitCodes;
        // Late now (clock running, past the appointment), or given a new appointment by an apology slip and not yet returned.
        var overdue = await db.Dossiers.AsNoTracking()
            .Where(d => codes.Contains(d.UnitCode) && d.CompletedAt == null && d.Status != DossierStatus.Withdrawn
                && (d.ClockStoppedAt == null && d.DueAt < now || d.ApologySlips.Any()))
            .OrderBy(d => d.DueAt).Take(MaxOverdueListed)
            .Select(d => new
            {
                d.Code, d.ProcedureCode, d.DueAt,
                Apology = d.ApologySlips.OrderByDescending(a => a.IssuedAt).Select(a => (DateTimeOffset?)a.IssuedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var names = f.ByProcedure.ToDictionary(p => p.Code, p => p.Name);
        var list = overdue.Select(d => new OverdueDossier(d.Code, d.ProcedureCode, names.GetValueOrDefault(d.ProcedureCode) ?? d.ProcedureCode,
            d.DueAt.ToVietnam(), d.Apology.ToVietnam())).ToList();
        var byProcedure = f.ByProcedure.Select(p => p with { DossiersLink = "", Links = null }).ToList();
        return Outcome<Transparency>.Ok(new Transparency(s.Code, s.Name, s.From, s.To, f.Totals, f.ServiceIndex, byProcedure, list, f.Trend));
    }
}
