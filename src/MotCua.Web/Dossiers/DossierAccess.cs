using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Web.Accounts;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Who may see which dossiers. Staff see their own unit's dossiers (and those their unit received for another unit,
/// so the receiving counter can print the receipt); a ProvinceAdmin sees the province; a citizen sees their own;
/// a volunteer sees the dossiers they submitted. Anything else is answered as if it did not exist (404).
/// </summary>
public static class DossierAccess
{
    public static IQueryable<Dossier> VisibleTo(this IQueryable<Dossier> dossiers, MotCuaDbContext db, CurrentUser user)
    {
        if (user.Is(Roles.ProvinceAdmin) && user.ProvinceCode is { } province)
        {
            var unitsOfProvince = db.CurrentUnits().Where(u => u.ParentCode == province || u.Code == province).Select(u => u.Code);
            return dossiers.Where(d => unitsOfProvince.Contains(d.UnitCode) || unitsOfProvince.Contains(d.ReceivingUnitCode));
        }
        if (user.IsStaff && user.UnitCode is { } unit)
            return dossiers.Where(d => d.UnitCode == unit || d.ReceivingUnitCode == unit);
        if (user.Is(Roles.Volunteer))
            return dossiers.Where(d => d.ReceivedBy == user.UserName);
        if (user.Is(Roles.Citizen))
            return dossiers.Where(d => d.OwnerUserName == user.UserName);
        return dossiers.Where(_ => false);
    }

    /// <summary>Whether the user may act on (not only see) the dossier: staff of the competent unit, or the owner.</summary>
    public static bool MayActOn(Dossier dossier, CurrentUser user)
    {
        // The province administrator reads every dossier of the province but changes none.
        if (user.Is(Roles.Officer) || user.Is(Roles.Specialist) || user.Is(Roles.Leader)) return user.UnitCode == dossier.UnitCode;
        if (user.Is(Roles.Volunteer)) return dossier.ReceivedBy == user.UserName;
        if (user.Is(Roles.Citizen)) return dossier.OwnerUserName == user.UserName;
        return false;
    }

    public static Task<Dossier?> FindVisibleAsync(this MotCuaDbContext db, string code, CurrentUser user, CancellationToken ct) =>
        db.Dossiers.VisibleTo(db, user).SingleOrDefaultAsync(d => d.Code == code, ct);
}
