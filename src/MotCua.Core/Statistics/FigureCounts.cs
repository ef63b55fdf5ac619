namespace MotCua.Core.Statistics;

/// <summary>
/// The additive counters kept per unit × procedure × day × channel (and per month). Every figure of the dashboards is a
/// sum of these; shares and averages are computed when read. Adding two counts is the only operation, so the same numbers
/// come from the incremental path (one event at a time, an atomic <c>x = x + n</c> in SQL) and from a rebuild.
/// </summary>
public sealed class FigureCounts
{
    public long Received { get; set; }
    /// <summary>Results made available (result ready), whatever the outcome.</summary>
    public long Resolved { get; set; }
    public long ResolvedOnTime { get; set; }
    public long ResolvedLate { get; set; }
    /// <summary>Sum over resolved dossiers of the working minutes the clock ran (supplement waits not counted).</summary>
    public long ProcessingMinutes { get; set; }
    public long SupplementRequests { get; set; }
    public long Rejections { get; set; }
    public long Withdrawals { get; set; }
    public long Apologies { get; set; }
    public long Rated { get; set; }
    public long RatingSum { get; set; }
    public long Score1 { get; set; }
    public long Score2 { get; set; }
    public long Score3 { get; set; }
    public long Score4 { get; set; }
    public long Score5 { get; set; }
    /// <summary>Resolved dossiers by processing time, see <see cref="ProcessingTimeBuckets"/>.</summary>
    public long Bucket0 { get; set; }
    public long Bucket1 { get; set; }
    public long Bucket2 { get; set; }
    public long Bucket3 { get; set; }
    public long Bucket4 { get; set; }
    public long Bucket5 { get; set; }
    public long Bucket6 { get; set; }
    public long Bucket7 { get; set; }
    public long Bucket8 { get; set; }
    public long Bucket9 { get; set; }

    /// <summary>The counter names, which are also the column names, in a fixed order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        nameof(Received), nameof(Resolved), nameof(ResolvedOnTime), nameof(ResolvedLate), nameof(ProcessingMinutes),
        nameof(SupplementRequests), nameof(Rejections), nameof(Withdrawals), nameof(Apologies), nameof(Rated), nameof(RatingSum),
        nameof(Score1), nameof(Score2), nameof(Score3), nameof(Score4), nameof(Score5),
        nameof(Bucket0), nameof(Bucket1), nameof(Bucket2), nameof(Bucket3), nameof(Bucket4),
        nameof(Bucket5), nameof(Bucket6), nameof(Bucket7), nameof(Bucket8), nameof(Bucket9),
    ];

    /// <summary>The values in the order of <see cref="Names"/>.</summary>
    public long[] ToArray() =>
    [
        Received, Resolved, ResolvedOnTime, ResolvedLate, ProcessingMinutes, SupplementRequests, Rejections, Withdrawals, Apologies,
        Rated, RatingSum, Score1, Score2, Score3, Score4, Score5,
        Bucket0, Bucket1, Bucket2, Bucket3, Bucket4, Bucket5, Bucket6, Bucket7, Bucket8, Bucket9,
    ];

    public static FigureCounts FromArray(IReadOnlyList<long> v) => new()
    {
        Received = v[0], Resolved = v[1], ResolvedOnTime = v[2], ResolvedLate = v[3], ProcessingMinutes = v[4],
        SupplementRequests = v[5], Rejections = v[6], Withdrawals = v[7], Apologies = v[8], Rated = v[9], RatingSum = v[10],
        Score1 = v[11], Score2 = v[12], Score3 = v[13], Score4 = v[14], Score5 = v[15],
        Bucket0 = v[16], Bucket1 = v[17], Bucket2 = v[18], Bucket3 = v[19], Bucket4 = v[20],
        Bucket5 = v[21], Bucket6 = v[22], Bucket7 = v[23], Bucket8 = v[24], Bucket9 = v[25],
    };

    public void Add(FigureCounts other)
    {
        var a = ToArray();
        var b = other.ToArray();
        for (var i = 0; i < a.Length; i++) a[i] += b[i];
        Copy(FromArray(a));
    }

    public static FigureCounts Sum(IEnumerable<FigureCounts> counts)
    {
        var total = new FigureCounts();
        foreach (var c in counts) total.Add(c);
        return total;
    }

    public long[] Buckets() => [Bucket0, Bucket1, Bucket2, Bucket3, Bucket4, Bucket5, Bucket6, Bucket7, Bucket8, Bucket9];

    public long[] Scores() => [Score1, Score2, Score3, Score4, Score5];

    private void Copy(FigureCounts s)
    {
        Received = s.Received; Resolved = s.Resolved; ResolvedOnTime = s.ResolvedOnTime; ResolvedLate = s.ResolvedLate;
        ProcessingMinutes = s.ProcessingMinutes; SupplementRequests = s.SupplementRequests; Rejections = s.Rejections;
        Withdrawals = s.Withdrawals; Apologies = s.Apologies; Rated = s.Rated; RatingSum = s.RatingSum;
        Score1 = s.Score1; Score2 = s.Score2; Score3 = s.Score3; Score4 = s.Score4; Score5 = s.Score5;
        Bucket0 = s.Bucket0; Bucket1 = s.Bucket1; Bucket2 = s.Bucket2; Bucket3 = s.Bucket3; Bucket4 = s.Bucket4;
        Bucket5 = s.Bucket5; Bucket6 = s.Bucket6; Bucket7 = s.Bucket7; Bucket8 = s.Bucket8; Bucket9 = s.Bucket9;
    }
}

/// <summary>The counters kept per officer × day: dossiers they handled (the assignee when the result was made ready).</summary>
public sealed record OfficerCounts(long Handled, long HandledOnTime, long HandledWithSupplement, long Rated, long RatingSum);
