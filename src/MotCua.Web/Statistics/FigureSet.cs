using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Data.Statistics;

namespace MotCua.Web.Statistics;

/// <summary>
/// Every figure of a unit, a procedure, a field or a province over a period (pending: now). Shares and rates are 0..1,
/// null when there is nothing to divide; processing times are in working days (9 working hours each).
/// </summary>
public sealed record FigureSet(long Received, long ReceivedOnline, decimal? OnlineShare, IReadOnlyDictionary<string, long> ReceivedByChannel,
    long Resolved, long ResolvedOnTime, long ResolvedLate, decimal? OnTimeRate, long PendingWithinTime, long PendingOverdue,
    long SupplementRequests, long Rejections, long Withdrawals, long Apologies, decimal? AverageProcessingDays, decimal? P90ProcessingDays,
    long Rated, decimal? AverageRating, IReadOnlyList<long> RatingDistribution, decimal? DigitizedShare)
{
    public const int WorkingDayMinutes = 9 * 60;

    public static FigureSet From(IEnumerable<FigureRow> rows, IEnumerable<PendingRow> pending)
    {
        var list = rows.ToList();
        var c = FigureCounts.Sum(list.Select(r => r.Counts));
        var byChannel = Enum.GetValues<IntakeChannel>().ToDictionary(ch => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(ch.ToString()),
            ch => list.Where(r => r.Channel == ch).Sum(r => r.Counts.Received));
        var online = list.Where(r => r.Channel == IntakeChannel.Online).Sum(r => r.Counts.Received);
        var open = pending.ToList();
        return new FigureSet(c.Received, online, Share(online, c.Received), byChannel,
            c.Resolved, c.ResolvedOnTime, c.ResolvedLate, Share(c.ResolvedOnTime, c.Resolved),
            open.Sum(p => p.WithinTime), open.Sum(p => p.Overdue),
            c.SupplementRequests, c.Rejections, c.Withdrawals, c.Apologies,
            c.Resolved == 0 ? null : Math.Round((decimal)c.ProcessingMinutes / c.Resolved / WorkingDayMinutes, 2),
            ProcessingTimeBuckets.Percentile(c.Buckets(), 0.9),
            c.Rated, c.Rated == 0 ? null : Math.Round((decimal)c.RatingSum / c.Rated, 2), c.Scores(),
            // Online dossiers are digital from receipt; scans of counter dossiers are not tracked yet (docs/statistics.md).
            Share(online, c.Received));
    }

    public static decimal? Share(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
