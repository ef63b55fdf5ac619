using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MotCua.Core.Units;
using MotCua.Data;

namespace MotCua.Web.Registers;

/// <summary>
/// The unit lineage (who merged into whom) built from the successions in the database, cached per node for
/// <see cref="CacheFor"/>; a units import shows on every node within that time.
/// </summary>
public sealed class UnitLineageCache(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private const string CacheKey = "unit-lineage";

    public sealed record Snapshot(UnitLineage Lineage, IReadOnlyDictionary<string, string> ProvinceOfCurrent, IReadOnlySet<string> KnownCodes);

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out Snapshot? snapshot) && snapshot is not null) return snapshot;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var successions = await db.UnitSuccessions.AsNoTracking()
            .Select(s => new SuccessionRecord(s.PredecessorCode, s.SuccessorCode, s.EffectiveOn, s.Partial)).ToListAsync(ct);
        var current = await db.CurrentUnits().AsNoTracking().Select(u => new { u.Code, Province = u.ParentCode ?? u.Code }).ToListAsync(ct);
        var known = await db.Units.AsNoTracking().Select(u => u.Code).Distinct().ToListAsync(ct);
        snapshot = new Snapshot(new UnitLineage(successions), current.ToDictionary(u => u.Code, u => u.Province, StringComparer.Ordinal),
            known.ToHashSet(StringComparer.Ordinal));
        cache.Set(CacheKey, snapshot, CacheFor);
        return snapshot;
    }

    public void Invalidate() => cache.Remove(CacheKey);
}

public static class UnitLineageSnapshotExtensions
{
    /// <summary>
    /// Today's unit that keeps a book of this (possibly merged-away) unit, and its province; the first successor when
    /// the old unit was split. Null when the code is unknown or leads to no current unit.
    /// </summary>
    public static (string Unit, string Province)? CurrentOf(this UnitLineageCache.Snapshot s, string bookUnitCode)
    {
        foreach (var successor in s.Lineage.SuccessorsOf(bookUnitCode))
            if (s.ProvinceOfCurrent.TryGetValue(successor, out var province))
                return (successor, province);
        return null;
    }
}
