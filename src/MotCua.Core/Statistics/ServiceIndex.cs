namespace MotCua.Core.Statistics;

/// <summary>One component of the service index: points earned out of the component's weight, and the rate behind it.</summary>
public sealed record ServiceIndexComponent(string Name, decimal Weight, decimal Points, decimal? Rate, bool Approximated);

/// <summary>The service index of a unit for a period (100 points) and its components.</summary>
public sealed record ServiceIndexScore(decimal Total, IReadOnlyList<ServiceIndexComponent> Components);

/// <summary>
/// The service index of Decision 766/QĐ-TTg (2022) as docs/statistics.md writes it down: transparency 18, progress 20,
/// digitization 22, online service 22, satisfaction 18. Which components MotCua can only approximate, and why, is in that
/// document; <see cref="ServiceIndexComponent.Approximated"/> says so per component.
/// </summary>
public static class ServiceIndex
{
    public const decimal Transparency = 18m;
    public const decimal Progress = 20m;
    public const decimal Digitization = 22m;
    public const decimal OnlineService = 22m;
    public const decimal Satisfaction = 18m;

    /// <summary>Online share that earns the full online-service points.</summary>
    public const decimal OnlineFullAt = 0.5m;
    /// <summary>Digitized share that earns the full digitization points.</summary>
    public const decimal DigitizedFullAt = 0.8m;
    /// <summary>Satisfaction rate that earns the full satisfaction points.</summary>
    public const decimal SatisfactionFullAt = 0.9m;

    /// <param name="counts">the period's counters of the unit</param>
    /// <param name="onlineReceived">of the dossiers received, those received online (the counters split by channel in rows)</param>
    /// <param name="overduePending">dossiers of the unit open and past their appointment now</param>
    public static ServiceIndexScore Compute(FigureCounts counts, long onlineReceived, long overduePending)
    {
        var components = new List<ServiceIndexComponent>();
        // Transparency: MotCua publishes every dossier's progress (public tracking, the portal through the outbox); the
        // publication of procedures on the National Portal is outside it, so the component is given in full.
        components.Add(new ServiceIndexComponent("transparency", Transparency, Transparency, null, Approximated: true));

        // Progress: dossiers settled on time among those settled or overdue.
        var progressBase = counts.Resolved + overduePending;
        var progressRate = progressBase == 0 ? (decimal?)null : (decimal)counts.ResolvedOnTime / progressBase;
        components.Add(new ServiceIndexComponent("progress", Progress, Points(Progress, progressRate, 1m), progressRate, false));

        // Online service: online share of dossiers received, full at 50%.
        var online = counts.Received == 0 ? (decimal?)null : (decimal)onlineReceived / counts.Received;
        components.Add(new ServiceIndexComponent("onlineService", OnlineService, Points(OnlineService, online, OnlineFullAt), online, false));

        // Digitization: MotCua keeps no flag "digitized" yet; an online dossier is digital from its receipt, so the online
        // share stands in for the digitized share, full at 80%.
        components.Add(new ServiceIndexComponent("digitization", Digitization, Points(Digitization, online, DigitizedFullAt), online, true));

        // Satisfaction: 100% minus (late share + share with a complaint, read as a rating of 1 or 2), full at 90%.
        decimal? satisfaction = null;
        if (progressBase > 0 || counts.Rated > 0)
        {
            var lateShare = progressBase == 0 ? 0m : (decimal)(counts.ResolvedLate + overduePending) / progressBase;
            var complaintShare = counts.Rated == 0 ? 0m : (decimal)(counts.Score1 + counts.Score2) / counts.Rated;
            satisfaction = Math.Max(0m, 1m - lateShare - complaintShare);
        }
        components.Add(new ServiceIndexComponent("satisfaction", Satisfaction, Points(Satisfaction, satisfaction, SatisfactionFullAt), satisfaction, true));

        return new ServiceIndexScore(Math.Round(components.Sum(c => c.Points), 2), components);
    }

    /// <summary>A unit with nothing to measure earns the component in full (it did nothing late).</summary>
    private static decimal Points(decimal weight, decimal? rate, decimal fullAt) =>
        rate is not { } r ? weight : Math.Round(weight * Math.Min(1m, r / fullAt), 2);
}
