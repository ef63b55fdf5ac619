using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Opens a file attached to a dossier, for whoever may see the dossier (<see cref="DossierAccess.VisibleTo"/>: staff of its
/// units, the province administrator, the citizen who owns it, the volunteer who submitted it); anyone else gets 404, as
/// for a dossier that does not exist. Shown in the browser (PDF, JPEG and PNG only, recognised by content at upload).
/// </summary>
public static class DownloadDocument
{
    /// <summary>The link the pages (signed in with the cookie) use; the API has <c>/api/v1/dossiers/{code}/documents/{id}</c>.</summary>
    public static string PagePath(string code, long id) => $"/ho-so/{Uri.EscapeDataString(code)}/giay-to/{id}";

    public static async Task<IResult> HandleAsync(string code, long id, HttpContext http, MotCuaDbContext db, ProblemResults problems,
        DataAccessAudit audit, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var file = await db.Dossiers.VisibleTo(db, user).Where(d => d.Code == code)
            .SelectMany(d => d.Documents).Where(x => x.Id == id)
            .Select(x => new { x.FileName, x.ContentType, x.Content!.Bytes })
            .SingleOrDefaultAsync(ct);
        if (file is null) return problems.NotFound("Documents.NotFound", id, code);
        var unitCode = await db.Dossiers.Where(d => d.Code == code).Select(d => d.UnitCode).SingleAsync(ct);
        await audit.RecordDossierReadAsync(http, DataAccessKind.Document, code, unitCode, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = file.FileName }.ToString();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Bytes(file.Bytes, file.ContentType);
    }
}
