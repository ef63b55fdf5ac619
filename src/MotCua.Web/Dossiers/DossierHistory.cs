using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>The process control sheet of a dossier, oldest first.</summary>
public static class DossierHistory
{
    public static async Task<IResult> HandleAsync(string code, HttpContext http, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var id = await db.Dossiers.VisibleTo(db, user).Where(d => d.Code == code).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct);
        if (id is null) return problems.NotFound("Dossiers.NotFound", code);
        var entries = await db.DossierHistory.AsNoTracking().Where(h => h.DossierId == id).OrderBy(h => h.Sequence).ToListAsync(ct);
        return Results.Ok(entries.Select(h => new HistoryEntryDto(h.Sequence, h.At.ToVietnam(), h.Actor,
            JsonNamingPolicy.CamelCase.ConvertName(h.Action),
            h.FromStatus is { } f ? JsonNamingPolicy.CamelCase.ConvertName(f.ToString()) : null,
            JsonNamingPolicy.CamelCase.ConvertName(h.ToStatus.ToString()), h.Note, h.Assignee)).ToList());
    }
}
