using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Core.Units;
using MotCua.Data.Entities;

namespace MotCua.Data.Seeding;

/// <summary>
/// Loads an <see cref="UnitImportPlan"/> into the database in one transaction: units are inserted or updated by code,
/// the successions of the plan replace the stored ones, every current commune-level unit gets a default reception point
/// and an electronic agency code if it has none. Units missing from the file are kept and reported. Safe to rerun.
/// </summary>
public static class UnitImporter
{
    public sealed record Report(int Inserted, int Updated, int Unchanged, int KeptNotInFile, int Successions, int ReceptionPointsAdded,
        IReadOnlyList<UnitImportProblem> Problems)
    {
        public override string ToString() =>
            $"units: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {KeptNotInFile} kept (not in file); " +
            $"successions: {Successions}; reception points added: {ReceptionPointsAdded}; problems: {Problems.Count}";
    }

    public static async Task<Report> ImportAsync(MotCuaDbContext db, UnitImportPlan plan, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var existing = await db.Units.ToDictionaryAsync(u => (u.Code, u.EffectiveTo), ct);
            var unitsWithPoints = (await db.ReceptionPoints.Select(r => r.UnitCode).Distinct().ToListAsync(ct)).ToHashSet();
            int inserted = 0, updated = 0, unchanged = 0, pointsAdded = 0;
            foreach (var r in plan.Units)
            {
                if (!existing.TryGetValue((r.Code, r.EffectiveTo), out var unit))
                {
                    unit = new AdministrativeUnit { Code = r.Code };
                    db.Units.Add(unit);
                    existing[(r.Code, r.EffectiveTo)] = unit;
                    inserted++;
                }
                else if (Same(unit, r)) { unchanged++; continue; }
                else updated++;
                unit.Name = r.Name;
                unit.NameFolded = VietnameseText.Fold(r.Name);
                unit.Kind = r.Kind;
                unit.ParentCode = r.ParentCode;
                unit.ShortCode = r.ShortCode;
                unit.EffectiveFrom = r.EffectiveFrom;
                unit.EffectiveTo = r.EffectiveTo;
                unit.OldDistrictName = r.OldDistrictName;
                unit.OldProvinceName = r.OldProvinceName;
            }

            AssignAgencyCodes(existing.Values);
            foreach (var unit in existing.Values.Where(u => u.IsCurrent && u.Kind != AdministrativeUnitKind.Province && !unitsWithPoints.Contains(u.Code)))
            {
                db.ReceptionPoints.Add(new ReceptionPoint { Code = $"{unit.Code}-01", UnitCode = unit.Code, Name = $"Bộ phận Một cửa {unit.Name}" });
                pointsAdded++;
            }
            await db.SaveChangesAsync(ct);

            await db.UnitSuccessions.ExecuteDeleteAsync(ct);
            db.UnitSuccessions.AddRange(plan.Successions
                .DistinctBy(s => (s.PredecessorCode, s.SuccessorCode))
                .Select(s => new UnitSuccession { PredecessorCode = s.PredecessorCode, SuccessorCode = s.SuccessorCode, EffectiveOn = s.EffectiveOn, Partial = s.Partial }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            var inFile = plan.Units.Select(u => (u.Code, u.EffectiveTo)).ToHashSet();
            return new Report(inserted, updated, unchanged, existing.Keys.Count(k => !inFile.Contains(k)), plan.Successions.Count, pointsAdded, plan.Problems);
        });
    }

    private static bool Same(AdministrativeUnit u, UnitRecord r) =>
        u.Name == r.Name && u.Kind == r.Kind && u.ParentCode == r.ParentCode && u.ShortCode == r.ShortCode && u.EffectiveFrom == r.EffectiveFrom
        && u.EffectiveTo == r.EffectiveTo && u.OldDistrictName == r.OldDistrictName && u.OldProvinceName == r.OldProvinceName;

    /// <summary>Gives every current unit without one the default electronic agency code (see <see cref="DossierCode.DefaultAgencyCode"/>).</summary>
    private static void AssignAgencyCodes(IEnumerable<AdministrativeUnit> units)
    {
        var current = units.Where(u => u.IsCurrent).ToList();
        var used = current.Where(u => u.AgencyCode is not null).Select(u => u.AgencyCode!).ToHashSet();
        foreach (var province in current.Where(u => u.Kind == AdministrativeUnitKind.Province && u.AgencyCode is null))
        {
            var code = DossierCode.DefaultAgencyCode(province.Code);
            if (used.Add(code)) province.AgencyCode = code;
        }
        foreach (var group in current.Where(u => u.Kind != AdministrativeUnitKind.Province && u.ParentCode is { Length: 2 })
                     .GroupBy(u => u.ParentCode!))
        {
            var index = 0;
            foreach (var unit in group.OrderBy(u => u.Code, StringComparer.Ordinal).Where(u => u.AgencyCode is null))
            {
                string code;
                do code = DossierCode.DefaultAgencyCode(group.Key, ++index);
                while (!used.Add(code));
                unit.AgencyCode = code;
            }
        }
    }
}
