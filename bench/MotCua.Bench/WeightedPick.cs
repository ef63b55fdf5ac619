namespace MotCua.Bench;

/// <summary>Draws by weight: the generators' units, procedures and channels (linked into MotCua.Bench.Scale).</summary>
public static class WeightedPick
{
    /// <summary>The running shares of the weights, ending at 1.</summary>
    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToList();
        var total = list.Sum();
        var acc = 0.0;
        return [.. list.Select(w => acc += w / total)];
    }

    /// <summary>An index drawn with the probability of its weight.</summary>
    public static int Pick(double[] cumulative, Random random)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}
