using MotCua.Data.Entities;

namespace MotCua.Data;

/// <summary>Current units are those without an end date; a code names one current unit.</summary>
public static class UnitQueries
{
    public static IQueryable<AdministrativeUnit> CurrentUnits(this MotCuaDbContext db) => db.Units.Where(u => u.EffectiveTo == null);

    /// <summary>The province code of a current unit (itself for a province).</summary>
    public static IQueryable<string> ProvinceOf(this MotCuaDbContext db, string unitCode) =>
        db.CurrentUnits().Where(u => u.Code == unitCode).Select(u => u.ParentCode ?? u.Code);
}
