namespace MotCua.Core.Statistics;

/// <summary>
/// Processing time of resolved dossiers, counted into ten buckets of working days so that a percentile can be read from
/// summed aggregates without the dossiers. A percentile is reported as the upper bound of the bucket it falls in; the
/// last bucket has no bound and reports 30 (read: "more than 30").
/// </summary>
public static class ProcessingTimeBuckets
{
    /// <summary>Upper bounds in working days (inclusive) of buckets 0..8; bucket 9 is everything above the last.</summary>
    public static readonly IReadOnlyList<decimal> UpperBounds = [0.5m, 1m, 2m, 3m, 5m, 7m, 10m, 15m, 30m];

    public static int BucketOf(long workingMinutes, int dayMinutes)
    {
        var days = (decimal)workingMinutes / dayMinutes;
        for (var i = 0; i < UpperBounds.Count; i++)
            if (days <= UpperBounds[i]) return i;
        return UpperBounds.Count;
    }

    /// <summary>The upper bound of the bucket holding the given percentile (0..1); null when there is nothing counted.</summary>
    public static decimal? Percentile(IReadOnlyList<long> buckets, double percentile)
    {
        var total = buckets.Sum();
        if (total == 0) return null;
        var rank = (long)Math.Ceiling(percentile * total);
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            seen += buckets[i];
            if (seen >= rank) return i < UpperBounds.Count ? UpperBounds[i] : UpperBounds[^1];
        }
        return UpperBounds[^1];
    }
}
