using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Data.Entities;

namespace MotCua.Data.Seeding;

/// <summary>
/// Loads a procedure catalog: fields are upserted; a new procedure gets version 1 effective from
/// <c>effectiveFrom</c>; a procedure whose definition changed gets a new version effective from that day (the previous one
/// ends the day before), so dossiers already received keep theirs.
/// </summary>
public static class CatalogImporter
{
    public sealed record Report(int FieldsAdded, int ProceduresAdded, int VersionsAdded, int Unchanged)
    {
        public override string ToString() => $"fields added: {FieldsAdded}; procedures added: {ProceduresAdded}; new versions: {VersionsAdded}; unchanged: {Unchanged}";
    }

    public static async Task<Report> ImportAsync(MotCuaDbContext db, ProcedureCatalog catalog, DateOnly effectiveFrom, DateTimeOffset now,
        string by, CancellationToken ct = default)
    {
        var fields = await db.Fields.ToDictionaryAsync(f => f.Code, ct);
        var fieldsAdded = 0;
        foreach (var f in catalog.Fields)
        {
            if (fields.TryGetValue(f.Code, out var existing)) existing.Name = f.Name;
            else { db.Fields.Add(new Field { Code = f.Code, Name = f.Name }); fieldsAdded++; }
        }
        var versions = (await db.ProcedureVersions.ToListAsync(ct)).GroupBy(v => v.ProcedureCode)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.EffectiveFrom).ToList());
        int added = 0, newVersions = 0, unchanged = 0;
        foreach (var p in catalog.Procedures)
        {
            var json = CatalogJson.Serialize(p);
            if (!versions.TryGetValue(p.Code, out var list))
            {
                db.ProcedureVersions.Add(ProcedureVersionFactory.Create(p, 1, effectiveFrom, now, by));
                added++;
                continue;
            }
            var latest = list[^1];
            if (latest.DefinitionJson == json) { unchanged++; continue; }
            if (latest.EffectiveFrom >= effectiveFrom)
                throw new InvalidOperationException($"Procedure {p.Code} already has a version effective {latest.EffectiveFrom:yyyy-MM-dd}; import with a later effective date.");
            latest.EffectiveTo = effectiveFrom.AddDays(-1);
            db.ProcedureVersions.Add(ProcedureVersionFactory.Create(p, latest.VersionNo + 1, effectiveFrom, now, by));
            newVersions++;
        }
        await db.SaveChangesAsync(ct);
        return new Report(fieldsAdded, added, newVersions, unchanged);
    }
}
