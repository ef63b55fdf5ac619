using MotCua.Core.Statistics;

namespace MotCua.Core.Tests.Statistics;

public sealed class StatisticsRulesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(270, 0)]      // half a working day
    [InlineData(271, 1)]
    [InlineData(540, 1)]
    [InlineData(1140, 3)]     // 2.11 days
    [InlineData(16200, 8)]    // 30 days
    [InlineData(16201, 9)]
    public void Processing_time_falls_in_the_bucket_of_its_upper_bound(long minutes, int bucket) =>
        Assert.Equal(bucket, ProcessingTimeBuckets.BucketOf(minutes, 540));

    [Fact]
    public void The_90th_percentile_is_the_bound_of_the_bucket_it_falls_in()
    {
        Assert.Null(ProcessingTimeBuckets.Percentile(new long[10], 0.9));
        Assert.Equal(3m, ProcessingTimeBuckets.Percentile([1, 1, 0, 1, 0, 0, 0, 0, 0, 0], 0.9));
        Assert.Equal(1m, ProcessingTimeBuckets.Percentile([0, 9, 0, 1, 0, 0, 0, 0, 0, 0], 0.9));
        Assert.Equal(30m, ProcessingTimeBuckets.Percentile([0, 0, 0, 0, 0, 0, 0, 0, 0, 5], 0.9));
    }

    [Fact]
    public void Counters_add_column_by_column()
    {
        var a = new FigureCounts { Received = 2, Score5 = 1, Bucket9 = 3 };
        a.Add(new FigureCounts { Received = 1, Score5 = 2, ProcessingMinutes = 60 });
        Assert.Equal([3L, 0, 0, 0, 60], a.ToArray()[..5]);
        Assert.Equal(3, a.Score5);
        Assert.Equal(3, a.Bucket9);
        Assert.Equal(FigureCounts.Names.Count, a.ToArray().Length);
        Assert.Equal(a.ToArray(), FigureCounts.FromArray(a.ToArray()).ToArray());
    }

    [Fact]
    public void The_service_index_follows_the_weights_and_thresholds_of_docs_statistics()
    {
        // Nothing to measure: every component in full.
        Assert.Equal(100m, ServiceIndex.Compute(new FigureCounts(), 0, 0).Total);
        // 10 received, 5 online (50%: online full, digitization 22 × 0.5 / 0.8), 8 resolved of which 6 on time, 2 overdue now,
        // 4 rated of which 1 complaint: satisfaction 1 − 4/10 − 1/4 = 0.35 → 18 × 0.35 / 0.9.
        var score = ServiceIndex.Compute(new FigureCounts { Received = 10, Resolved = 8, ResolvedOnTime = 6, ResolvedLate = 2, Rated = 4, Score1 = 1 },
            onlineReceived: 5, overduePending: 2);
        var points = score.Components.ToDictionary(c => c.Name, c => c.Points);
        Assert.Equal(18m, points["transparency"]);
        Assert.Equal(12m, points["progress"]);        // 20 × 6 / 10
        Assert.Equal(22m, points["onlineService"]);
        Assert.Equal(13.75m, points["digitization"]);
        Assert.Equal(7m, points["satisfaction"]);
        Assert.Equal(72.75m, score.Total);
        Assert.Equal(100m, score.Components.Sum(c => c.Weight));
    }
}
