using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Data.Entities;

namespace MotCua.Web.Catalog;

/// <summary>Which version of a procedure applies on a day.</summary>
public static class ProcedureCatalogQueries
{
    /// <summary>The version in force on <paramref name="day"/>, or null when the procedure does not exist yet.</summary>
    public static Task<ProcedureVersion?> VersionOnAsync(this MotCuaDbContext db, string code, DateOnly day, CancellationToken ct = default) =>
        db.ProcedureVersions.AsNoTracking()
            .Where(p => p.ProcedureCode == code && p.EffectiveFrom <= day)
            .OrderByDescending(p => p.EffectiveFrom)
            .FirstOrDefaultAsync(ct);

    /// <summary>For every procedure, the version in force on <paramref name="day"/>.</summary>
    public static IQueryable<ProcedureVersion> VersionsInForce(this MotCuaDbContext db, DateOnly day) =>
        db.ProcedureVersions.AsNoTracking().Where(p => p.EffectiveFrom <= day &&
            !db.ProcedureVersions.Any(n => n.ProcedureCode == p.ProcedureCode && n.EffectiveFrom <= day && n.EffectiveFrom > p.EffectiveFrom));
}
