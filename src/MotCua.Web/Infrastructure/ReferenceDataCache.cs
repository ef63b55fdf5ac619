using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Catalog;

namespace MotCua.Web.Infrastructure;

/// <summary>A procedure version with its definition already read from JSON.</summary>
public sealed record CachedProcedureVersion(ProcedureVersion Version, ProcedureDefinition Definition);

/// <summary>
/// The reference data every intake and every dossier page reads — procedure versions with their parsed definitions, and
/// current units — kept per node for a short time, like the working calendar (<see cref="Calendar.CalendarProvider"/>):
/// an edit on one node reaches the others within <see cref="CacheFor"/>, and the node that makes it drops its copy at once.
/// A version's content (name, definition) never changes once written, so a lookup by id is kept longer.
/// Without it an online submission read the procedure twice and the unit twice, and parsed the definition twice.
/// </summary>
public sealed class ReferenceDataCache(IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan VersionContentFor = TimeSpan.FromMinutes(30);
    private long _generation;

    /// <summary>The version of <paramref name="code"/> in force on <paramref name="day"/>, or null.</summary>
    public async Task<CachedProcedureVersion?> VersionOnAsync(MotCuaDbContext db, string code, DateOnly day, CancellationToken ct)
    {
        var key = ("version-on", Interlocked.Read(ref _generation), code, day);
        if (cache.TryGetValue(key, out CachedProcedureVersion? cached)) return cached;
        var version = await db.VersionOnAsync(code, day, ct);
        cached = version is null ? null : new CachedProcedureVersion(version, CatalogJson.Deserialize(version.DefinitionJson));
        cache.Set(key, cached, CacheFor);
        return cached;
    }

    /// <summary>The version with this id (its name and definition; <see cref="ProcedureVersion.EffectiveTo"/> may be stale).</summary>
    public async Task<CachedProcedureVersion> VersionAsync(MotCuaDbContext db, int id, CancellationToken ct)
    {
        var key = ("version", id);
        if (cache.TryGetValue(key, out CachedProcedureVersion? cached) && cached is not null) return cached;
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        cached = new CachedProcedureVersion(version, CatalogJson.Deserialize(version.DefinitionJson));
        cache.Set(key, cached, VersionContentFor);
        return cached;
    }

    /// <summary>The names of the procedures in force on <paramref name="day"/>, by code (the work queue's and approval
    /// list's column and filter: read on every render otherwise).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ProcedureNamesAsync(MotCuaDbContext db, DateOnly day, CancellationToken ct)
    {
        var key = ("procedure-names", Interlocked.Read(ref _generation), day);
        if (cache.TryGetValue(key, out IReadOnlyDictionary<string, string>? names) && names is not null) return names;
        names = await db.VersionsInForce(day).ToDictionaryAsync(p => p.ProcedureCode, p => p.Name, ct);
        cache.Set(key, names, CacheFor);
        return names;
    }

    /// <summary>The current unit with this code, or null.</summary>
    public async Task<AdministrativeUnit?> CurrentUnitAsync(MotCuaDbContext db, string code, CancellationToken ct)
    {
        var key = ("unit", Interlocked.Read(ref _generation), code);
        if (cache.TryGetValue(key, out AdministrativeUnit? unit)) return unit;
        unit = await db.CurrentUnits().AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct);
        cache.Set(key, unit, CacheFor);
        return unit;
    }

    /// <summary>Drops this node's copies after an edit of procedures or units made here.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);
}
