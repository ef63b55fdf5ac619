using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>One dossier with its documents, what is still missing, apology slips and the actions the caller may take.</summary>
public static class GetDossier
{
    public static async Task<IResult> HandleAsync(string code, HttpContext http, MotCuaDbContext db, ReferenceDataCache reference,
        TimeProvider time, ProblemResults problems, DataAccessAudit audit, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var dossier = await db.Dossiers.VisibleTo(db, user).AsNoTracking().AsSplitQuery()
            .Include(d => d.Documents).Include(d => d.ApologySlips)
            .SingleOrDefaultAsync(d => d.Code == code, ct);
        if (dossier is null) return problems.NotFound("Dossiers.NotFound", code);
        await audit.RecordDossierReadAsync(http, DataAccessKind.ViewDossier, dossier.Code, dossier.UnitCode, null, ct);
        return Results.Ok(await ToDtoAsync(dossier, user, db, reference, time.GetUtcNow(), ct));
    }

    /// <param name="notAssisted">The caller knows the dossier was not submitted by a volunteer (an intake without a consent):
    /// the assistance is not looked up (two queries less on the busiest write).</param>
    internal static async Task<DossierDto> ToDtoAsync(Dossier dossier, CurrentUser user, MotCuaDbContext db, ReferenceDataCache reference,
        DateTimeOffset now, CancellationToken ct, bool notAssisted = false)
    {
        var (version, definition) = await reference.VersionAsync(db, dossier.ProcedureVersionId, ct);
        var missing = HandedInDocuments.Missing(dossier, definition).Select(r => r.Code).ToList();
        var actions = DossierAccess.MayActOn(dossier, user)
            ? DossierTransitionRules.Available(dossier.Status, user.Actor)
                .Where(a => a != DossierAction.Apologize || dossier.IsOverdueAt(now))
            : [];
        return DossierDto.From(dossier, version.VersionNo, now, missing, actions) with { Assistance = notAssisted ? null : await AssistanceOfAsync(db, dossier.Code, ct) };
    }

    /// <summary>The volunteer and the consent of an assisted online submission; null for any other dossier.</summary>
    private static async Task<AssistanceDto?> AssistanceOfAsync(MotCuaDbContext db, string code, CancellationToken ct)
    {
        var consent = await db.AssistedConsents.AsNoTracking().Where(c => c.DossierCode == code)
            .Select(c => new { c.VolunteerUserName, c.PersonName, c.Method, c.GivenAt }).SingleOrDefaultAsync(ct);
        if (consent?.GivenAt is null) return null;
        var volunteerName = await db.Users.Where(u => u.UserName == consent.VolunteerUserName).Select(u => u.FullName).SingleOrDefaultAsync(ct);
        return new AssistanceDto(consent.VolunteerUserName, volunteerName ?? consent.VolunteerUserName, consent.PersonName,
            AssistedConsents.MethodName(consent.Method), consent.GivenAt.Value.ToVietnam());
    }
}
