using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Registers;

/// <summary>/api/v1/registers: search and open old civil-status entries, import files, scanned pages with OCR, extract dossiers.</summary>
public static class RegisterEndpoints
{
    public static void MapRegisterEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/registers").WithTags("Registers").RequireAuthorization();
        group.MapGet("/entries", SearchRegister.HandleAsync)
            .WithSummary("Search old register entries: q (name, accents and case ignored), parent, kind, unit (its books and those of units merged into it), birthYear, dateOfBirth, year; exact names first.");
        group.MapGet("/entries/{id:long}", GetRegisterEntry.HandleAsync).WithSummary("One entry and the dossiers started from it (audited).");
        group.MapPost("/entries/{id:long}/extract-dossier", StartExtractDossier.HandleAsync)
            .WithSummary("Receive a dossier for a civil-status extract (procedure 2.000635) at the counter, filled from the entry and linked to it.");
        group.MapPost("/imports", ImportRegister.HandleAsync).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImportRegister.MaxUploadBytes))
            .WithSummary("Import a CSV or Excel file (multipart `file`, `unitCode`): all rows or none; 422 with the refused rows.");
        group.MapPost("/pages", async (IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? kind,
                [Microsoft.AspNetCore.Mvc.FromForm] string? bookUnitCode, [Microsoft.AspNetCore.Mvc.FromForm] string? bookNumber,
                [Microsoft.AspNetCore.Mvc.FromForm] int? year, [Microsoft.AspNetCore.Mvc.FromForm] int? pageNumber,
                HttpContext http, RegisterPages pages, ProblemResults problems, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                if (file is not null) await file.CopyToAsync(buffer, ct);
                var outcome = await pages.UploadAsync(new RegisterPages.Upload(kind, bookUnitCode, bookNumber, year, pageNumber), buffer.ToArray(),
                    CurrentUser.From(http.User), ct);
                return outcome.ToResult(problems, p => Results.Created($"/api/v1/registers/pages/{p.Id}", p));
            }).DisableAntiforgery()
            .WithSummary("Upload a scanned page (multipart `file` PNG/JPEG/TIFF, `kind`, `bookUnitCode`, `bookNumber`, `year`, `pageNumber`): OCR with Tesseract (vie).");
        group.MapGet("/pages", async (string? q, HttpContext http, RegisterPages pages, ProblemResults problems, CancellationToken ct) =>
                (await pages.SearchAsync(q, CurrentUser.From(http.User), ct)).ToResult(problems, Results.Ok))
            .WithSummary("Scanned pages whose OCR text holds every word of q (accents and case ignored).");
        group.MapGet("/pages/{id:long}", async (long id, HttpContext http, RegisterPages pages, ProblemResults problems, CancellationToken ct) =>
                (await pages.GetAsync(id, CurrentUser.From(http.User), ct)).ToResult(problems, Results.Ok))
            .WithSummary("One scanned page: its OCR text and the entries typed from it (audited).");
        group.MapGet("/pages/{id:long}/image", async (long id, HttpContext http, RegisterPages pages, ProblemResults problems, CancellationToken ct) =>
                (await pages.FindAsync(id, CurrentUser.From(http.User), ct)).ToResult(problems, p => Results.File(p.Image, p.ContentType)))
            .WithSummary("The page image.");
        group.MapPost("/pages/{id:long}/entries", async (long id, Dictionary<string, string?> fields, HttpContext http, RegisterPages pages,
                ProblemResults problems, CancellationToken ct) =>
            {
                var byColumn = fields.ToDictionary(f => SnakeCase(f.Key), f => f.Value, StringComparer.Ordinal);
                var outcome = await pages.AddEntryAsync(id, byColumn, CurrentUser.From(http.User), ct);
                return outcome.ToResult(problems, e => Results.Created($"/api/v1/registers/entries/{e.Id}", e));
            })
            .WithSummary("Type an entry read from the page: fullName, entryNumber, registeredOn, dateOfBirth, sex, placeOfBirth, fatherName, motherName, spouseName, notes, page.");
    }

    /// <summary>"fullName" → "full_name": the import file's column names.</summary>
    public static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
