using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Core.Catalog;
using MotCua.Core.Registers;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Registers;

/// <summary>
/// Scanned pages of old books: upload (OCR by <see cref="IPageOcr"/>, the text stored folded so it is searchable), search
/// in the page texts, one page with its image, and a clerk typing an entry read from a page.
/// </summary>
public sealed class RegisterPages(MotCuaDbContext db, UnitLineageCache lineage, IPageOcr ocr, TimeProvider time, IStringLocalizer<RegisterText> text)
{
    public const long MaxImageBytes = 20 * 1024 * 1024;

    public sealed record Upload(string? Kind, string? BookUnitCode, string? BookNumber, int? Year, int? PageNumber);

    public sealed record PageDto(long Id, RegisterKind Kind, string BookUnitCode, string UnitCode, string BookNumber, int Year, int? PageNumber,
        string? OcrText, string? OcrError, DateTimeOffset UploadedAt, string UploadedBy, IReadOnlyList<RegisterEntryDto> Entries);

    public sealed record PageHit(long Id, RegisterKind Kind, string BookUnitCode, string BookNumber, int Year, int? PageNumber, string Excerpt);

    public async Task<Outcome<PageDto>> UploadAsync(Upload upload, byte[] image, CurrentUser user, CancellationToken ct)
    {
        var scope = await RegisterScope.ForAsync(user, lineage, ct);
        if (scope is null)
            return Outcome<PageDto>.Fail(StatusCodes.Status403Forbidden, text["Registers.StaffOnly"]);
        var errors = new ValidationErrors();
        var contentType = ImageType(image);
        if (contentType is null) errors.Add("file", text["Registers.ImageInvalid"]);
        else if (image.Length > MaxImageBytes) errors.Add("file", text["Registers.ImageTooLarge", MaxImageBytes / 1024 / 1024]);
        RegisterKind kind = default;
        if (string.IsNullOrWhiteSpace(upload.Kind) || !RegisterRowParser.TryParseKind(upload.Kind, out kind)) errors.Add("kind", text["Registers.KindInvalid"]);
        if (string.IsNullOrWhiteSpace(upload.BookNumber)) errors.Add("bookNumber", text["Registers.Required"]);
        if (upload.Year is not { } year || year < 1900 || year > time.GetUtcNow().Year) errors.Add("year", text["Registers.YearInvalid"]);
        var bookUnit = string.IsNullOrWhiteSpace(upload.BookUnitCode) ? user.UnitCode : upload.BookUnitCode.Trim();
        var snapshot = await lineage.GetAsync(ct);
        var current = bookUnit is null ? null : snapshot.CurrentOf(bookUnit);
        if (current is null) errors.Add("bookUnitCode", text["Registers.UnitUnknown", bookUnit ?? ""]);
        else if (!scope.Covers(bookUnit!, current.Value.Province))
            errors.Add("bookUnitCode", text["Registers.UnitOutsideScope", bookUnit!]);
        if (errors.Any) return Outcome<PageDto>.Invalid(errors);

        // Staff file the page under their own unit (the book's today keeper); a province admin under the book unit's successor.
        var keeper = scope.BookUnitCodes is not null ? user.UnitCode! : current!.Value.Unit;
        var read = await ocr.ReadAsync(image, ct);
        var page = new RegisterPage
        {
            Kind = kind, BookUnitCode = bookUnit!, UnitCode = keeper, ProvinceCode = current!.Value.Province,
            BookNumber = VietnameseText.Canonical(upload.BookNumber!), Year = upload.Year!.Value, PageNumber = upload.PageNumber,
            ContentType = contentType!, Image = image, OcrText = read.Text, OcrError = read.Error,
            OcrTextFolded = read.Text is null ? "" : string.Join(' ', RegisterSearchText.Tokens(read.Text)),
            UploadedAt = time.GetUtcNow(), UploadedBy = user.UserName,
        };
        db.RegisterPages.Add(page);
        await db.SaveChangesAsync(ct);
        RegisterAudit.Add(db, user, RegisterAuditAction.UploadPage, time.GetUtcNow(), new { page.Id, page.BookUnitCode, page.BookNumber, page.Year, page.PageNumber });
        await db.SaveChangesAsync(ct);
        return Outcome<PageDto>.Ok(ToDto(page, []), StatusCodes.Status201Created);
    }

    /// <summary>Pages whose text holds every word typed (accents and case ignored): trigram GIN index on PostgreSQL.</summary>
    public async Task<Outcome<IReadOnlyList<PageHit>>> SearchAsync(string? q, CurrentUser user, CancellationToken ct)
    {
        var scope = await RegisterScope.ForAsync(user, lineage, ct);
        if (scope is null) return Outcome<IReadOnlyList<PageHit>>.Fail(StatusCodes.Status403Forbidden, text["Registers.StaffOnly"]);
        var tokens = RegisterSearchText.QueryTokens(q);
        if (tokens.Count == 0)
        {
            var errors = new ValidationErrors();
            errors.Add("q", text["Registers.CriteriaRequired"]);
            return Outcome<IReadOnlyList<PageHit>>.Invalid(errors);
        }
        var pages = scope.Apply(db.RegisterPages.AsNoTracking());
        foreach (var token in tokens)
        {
            var pattern = "%" + token + "%";
            pages = pages.Where(p => EF.Functions.Like(p.OcrTextFolded, pattern));
        }
        var hits = await pages.OrderByDescending(p => p.Id).Take(50)
            .Select(p => new { p.Id, p.Kind, p.BookUnitCode, p.BookNumber, p.Year, p.PageNumber, p.OcrText }).ToListAsync(ct);
        RegisterAudit.Add(db, user, RegisterAuditAction.Search, time.GetUtcNow(), new { pages = q }, resultCount: hits.Count);
        await db.SaveChangesAsync(ct);
        return Outcome<IReadOnlyList<PageHit>>.Ok(hits.Select(h => new PageHit(h.Id, h.Kind, h.BookUnitCode, h.BookNumber, h.Year, h.PageNumber,
            Excerpt(h.OcrText ?? "", tokens[0]))).ToList());
    }

    public async Task<Outcome<RegisterPage>> FindAsync(long id, CurrentUser user, CancellationToken ct)
    {
        var scope = await RegisterScope.ForAsync(user, lineage, ct);
        if (scope is null) return Outcome<RegisterPage>.Fail(StatusCodes.Status403Forbidden, text["Registers.StaffOnly"]);
        var page = await scope.Apply(db.RegisterPages.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, ct);
        return page is null ? Outcome<RegisterPage>.Fail(StatusCodes.Status404NotFound, text["Registers.PageNotFound", id]) : Outcome<RegisterPage>.Ok(page);
    }

    public async Task<Outcome<PageDto>> GetAsync(long id, CurrentUser user, CancellationToken ct)
    {
        var found = await FindAsync(id, user, ct);
        if (found.Value is not { } page) return Outcome<PageDto>.Fail(found.Status, found.Message!);
        var entries = await db.RegisterEntries.AsNoTracking().Where(e => e.PageId == id).OrderBy(e => e.Id).ToListAsync(ct);
        RegisterAudit.Add(db, user, RegisterAuditAction.OpenPage, time.GetUtcNow(), new { page = id });
        await db.SaveChangesAsync(ct);
        return Outcome<PageDto>.Ok(ToDto(page, entries.Select(e => RegisterEntryDto.From(e)).ToList()));
    }

    /// <summary>A clerk's entry read from the page: the same checks as an import row; the book is the page's.</summary>
    public async Task<Outcome<RegisterEntryDto>> AddEntryAsync(long pageId, IReadOnlyDictionary<string, string?> fields, CurrentUser user, CancellationToken ct)
    {
        var found = await FindAsync(pageId, user, ct);
        if (found.Value is not { } page) return Outcome<RegisterEntryDto>.Fail(found.Status, found.Message!);
        if (!(user.Is(Roles.Officer) || user.Is(Roles.Leader) || user.Is(Roles.ProvinceAdmin)))
            return Outcome<RegisterEntryDto>.Fail(StatusCodes.Status403Forbidden, text["Registers.ImportNotAllowed"]);
        string? Field(string column) => column switch
        {
            RegisterColumns.Kind => page.Kind.ToString(),
            RegisterColumns.UnitCode => page.BookUnitCode,
            RegisterColumns.BookNumber => page.BookNumber,
            RegisterColumns.Year => page.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RegisterColumns.Page => fields.GetValueOrDefault(column) ?? page.PageNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => fields.GetValueOrDefault(column),
        };
        var problems = new List<RegisterRowProblem>();
        var row = new RegisterRowParser(page.BookUnitCode, new HashSet<string> { page.BookUnitCode }, time.GetUtcNow().LocalDate()).Parse(0, Field, problems);
        if (row is null)
        {
            var errors = new ValidationErrors();
            foreach (var p in problems) errors.Add(JsonName(p.Column), text["Registers.Problem." + p.Code, p.Column, p.Value ?? ""]);
            return Outcome<RegisterEntryDto>.Invalid(errors);
        }
        var duplicate = await db.RegisterEntries.AnyAsync(e => e.BookUnitCode == row.BookUnitCode && e.Kind == row.Kind && e.BookNumber == row.BookNumber
            && e.Year == row.Year && e.EntryNumber == row.EntryNumber, ct);
        if (duplicate) return Outcome<RegisterEntryDto>.Fail(StatusCodes.Status409Conflict, text["Registers.EntryExists", row.EntryNumber]);
        var entry = ToEntity(row, page.UnitCode, page.ProvinceCode, time.GetUtcNow(), user.UserName);
        entry.PageId = page.Id;
        entry.ScanReference ??= $"page:{page.Id}";
        // The entry's words go into the search's list first: a word left there by a failed save costs nothing, an entry
        // whose word is missing from it would not be found by the start of that word.
        var words = new HashSet<string>(StringComparer.Ordinal);
        RegisterWords.Collect(words, entry.NameFolded);
        RegisterWords.Collect(words, entry.RelativesFolded);
        await RegisterWords.AddAsync(db, words, ct);
        db.RegisterEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        RegisterAudit.Add(db, user, RegisterAuditAction.CreateEntry, time.GetUtcNow(), new { page = page.Id }, entryId: entry.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<RegisterEntryDto>.Ok(RegisterEntryDto.From(entry), StatusCodes.Status201Created);
    }

    public static LegacyRegisterEntry ToEntity(RegisterRow r, string unitCode, string provinceCode, DateTimeOffset at, string by) => new()
    {
        Kind = r.Kind, BookUnitCode = r.BookUnitCode, UnitCode = unitCode, ProvinceCode = provinceCode, BookNumber = r.BookNumber, Year = r.Year,
        Page = r.Page, EntryNumber = r.EntryNumber, RegisteredOn = r.RegisteredOn, FullName = r.FullName, NameFolded = r.NameFolded,
        NameSpelling = r.NameSpelling, DateOfBirth = r.DateOfBirth, BirthYear = r.BirthYear, Sex = r.Sex,
        PlaceOfBirth = r.PlaceOfBirth, FatherName = r.FatherName, MotherName = r.MotherName, SpouseName = r.SpouseName,
        RelativesFolded = r.RelativesFolded, FatherFolded = r.FatherFolded, MotherFolded = r.MotherFolded, SpouseFolded = r.SpouseFolded, Notes = r.Notes, ScanReference = r.ScanReference, CreatedAt = at, CreatedBy = by,
    };

    /// <summary>"full_name" → "fullName": the API's field names.</summary>
    public static string JsonName(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static PageDto ToDto(RegisterPage p, IReadOnlyList<RegisterEntryDto> entries) => new(p.Id, p.Kind, p.BookUnitCode, p.UnitCode,
        p.BookNumber, p.Year, p.PageNumber, p.OcrText, p.OcrError, p.UploadedAt, p.UploadedBy, entries);

    private static string Excerpt(string text, string token)
    {
        var folded = VietnameseText.Fold(text);
        var at = folded.IndexOf(token, StringComparison.Ordinal);
        // Folding keeps one character per letter of NFC text, so positions carry over to the original closely enough for an excerpt.
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var start = Math.Max(0, Math.Min(flat.Length, at) - 60);
        var length = Math.Min(flat.Length - start, 160);
        return (start > 0 ? "…" : "") + flat.Substring(start, length) + (start + length < flat.Length ? "…" : "");
    }

    /// <summary>PNG, JPEG or TIFF by content.</summary>
    public static string? ImageType(byte[] b) => b switch
    {
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => "image/tiff",
        _ => null,
    };
}
