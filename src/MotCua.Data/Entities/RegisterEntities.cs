using MotCua.Core.Registers;

namespace MotCua.Data.Entities;

/// <summary>
/// One entry of an old civil-status book (sổ hộ tịch), digitized. <see cref="BookUnitCode"/> is the unit that kept the
/// book, as written (usually a unit merged away in 2025); <see cref="UnitCode"/> is today's unit it resolves to through
/// the unit lineage, and <see cref="ProvinceCode"/> that unit's province.
/// </summary>
public class LegacyRegisterEntry
{
    public long Id { get; set; }
    public RegisterKind Kind { get; set; }
    public string BookUnitCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public string ProvinceCode { get; set; } = "";
    public string BookNumber { get; set; } = "";
    public int Year { get; set; }
    public int? Page { get; set; }
    public string EntryNumber { get; set; } = "";
    public DateOnly? RegisteredOn { get; set; }
    public string FullName { get; set; } = "";
    /// <summary>Folded full name (<see cref="RegisterSearchText.FoldName"/>): the exact-match key and what name searches match.</summary>
    public string NameFolded { get; set; } = "";
    /// <summary><see cref="MotCua.Core.Units.VietnameseText.SpellingKey"/> of the full name: exact with accents, any case.</summary>
    public string NameSpelling { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public int? BirthYear { get; set; }
    public RegisterSex Sex { get; set; }
    public string? PlaceOfBirth { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    public string? SpouseName { get; set; }
    /// <summary>Folded names of father, mother and spouse: what a search by parents' or spouse's names matches.</summary>
    public string RelativesFolded { get; set; } = "";
    /// <summary>Folded father's name (<see cref="RegisterSearchText.FoldName"/>): the exact-match key of a search by a parent's name.</summary>
    public string? FatherFolded { get; set; }
    /// <summary>Folded mother's name.</summary>
    public string? MotherFolded { get; set; }
    /// <summary>Folded spouse's name.</summary>
    public string? SpouseFolded { get; set; }
    public string? Notes { get; set; }
    /// <summary>Where the scanned page is: a file reference from the import, or "page:{id}" of a <see cref="RegisterPage"/>.</summary>
    public string? ScanReference { get; set; }
    public long? PageId { get; set; }
    public long? ImportId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>A scanned page of an old book, with the text Tesseract read from it (searchable, folded).</summary>
public class RegisterPage
{
    public long Id { get; set; }
    public RegisterKind Kind { get; set; }
    public string BookUnitCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public string ProvinceCode { get; set; } = "";
    public string BookNumber { get; set; } = "";
    public int Year { get; set; }
    public int? PageNumber { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Image { get; set; } = [];
    public string? OcrText { get; set; }
    public string OcrTextFolded { get; set; } = "";
    public string? OcrError { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>One import of a register file: who, when, how many entries (every row of a refused file is refused).</summary>
public class RegisterImport
{
    public long Id { get; set; }
    public string UnitCode { get; set; } = "";
    public string FileName { get; set; } = "";
    public int Rows { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
}

/// <summary>A dossier (an extract or copy) started from a register entry.</summary>
public class RegisterEntryDossier
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public string DossierCode { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public enum RegisterAuditAction
{
    Search,
    OpenEntry,
    OpenPage,
    Import,
    UploadPage,
    CreateEntry,
    StartDossier,
}

/// <summary>Append-only record of who searched what and opened which entry (triggers refuse UPDATE and DELETE).</summary>
public class RegisterAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserName { get; set; } = "";
    public string? UnitCode { get; set; }
    public RegisterAuditAction Action { get; set; }
    /// <summary>The search criteria as JSON, or what was imported or opened.</summary>
    public string? Query { get; set; }
    public long? EntryId { get; set; }
    public int? ResultCount { get; set; }
}
