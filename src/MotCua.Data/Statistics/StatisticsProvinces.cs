using Microsoft.EntityFrameworkCore;
using MotCua.Core.Units;

namespace MotCua.Data.Statistics;

/// <summary>
/// Which current province(s) count a unit code: the provinces whose figures read it, exactly as a province's scope is drawn
/// (its current communes and every code that went into them). An old code normally maps to one province; one split
/// between communes of two provinces maps to both, as both provinces' figures read it. A code no province reads (a
/// province-level office) maps to none and has no roll-up.
/// </summary>
public sealed class StatisticsProvinces
{
    private readonly Dictionary<string, string[]> _byCode;

    private StatisticsProvinces(Dictionary<string, string[]> byCode) => _byCode = byCode;

    public IReadOnlyList<string> Of(string unitCode) => _byCode.GetValueOrDefault(unitCode) ?? [];

    public static StatisticsProvinces Build(IEnumerable<(string Commune, string Province)> currentCommunes, UnitLineage lineage) =>
        new(currentCommunes
            .SelectMany(c => lineage.SelfAndPredecessors(c.Commune).Select(code => (code, c.Province)))
            .GroupBy(x => x.code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Province).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal));

    /// <summary>The current communes of the current provinces (the same units a province scope reads).</summary>
    public static async Task<StatisticsProvinces> LoadAsync(MotCuaDbContext db, UnitLineage lineage, CancellationToken ct = default)
    {
        var provinces = await db.CurrentUnits().AsNoTracking().Where(u => u.Kind == AdministrativeUnitKind.Province)
            .Select(u => u.Code).ToListAsync(ct);
        var communes = await db.CurrentUnits().AsNoTracking().Where(u => u.ParentCode != null && provinces.Contains(u.ParentCode))
            .Select(u => new { u.Code, u.ParentCode }).ToListAsync(ct);
        return Build(communes.Select(c => (c.Code, c.ParentCode!)), lineage);
    }
}
