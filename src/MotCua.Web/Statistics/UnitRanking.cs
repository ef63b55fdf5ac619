using MotCua.Core.Statistics;
using MotCua.Data.Statistics;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Statistics;

public sealed record RankedUnit(int Rank, string Code, string Name, decimal Score, ServiceIndexScore ServiceIndex, long Received,
    decimal? OnTimeRate, decimal? OnlineShare);

public sealed record Ranking(string ProvinceCode, string ProvinceName, DateOnly From, DateOnly To, IReadOnlyList<RankedUnit> Units);

/// <summary>The province's current units ranked by service index over a period (ties share a rank, then by code).</summary>
public sealed class UnitRanking(GetFigures figures, StatisticsScopes scopes)
{
    public static async Task<IResult> HandleAsync(HttpContext http, UnitRanking ranking, ProblemResults problems, string? province,
        string? from, string? to, CancellationToken ct) =>
        (await ranking.ForUserAsync(CurrentUser.From(http.User), province, from, to, ct)).ToResult(problems, Results.Ok);

    public async Task<Outcome<Ranking>> ForUserAsync(CurrentUser? user, string? province, string? from, string? to, CancellationToken ct)
    {
        var scope = await scopes.ResolveAsync(user, null, province ?? user?.ProvinceCode ?? "", from, to, ct);
        if (!scope.Succeeded) return StatisticsScopes.Refused<Ranking>(scope);
        var s = scope.Value!;
        var all = await figures.ComputeAsync(s, includeOfficers: false, TrendGrain.Month, ct);
        return Outcome<Ranking>.Ok(new Ranking(s.Code, s.Name, s.From, s.To, Rank(all.ByUnit)));
    }

    /// <summary>A province's units (<see cref="Figures.ByUnit"/>) by service index, highest first; ties share a rank, then by code.</summary>
    public static IReadOnlyList<RankedUnit> Rank(IEnumerable<NamedFigures> units)
    {
        var scored = units.Select(u => (u, index: ServiceIndexOf(u.Figures))).OrderByDescending(x => x.index.Total)
            .ThenBy(x => x.u.Code, StringComparer.Ordinal).ToList();
        var ranked = new List<RankedUnit>();
        for (var i = 0; i < scored.Count; i++)
        {
            var rank = i > 0 && scored[i].index.Total == scored[i - 1].index.Total ? ranked[i - 1].Rank : i + 1;
            var f = scored[i].u.Figures;
            ranked.Add(new RankedUnit(rank, scored[i].u.Code, scored[i].u.Name, scored[i].index.Total, scored[i].index, f.Received,
                f.OnTimeRate, f.OnlineShare));
        }
        return ranked;
    }

    /// <summary>The index from a unit's figure set (the counters it needs are all in it).</summary>
    public static ServiceIndexScore ServiceIndexOf(FigureSet f) => ServiceIndex.Compute(new FigureCounts
    {
        Received = f.Received, Resolved = f.Resolved, ResolvedOnTime = f.ResolvedOnTime, ResolvedLate = f.ResolvedLate, Rated = f.Rated,
        Score1 = f.RatingDistribution[0], Score2 = f.RatingDistribution[1],
    }, f.ReceivedOnline, f.PendingOverdue);
}
