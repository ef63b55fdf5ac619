using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Registers;

/// <summary>One register entry, with the dossiers started from it; opening it is audited. Outside the caller's books: 404.</summary>
public sealed class GetRegisterEntry(MotCuaDbContext db, UnitLineageCache lineage, TimeProvider time, IStringLocalizer<RegisterText> text)
{
    public sealed record Detail(RegisterEntryDto Entry, IReadOnlyList<string> Dossiers);

    public static async Task<IResult> HandleAsync(long id, HttpContext http, GetRegisterEntry get, ProblemResults problems, CancellationToken ct) =>
        (await get.GetAsync(id, CurrentUser.From(http.User), ct)).ToResult(problems, Results.Ok);

    public async Task<Outcome<Detail>> GetAsync(long id, CurrentUser user, CancellationToken ct)
    {
        var entry = await FindAsync(id, user, ct);
        if (entry.Value is not { } e) return Outcome<Detail>.Fail(entry.Status, entry.Message!);
        var dossiers = await db.RegisterEntryDossiers.AsNoTracking().Where(d => d.EntryId == id).OrderBy(d => d.Id)
            .Select(d => d.DossierCode).ToListAsync(ct);
        RegisterAudit.Add(db, user, RegisterAuditAction.OpenEntry, time.GetUtcNow(), entryId: id);
        await db.SaveChangesAsync(ct);
        return Outcome<Detail>.Ok(new Detail(RegisterEntryDto.From(e), dossiers));
    }

    /// <summary>The entry if the user may see it: 403 for citizens, 404 when it is outside their books.</summary>
    public async Task<Outcome<LegacyRegisterEntry>> FindAsync(long id, CurrentUser user, CancellationToken ct)
    {
        var scope = await RegisterScope.ForAsync(user, lineage, ct);
        if (scope is null) return Outcome<LegacyRegisterEntry>.Fail(StatusCodes.Status403Forbidden, text["Registers.StaffOnly"]);
        var entry = await scope.Apply(db.RegisterEntries.AsNoTracking()).SingleOrDefaultAsync(e => e.Id == id, ct);
        return entry is null
            ? Outcome<LegacyRegisterEntry>.Fail(StatusCodes.Status404NotFound, text["Registers.EntryNotFound", id])
            : Outcome<LegacyRegisterEntry>.Ok(entry);
    }
}
