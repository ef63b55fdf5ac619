using System.Text;

namespace MotCua.Core.Units;

/// <summary>What reading an administrative-units file produced: the units to store, who merged into whom, and what was wrong.</summary>
public sealed record UnitImportPlan(
    IReadOnlyList<UnitRecord> Units,
    IReadOnlyList<SuccessionRecord> Successions,
    IReadOnlyList<UnitImportProblem> Problems)
{
    /// <summary>The units in force (no end date): provinces and the current communes, wards and special zones.</summary>
    public IEnumerable<UnitRecord> CurrentUnits => Units.Where(u => u.EffectiveTo is null);

    /// <summary>A few lines of counts: provinces, current units by kind, old units, successions, problems by kind.</summary>
    public string Summary()
    {
        var current = CurrentUnits.ToList();
        var old = Units.Where(u => u.EffectiveTo is not null).ToList();
        var text = new StringBuilder();
        text.AppendLine($"Provinces: {current.Count(u => u.Kind == AdministrativeUnitKind.Province)}");
        var communeLevel = current.Where(u => u.Kind != AdministrativeUnitKind.Province).ToList();
        text.AppendLine($"Current communes, wards and special zones: {communeLevel.Count} ({CountByKind(communeLevel)})");
        text.AppendLine($"Old units: {old.Count} ({CountByKind(old)}), synthetic codes: {old.Count(u => SyntheticUnitCode.IsSynthetic(u.Code))}");
        text.AppendLine($"Successions: {Successions.Count} (partial: {Successions.Count(s => s.Partial)})");
        var problems = Problems.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        text.Append($"Problems: {Problems.Count} ({string.Join(", ", problems)})");
        return text.ToString();
    }

    private static string CountByKind(IEnumerable<UnitRecord> units) =>
        string.Join(", ", units.GroupBy(u => u.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
}
