namespace MotCua.Core.Units;

/// <summary>
/// Collects one succession per (old unit, new unit) pair, reporting repeats, and at the end marks the successions of
/// old units that went into several new units as partial (a split).
/// </summary>
internal sealed class SuccessionCollector(DateOnly effectiveOn)
{
    private readonly List<(string Predecessor, string Successor, int Row)> _pairs = [];
    private readonly Dictionary<(string, string), int> _rowByPair = [];

    public void Add(string predecessor, string successor, int row, List<UnitImportProblem> problems)
    {
        if (_rowByPair.TryGetValue((predecessor, successor), out var first))
        {
            problems.Add(new(UnitImportProblemKind.DuplicateRow,
                $"ward_mappings[{row}]: {predecessor} into {successor} is already given by ward_mappings[{first}]; skipped.", row));
            return;
        }
        _rowByPair.Add((predecessor, successor), row);
        _pairs.Add((predecessor, successor, row));
    }

    public List<SuccessionRecord> Finish(List<UnitImportProblem> problems)
    {
        var splits = _pairs.GroupBy(p => p.Predecessor, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        foreach (var split in splits)
            problems.Add(new(UnitImportProblemKind.SplitPredecessor,
                $"ward_mappings[{split.First().Row}]: old unit {split.Key} went into {string.Join(", ", split.Select(p => p.Successor))} " +
                $"(rows {string.Join(", ", split.Select(p => p.Row))}); marked partial.",
                split.First().Row));

        var splitCodes = splits.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return _pairs.Select(p => new SuccessionRecord(p.Predecessor, p.Successor, effectiveOn, splitCodes.Contains(p.Predecessor))).ToList();
    }
}
