using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Data.Entities;

namespace MotCua.Data.Statistics;

/// <summary>Counters of one procedure × channel (unit code empty) or one unit code × channel (procedure empty) over a period.</summary>
public sealed record FigureRow(string UnitCode, string ProcedureCode, IntakeChannel Channel, FigureCounts Counts);

/// <summary>One point of a trend: a day, the Monday of a week, or the first day of a month.</summary>
public sealed record TrendPoint(DateOnly Start, long Received, long ReceivedOnline, long Resolved, long ResolvedOnTime);

public sealed record OfficerRow(string UserName, long Handled, long HandledOnTime, long HandledWithSupplement, long Rated, long RatingSum);

/// <summary>Open dossiers of a unit code and procedure now: within time (supplement waits included) and overdue.</summary>
public sealed record PendingRow(string UnitCode, string ProcedureCode, long WithinTime, long Overdue);

public enum TrendGrain { Day, Week, Month }

/// <summary>
/// What the sums are split by besides the channel. Never both: a province's year split by unit × procedure × channel is tens
/// of thousands of groups to sort, where each split alone is a small hash aggregate.
/// </summary>
public enum FigureSplit { Procedure, Unit }

/// <summary>
/// Reads the aggregates, never the dossiers (except the open ones, through a partial index, for "pending now"). A period
/// reads its whole months from statistics_monthly and only its ragged edges from statistics_daily.
/// </summary>
public static class FigureSums
{
    /// <param name="province">A province scope's code: its whole months are then read from the province roll-up
    /// (statistics_province_monthly), which holds exactly the sums of <paramref name="unitCodes"/> (the province's scope).</param>
    public static async Task<IReadOnlyList<FigureRow>> RowsAsync(MotCuaDbContext db, IReadOnlyCollection<string> unitCodes,
        DateOnly from, DateOnly to, FigureSplit by = FigureSplit.Procedure, CancellationToken ct = default, string? province = null)
    {
        var split = PeriodSplit.Of(from, to);
        var rows = new List<FigureRow>();
        if (split.Months is { } months)
            rows.AddRange(province is null
                ? await Sum(InPeriod(db.StatisticsMonths.AsNoTracking(), unitCodes, months.From, months.To), by, ct)
                : await Sum(ProvinceRows(db, province, months.From, months.To, by), by, ct));
        foreach (var (a, b) in split.Days)
            rows.AddRange(await Sum(InPeriod(db.StatisticsDays.AsNoTracking(), unitCodes, a, b), by, ct));
        return [.. rows.GroupBy(r => (r.UnitCode, r.ProcedureCode, r.Channel))
            .Select(g => new FigureRow(g.Key.UnitCode, g.Key.ProcedureCode, g.Key.Channel, FigureCounts.Sum(g.Select(r => r.Counts))))];
    }

    /// <param name="province">A province scope's code: a monthly trend is then read from the province roll-up.</param>
    public static async Task<IReadOnlyList<TrendPoint>> TrendAsync(MotCuaDbContext db, IReadOnlyCollection<string> unitCodes,
        DateOnly from, DateOnly to, TrendGrain grain, CancellationToken ct = default, string? province = null)
    {
        var firstMonth = new DateOnly(from.Year, from.Month, 1);
        var points = grain != TrendGrain.Month ? await TrendRows(InPeriod(db.StatisticsDays.AsNoTracking(), unitCodes, from, to), ct)
            : province is null ? await TrendRows(InPeriod(db.StatisticsMonths.AsNoTracking(), unitCodes, firstMonth, to), ct)
            : await TrendRows(ProvinceRows(db, province, firstMonth, to, FigureSplit.Procedure), ct);
        return [.. points.GroupBy(p => grain == TrendGrain.Week ? p.Day.AddDays(-(((int)p.Day.DayOfWeek + 6) % 7)) : p.Day)
            .OrderBy(g => g.Key)
            .Select(g => new TrendPoint(g.Key, g.Sum(p => p.Received), g.Where(p => p.Online).Sum(p => p.Received),
                g.Sum(p => p.Resolved), g.Sum(p => p.OnTime)))];
    }

    public static async Task<IReadOnlyList<OfficerRow>> OfficersAsync(MotCuaDbContext db, IReadOnlyCollection<string> unitCodes,
        DateOnly from, DateOnly to, CancellationToken ct = default) =>
        await db.StatisticsOfficerDays.AsNoTracking()
            .Where(r => unitCodes.Contains(r.UnitCode) && r.Day >= from && r.Day <= to)
            .GroupBy(r => r.UserName)
            .OrderBy(g => g.Key)
            .Select(g => new OfficerRow(g.Key, g.Sum(r => r.Handled), g.Sum(r => r.HandledOnTime), g.Sum(r => r.HandledWithSupplement),
                g.Sum(r => r.Rated), g.Sum(r => r.RatingSum)))
            .ToListAsync(ct);

    /// <summary>Open dossiers now (no result yet, not withdrawn); overdue when the clock runs and the appointment has passed.</summary>
    public static async Task<IReadOnlyList<PendingRow>> PendingAsync(MotCuaDbContext db, IReadOnlyCollection<string> unitCodes,
        DateTimeOffset now, CancellationToken ct = default)
    {
        now = now.ToUniversalTime();   // PostgreSQL takes instants in UTC only
        var rows = await db.Dossiers.AsNoTracking()
            .Where(d => unitCodes.Contains(d.UnitCode) && d.CompletedAt == null && d.Status != DossierStatus.Withdrawn)
            .GroupBy(d => new { d.UnitCode, d.ProcedureCode, Overdue = d.ClockStoppedAt == null && d.DueAt < now })
            .Select(g => new { g.Key.UnitCode, g.Key.ProcedureCode, g.Key.Overdue, Count = g.LongCount() })
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.UnitCode, r.ProcedureCode))
            .Select(g => new PendingRow(g.Key.UnitCode, g.Key.ProcedureCode, g.Where(r => !r.Overdue).Sum(r => r.Count),
                g.Where(r => r.Overdue).Sum(r => r.Count)))];
    }

    private sealed record TrendRow(DateOnly Day, bool Online, long Received, long Resolved, long OnTime);

    private static IQueryable<T> InPeriod<T>(IQueryable<T> source, IReadOnlyCollection<string> unitCodes, DateOnly from, DateOnly to)
        where T : StatisticsRow => source.Where(r => unitCodes.Contains(r.UnitCode) && r.Day >= from && r.Day <= to);

    /// <summary>The roll-up rows of a province's months: per procedure (no unit code) or per unit code (no procedure).</summary>
    private static IQueryable<StatisticsProvinceMonth> ProvinceRows(MotCuaDbContext db, string province, DateOnly from, DateOnly to,
        FigureSplit by)
    {
        var rows = db.StatisticsProvinceMonths.AsNoTracking().Where(r => r.ProvinceCode == province && r.Day >= from && r.Day <= to);
        return by == FigureSplit.Unit ? rows.Where(r => r.ProcedureCode == "") : rows.Where(r => r.UnitCode == "");
    }

    private static async Task<List<TrendRow>> TrendRows<T>(IQueryable<T> source, CancellationToken ct) where T : StatisticsRow =>
        await source
            .GroupBy(r => new { r.Day, Online = r.Channel == IntakeChannel.Online })
            .Select(g => new TrendRow(g.Key.Day, g.Key.Online, g.Sum(r => r.Counts.Received), g.Sum(r => r.Counts.Resolved),
                g.Sum(r => r.Counts.ResolvedOnTime)))
            .ToListAsync(ct);

    private static async Task<List<FigureRow>> Sum<T>(IQueryable<T> source, FigureSplit by, CancellationToken ct) where T : StatisticsRow
    {
        System.Linq.Expressions.Expression<Func<T, SplitKey>> key = by == FigureSplit.Unit
            ? r => new SplitKey { Key = r.UnitCode, Channel = r.Channel }
            : r => new SplitKey { Key = r.ProcedureCode, Channel = r.Channel };
        var byUnit = by == FigureSplit.Unit;
        return await source
            .GroupBy(key)
            .Select(g => new FigureRow(byUnit ? g.Key.Key : "", byUnit ? "" : g.Key.Key, g.Key.Channel, new FigureCounts
            {
                Received = g.Sum(r => r.Counts.Received),
                Resolved = g.Sum(r => r.Counts.Resolved),
                ResolvedOnTime = g.Sum(r => r.Counts.ResolvedOnTime),
                ResolvedLate = g.Sum(r => r.Counts.ResolvedLate),
                ProcessingMinutes = g.Sum(r => r.Counts.ProcessingMinutes),
                SupplementRequests = g.Sum(r => r.Counts.SupplementRequests),
                Rejections = g.Sum(r => r.Counts.Rejections),
                Withdrawals = g.Sum(r => r.Counts.Withdrawals),
                Apologies = g.Sum(r => r.Counts.Apologies),
                Rated = g.Sum(r => r.Counts.Rated),
                RatingSum = g.Sum(r => r.Counts.RatingSum),
                Score1 = g.Sum(r => r.Counts.Score1),
                Score2 = g.Sum(r => r.Counts.Score2),
                Score3 = g.Sum(r => r.Counts.Score3),
                Score4 = g.Sum(r => r.Counts.Score4),
                Score5 = g.Sum(r => r.Counts.Score5),
                Bucket0 = g.Sum(r => r.Counts.Bucket0),
                Bucket1 = g.Sum(r => r.Counts.Bucket1),
                Bucket2 = g.Sum(r => r.Counts.Bucket2),
                Bucket3 = g.Sum(r => r.Counts.Bucket3),
                Bucket4 = g.Sum(r => r.Counts.Bucket4),
                Bucket5 = g.Sum(r => r.Counts.Bucket5),
                Bucket6 = g.Sum(r => r.Counts.Bucket6),
                Bucket7 = g.Sum(r => r.Counts.Bucket7),
                Bucket8 = g.Sum(r => r.Counts.Bucket8),
                Bucket9 = g.Sum(r => r.Counts.Bucket9),
            }))
            .ToListAsync(ct);
    }

    private sealed class SplitKey
    {
        public string Key { get; init; } = "";
        public IntakeChannel Channel { get; init; }
    }
}

/// <summary>A period cut into its whole months (read monthly) and its ragged edges (read daily).</summary>
public sealed record PeriodSplit((DateOnly From, DateOnly To)? Months, IReadOnlyList<(DateOnly From, DateOnly To)> Days)
{
    public static PeriodSplit Of(DateOnly from, DateOnly to)
    {
        if (to < from) return new PeriodSplit(null, []);
        var firstFull = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastFullEnd = to.AddDays(1).Day == 1 ? to : new DateOnly(to.Year, to.Month, 1).AddDays(-1);
        if (firstFull > lastFullEnd) return new PeriodSplit(null, [(from, to)]);
        var days = new List<(DateOnly, DateOnly)>();
        if (from < firstFull) days.Add((from, firstFull.AddDays(-1)));
        if (lastFullEnd < to) days.Add((lastFullEnd.AddDays(1), to));
        return new PeriodSplit((firstFull, new DateOnly(lastFullEnd.Year, lastFullEnd.Month, 1)), days);
    }
}
