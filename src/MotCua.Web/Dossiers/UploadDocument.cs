using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Attaches a file to a dossier (multipart: <c>file</c>, optional <c>requiredDocumentCode</c>). Only PDF, JPEG and PNG,
/// recognised by their content, not their name; at most <see cref="MaxBytes"/>; the SHA-256 is stored with the file.
/// </summary>
public sealed class UploadDocument(MotCuaDbContext db, TimeProvider time, ProblemResults problems)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxDocumentsPerDossier = 50;

    /// <summary>The most files one form carries: the online submission and the counter send one file per required document.</summary>
    public const int MaxFilesPerRequest = 10;

    /// <summary>
    /// The largest form request the host reads (files at their limit, plus 1 MB for the fields). Kestrel's own default
    /// (30 MB) would refuse an online submission with three 10 MB scans; other requests keep that default.
    /// </summary>
    public const long MaxFormRequestBytes = MaxBytes * MaxFilesPerRequest + 1024 * 1024;

    public static async Task<IResult> HandleAsync(string code, HttpRequest httpRequest, HttpContext http, UploadDocument upload,
        ProblemResults problems, CancellationToken ct)
    {
        IFormCollection? form = null;
        if (httpRequest.HasFormContentType)
        {
            try
            {
                form = await httpRequest.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                form = null;
            }
        }
        var outcome = await upload.AttachAsync(code, CurrentUser.From(http.User), form?.Files.GetFile("file"),
            form?["requiredDocumentCode"].ToString(), ct);
        return outcome.ToResult(problems, d => Results.Created($"/api/v1/dossiers/{code}/documents/{d.Id}",
            new DossierDocumentDto(d.Id, d.RequiredDocumentCode, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedAt.ToVietnam())));
    }

    /// <summary>Checks and attaches one file; nothing is saved when a check fails.</summary>
    public async Task<Outcome<DossierDocument>> AttachAsync(string code, CurrentUser user, IFormFile? file, string? requiredDocumentCode,
        CancellationToken ct)
    {
        var t = problems.Text;
        var dossier = await db.Dossiers.VisibleTo(db, user).Include(d => d.Documents).SingleOrDefaultAsync(d => d.Code == code, ct);
        if (dossier is null) return problems.Fail<DossierDocument>(StatusCodes.Status404NotFound, "Dossiers.NotFound", code);
        if (!DossierAccess.MayActOn(dossier, user) && dossier.ReceivingUnitCode != user.UnitCode)
            return problems.Fail<DossierDocument>(StatusCodes.Status403Forbidden, "Dossiers.NotYourUnit");
        if (DossierTransitionRules.IsFinal(dossier.Status))
            return problems.Fail<DossierDocument>(StatusCodes.Status409Conflict, "Documents.DossierClosed");

        var errors = new ValidationErrors();
        var requiredCode = requiredDocumentCode?.Trim() ?? "";
        if (file is null || file.Length == 0) errors.Add("file", t["Documents.FileRequired"]);
        else if (file.Length > MaxBytes) errors.Add("file", t["Documents.TooLarge", MaxBytes / 1024 / 1024]);
        if (file is { FileName.Length: > 255 }) errors.Add("file", t["Validation.MaxLength", 255]);
        if (dossier.Documents.Count >= MaxDocumentsPerDossier) errors.Add("file", t["Documents.TooMany", MaxDocumentsPerDossier]);
        if (requiredCode.Length > 0)
        {
            var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(p => p.Id == dossier.ProcedureVersionId, ct);
            var definition = CatalogJson.Deserialize(version.DefinitionJson);
            if (definition.RequiredDocuments.All(r => r.Code != requiredCode))
                errors.Add("requiredDocumentCode", t["Documents.UnknownRequiredDocument", requiredCode]);
        }
        if (errors.Any) return Outcome<DossierDocument>.Invalid(errors);

        byte[] bytes;
        using (var buffer = new MemoryStream((int)file!.Length))
        {
            await file.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        var contentType = FileSignature.Detect(bytes);
        if (contentType is null)
        {
            errors.Add("file", t["Documents.TypeNotAllowed"]);
            return Outcome<DossierDocument>.Invalid(errors);
        }
        var document = new DossierDocument
        {
            RequiredDocumentCode = requiredCode.Length > 0 ? requiredCode : null,
            FileName = Path.GetFileName(file.FileName),
            ContentType = contentType,
            Size = bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedAt = time.GetUtcNow(),
            UploadedBy = user.UserName,
            Content = new DossierDocumentContent { Bytes = bytes },
        };
        dossier.AttachDocument(document);
        await db.SaveChangesAsync(ct);
        return Outcome<DossierDocument>.Ok(document, StatusCodes.Status201Created);
    }
}

/// <summary>Recognises the allowed file types by their first bytes.</summary>
public static class FileSignature
{
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8)) return "application/pdf";
        if (content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        if (content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        return null;
    }
}
