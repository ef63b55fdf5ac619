using Microsoft.EntityFrameworkCore;
using MotCua.Core.Calendar;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Calendar;

namespace MotCua.Web.Statistics;

public sealed record RebuildReport(int Dossiers, int DailyRows, int MonthlyRows, int ProvinceRows, int OfficerRows, TimeSpan Took)
{
    public override string ToString() =>
        $"Statistics rebuilt from {Dossiers} dossiers: {DailyRows} daily, {MonthlyRows} monthly, {ProvinceRows} province and {OfficerRows} officer rows in {Took.TotalSeconds:0.0} s.";
}

/// <summary>
/// Recomputes every aggregate from the dossiers, their control sheets and ratings, through the same
/// <see cref="DossierFigures"/> the incremental path uses, and replaces the aggregate tables in one transaction. For after a
/// bug fix in the figures, a restore, or dossiers written without the observers (the demo seed).
/// </summary>
public sealed class RebuildStatistics(MotCuaDbContext db, CalendarProvider calendars, TimeProvider time, StatisticsScopes scopes)
{
    public const int BatchSize = 2000;

    /// <summary>
    /// At start: when there are dossiers but no aggregates (a database from before the statistics, or the demo seed, which
    /// writes dossiers directly), or unit aggregates without the province roll-up (a database from before the roll-up), build
    /// them once. Null when there was nothing to do.
    /// </summary>
    public async Task<RebuildReport?> IfMissingAsync(CancellationToken ct = default)
    {
        if (!await db.Dossiers.AnyAsync(ct)) return null;
        if (!await db.StatisticsDays.AnyAsync(ct)) return await RunAsync(ct);
        return await db.StatisticsProvinceMonths.AnyAsync(ct) ? null : await RunAsync(ct);
    }

    public async Task<RebuildReport> RunAsync(CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var calendar = await calendars.GetAsync(ct);
        var daily = new Dictionary<(string, string, DateOnly, IntakeChannel), FigureCounts>();
        var officers = new Dictionary<(string, DateOnly, string), long[]>();
        var ratings = await db.DossierRatings.AsNoTracking().ToDictionaryAsync(r => r.DossierId, ct);
        long lastId = 0;
        var count = 0;
        while (true)
        {
            var batch = await db.Dossiers.AsNoTracking().Include(d => d.History).Include(d => d.ApologySlips).AsSplitQuery()
                .Where(d => d.Id > lastId).OrderBy(d => d.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var dossier in batch)
            {
                foreach (var line in dossier.History.OrderBy(h => h.Sequence))
                    if (DossierFigures.For(dossier, line, calendar) is { } figure)
                        Accumulate(daily, officers, dossier, figure);
                if (ratings.TryGetValue(dossier.Id, out var rating))
                    Accumulate(daily, officers, dossier, DossierFigures.ForRating(dossier, rating.Score, rating.RatedAt));
            }
            count += batch.Count;
            lastId = batch[^1].Id;
        }

        var monthly = daily.GroupBy(kv => (kv.Key.Item1, kv.Key.Item2, new DateOnly(kv.Key.Item3.Year, kv.Key.Item3.Month, 1), kv.Key.Item4))
            .ToDictionary(g => g.Key, g => FigureCounts.Sum(g.Select(kv => kv.Value)));
        var provinces = await scopes.ProvincesAsync(ct);
        var province = monthly
            .SelectMany(kv => provinces.Of(kv.Key.Item1).SelectMany(p => new[]
            {
                (Key: (p, kv.Key.Item3, "", kv.Key.Item2, kv.Key.Item4), Counts: kv.Value),
                (Key: (p, kv.Key.Item3, kv.Key.Item1, "", kv.Key.Item4), Counts: kv.Value),
            }))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => FigureCounts.Sum(g.Select(x => x.Counts)));
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.StatisticsDays.ExecuteDeleteAsync(ct);
            await db.StatisticsMonths.ExecuteDeleteAsync(ct);
            await db.StatisticsProvinceMonths.ExecuteDeleteAsync(ct);
            await db.StatisticsOfficerDays.ExecuteDeleteAsync(ct);
            await InsertAsync(daily.Select(kv => Row<StatisticsDay>(kv.Key, kv.Value)), ct);
            await InsertAsync(monthly.Select(kv => Row<StatisticsMonth>(kv.Key, kv.Value)), ct);
            await InsertAsync(province.Select(kv => new StatisticsProvinceMonth
            {
                ProvinceCode = kv.Key.Item1, Day = kv.Key.Item2, UnitCode = kv.Key.Item3, ProcedureCode = kv.Key.Item4, Channel = kv.Key.Item5,
                Counts = kv.Value,
            }), ct);
            await InsertAsync(officers.Select(kv => new StatisticsOfficerDay
            {
                UnitCode = kv.Key.Item1, Day = kv.Key.Item2, UserName = kv.Key.Item3, Handled = kv.Value[0], HandledOnTime = kv.Value[1],
                HandledWithSupplement = kv.Value[2], Rated = kv.Value[3], RatingSum = kv.Value[4],
            }), ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        return new RebuildReport(count, daily.Count, monthly.Count, province.Count, officers.Count, time.GetElapsedTime(started));
    }

    private static void Accumulate(Dictionary<(string, string, DateOnly, IntakeChannel), FigureCounts> daily,
        Dictionary<(string, DateOnly, string), long[]> officers, Dossier dossier, FigureEvent figure)
    {
        var key = (dossier.UnitCode, dossier.ProcedureCode, figure.Day, dossier.Channel);
        if (figure.Counts.ToArray().Any(v => v != 0))
        {
            if (!daily.TryGetValue(key, out var counts)) daily[key] = counts = new FigureCounts();
            counts.Add(figure.Counts);
        }
        if (figure.Officer is { } officer && figure.OfficerCounts is { } o)
        {
            var officerKey = (dossier.UnitCode, figure.Day, officer);
            if (!officers.TryGetValue(officerKey, out var v)) officers[officerKey] = v = new long[5];
            v[0] += o.Handled; v[1] += o.HandledOnTime; v[2] += o.HandledWithSupplement; v[3] += o.Rated; v[4] += o.RatingSum;
        }
    }

    private static T Row<T>((string Unit, string Procedure, DateOnly Day, IntakeChannel Channel) key, FigureCounts counts)
        where T : StatisticsRow, new() =>
        new() { UnitCode = key.Unit, ProcedureCode = key.Procedure, Day = key.Day, Channel = key.Channel, Counts = counts };

    private async Task InsertAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        foreach (var chunk in rows.Chunk(BatchSize))
        {
            db.Set<T>().AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary><c>rebuild-statistics</c>: recomputes the aggregates against the configured database, prints a report and exits.</summary>
public static class StatisticsCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "rebuild-statistics";

    public static async Task<int> RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        await Infrastructure.DatabaseSetup.MigrateAsync(db);
        var report = await ActivatorUtilities.CreateInstance<RebuildStatistics>(scope.ServiceProvider).RunAsync();
        Console.WriteLine(report);
        return 0;
    }
}
