using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Data.Entities;

namespace MotCua.Web.Integrations;

/// <summary>Reading a dossier's partner legs, for the API, the staff dossier page and the citizen's page.</summary>
public static class DossierLegViews
{
    public static Task<List<DossierLeg>> LegsOfAsync(this MotCuaDbContext db, string dossierCode, CancellationToken ct = default) =>
        db.DossierLegs.AsNoTracking().Where(l => l.DossierCode == dossierCode).OrderBy(l => l.Id).ToListAsync(ct);

    /// <summary>The one progress a citizen sees: how many of the linked agencies have finished their part.</summary>
    public static (int Done, int Total) Progress(IReadOnlyCollection<DossierLeg> legs) =>
        (legs.Count(l => l.Status == DossierLegStatus.Accepted), legs.Count(l => l.Status != DossierLegStatus.Cancelled));
}
