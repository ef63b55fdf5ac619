using MotCua.Core.Calendar;
using MotCua.Core.Dossiers;

namespace MotCua.Core.Statistics;

/// <summary>What one line of the control sheet (or one rating) adds to the aggregates, on a Vietnam date.</summary>
public sealed record FigureEvent(DateOnly Day, FigureCounts Counts, string? Officer, OfficerCounts? OfficerCounts);

/// <summary>
/// The one place that says how a dossier's history turns into figures. The incremental observer calls it for the line
/// just appended; the rebuild calls it for every line of every dossier; so the two paths cannot disagree.
/// <list type="bullet">
/// <item>receipt: received, on the receipt date (the real one for a back-entry);</item>
/// <item>supplement request, rejection, withdrawal, apology: one each, on the day of the action;</item>
/// <item>result ready: resolved, on time or late, processing time, on the day of the action, and one handled dossier
/// for the officer who handled it (the assignee, else whoever made the result ready).</item>
/// </list>
/// On time (Decision 766/QĐ-TTg as PRODUCT.md reads it): the result was ready by the appointment, with at most one
/// supplement request and no apology slip (an apology moves the appointment only because the first one was missed).
/// </summary>
public static class DossierFigures
{
    public static readonly TimeSpan VietnamOffset = WorkingCalendar.VietnamOffset;

    public static DateOnly VietnamDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(VietnamOffset).DateTime);

    /// <summary>The contribution of one history line; null when the action counts for nothing.</summary>
    public static FigureEvent? For(Dossier dossier, DossierHistoryEntry entry, WorkingCalendar calendar)
    {
        var counts = new FigureCounts();
        switch (entry.Action)
        {
            case "Receive":
                counts.Received = 1;
                return new FigureEvent(VietnamDate(dossier.ReceivedAt), counts, null, null);
            case nameof(DossierAction.RequestSupplement):
                counts.SupplementRequests = 1;
                break;
            case nameof(DossierAction.Reject):
                counts.Rejections = 1;
                break;
            case nameof(DossierAction.Withdraw):
                counts.Withdrawals = 1;
                break;
            case nameof(DossierAction.Apologize):
                counts.Apologies = 1;
                break;
            case nameof(DossierAction.MarkResultReady):
                var onTime = IsOnTime(dossier);
                var minutes = ProcessingMinutes(dossier, entry, calendar);
                counts.Resolved = 1;
                counts.ResolvedOnTime = onTime ? 1 : 0;
                counts.ResolvedLate = onTime ? 0 : 1;
                counts.ProcessingMinutes = minutes;
                SetBucket(counts, ProcessingTimeBuckets.BucketOf(minutes, (int)calendar.Hours.DayLength.TotalMinutes));
                var officer = Handler(dossier, entry);
                return new FigureEvent(VietnamDate(entry.At), counts, officer,
                    new OfficerCounts(1, onTime ? 1 : 0, dossier.SupplementCount > 0 ? 1 : 0, 0, 0));
            default:
                return null;
        }
        return new FigureEvent(VietnamDate(entry.At), counts, null, null);
    }

    /// <summary>A satisfaction rating (1..5) given on a day, credited to the dossier's unit and to the officer who handled it.</summary>
    public static FigureEvent ForRating(Dossier dossier, int score, DateTimeOffset at)
    {
        if (score is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(score));
        var counts = new FigureCounts { Rated = 1, RatingSum = score };
        switch (score)
        {
            case 1: counts.Score1 = 1; break;
            case 2: counts.Score2 = 1; break;
            case 3: counts.Score3 = 1; break;
            case 4: counts.Score4 = 1; break;
            default: counts.Score5 = 1; break;
        }
        var completion = dossier.History.Where(h => h.Action == nameof(DossierAction.MarkResultReady)).MaxBy(h => h.Sequence);
        var officer = completion is null ? dossier.Assignee : Handler(dossier, completion);
        return new FigureEvent(VietnamDate(at), counts, officer, officer is null ? null : new OfficerCounts(0, 0, 0, 1, score));
    }

    /// <summary>
    /// On time: ready by the appointment, at most one supplement request, no apology slip. An expression, so the work queue's
    /// drill-down filter (resolved on time / late) is the same rule in SQL.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Dossier, bool>> OnTime = dossier =>
        dossier.CompletedAt != null && dossier.CompletedAt <= dossier.DueAt && dossier.SupplementCount <= 1 && !dossier.ApologySlips.Any();

    private static readonly Func<Dossier, bool> OnTimeCompiled = OnTime.Compile();

    public static bool IsOnTime(Dossier dossier) => OnTimeCompiled(dossier);

    /// <summary>
    /// Working minutes the clock ran from receipt to this line: from the clock start (receipt, or the next working morning
    /// after hours or after the cutoff) to each supplement request, and from each resubmission's clock start on.
    /// </summary>
    public static long ProcessingMinutes(Dossier dossier, DossierHistoryEntry until, WorkingCalendar calendar)
    {
        DateTimeOffset? start = calendar.ClockStart(dossier.ReceivedAt, dossier.ReceiptCutoff);
        var total = TimeSpan.Zero;
        foreach (var line in dossier.History.Where(h => h.Sequence < until.Sequence).OrderBy(h => h.Sequence))
        {
            if (line.Action == nameof(DossierAction.RequestSupplement) && start is { } running)
            {
                total += calendar.WorkingTimeBetween(running, line.At);
                start = null;
            }
            else if (line.Action == nameof(DossierAction.Resubmit) && start is null)
                start = calendar.ClockStart(line.At, dossier.ReceiptCutoff);
        }
        if (start is { } open) total += calendar.WorkingTimeBetween(open, until.At);
        return (long)Math.Round(total.TotalMinutes);
    }

    private static string Handler(Dossier dossier, DossierHistoryEntry completion) =>
        string.IsNullOrEmpty(dossier.Assignee) ? completion.Actor : dossier.Assignee;

    private static void SetBucket(FigureCounts c, int bucket)
    {
        switch (bucket)
        {
            case 0: c.Bucket0 = 1; break;
            case 1: c.Bucket1 = 1; break;
            case 2: c.Bucket2 = 1; break;
            case 3: c.Bucket3 = 1; break;
            case 4: c.Bucket4 = 1; break;
            case 5: c.Bucket5 = 1; break;
            case 6: c.Bucket6 = 1; break;
            case 7: c.Bucket7 = 1; break;
            case 8: c.Bucket8 = 1; break;
            default: c.Bucket9 = 1; break;
        }
    }
}
