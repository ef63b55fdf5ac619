using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Core.Registers;
using MotCua.Data.Entities;

namespace MotCua.Data.Configurations;

// The full-text indexes (SQLite FTS5 table, PostgreSQL GIN indexes) and the audit triggers are raw SQL in the
// Registers migrations, see RegisterSql.
internal sealed class LegacyRegisterEntryConfiguration : IEntityTypeConfiguration<LegacyRegisterEntry>
{
    public void Configure(EntityTypeBuilder<LegacyRegisterEntry> e)
    {
        e.ToTable("register_entries");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Sex).HasConversion<string>().HasMaxLength(8);
        e.Property(x => x.BookUnitCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.UnitCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.ProvinceCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.BookNumber).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.EntryNumber).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.FullName).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.NameFolded).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.NameSpelling).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.PlaceOfBirth).HasMaxLength(RegisterRowParser.PlaceMax);
        e.Property(x => x.FatherName).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.MotherName).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.SpouseName).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.RelativesFolded).HasMaxLength(3 * RegisterRowParser.NameMax + 2);
        e.Property(x => x.FatherFolded).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.MotherFolded).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.SpouseFolded).HasMaxLength(RegisterRowParser.NameMax);
        e.Property(x => x.Notes).HasMaxLength(RegisterRowParser.NotesMax);
        e.Property(x => x.ScanReference).HasMaxLength(RegisterRowParser.PlaceMax);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        // One entry per line of a book: a file imported twice is refused.
        e.HasIndex(x => new { x.BookUnitCode, x.Kind, x.BookNumber, x.Year, x.EntryNumber }).IsUnique();
        // Exact and prefix name searches within the books of a unit's lineage, and within a province: read in index order,
        // with the spelling, id, birth year and kind in the index so ranking and those filters need no table row.
        e.HasIndex(x => new { x.BookUnitCode, x.NameFolded, x.NameSpelling, x.Id, x.BirthYear, x.Kind });
        // On PostgreSQL it also holds the relatives' folded names (INCLUDE): a name with a parent's words in the province
        // (the second parent step: the name's btree range, each row's relatives checked by LIKE) reads the index only, not
        // a table row per name in the range (7,500 rows for "tran thi" + "nguyen van binh" at 2 million entries).
        e.HasIndex(x => new { x.ProvinceCode, x.NameFolded, x.NameSpelling, x.Id, x.BirthYear, x.Kind }).IncludeProperties(x => x.RelativesFolded);
        // Exact father's, mother's or spouse's name (the first step of a search by a parent's name): one equality range
        // per column, with the scope (province, book unit) and the folded name in the index, so the scope and an exact or
        // prefix name are checked in the index and only matching entries are read.
        // Partial (only the entries that have the value): a search is an equality on it, which implies NOT NULL, and an
        // import skips the index for every entry without one (no spouse outside marriages, no typed page in an import).
        e.HasIndex(x => new { x.FatherFolded, x.ProvinceCode, x.NameFolded, x.BookUnitCode }).HasFilter("\"FatherFolded\" IS NOT NULL");
        e.HasIndex(x => new { x.MotherFolded, x.ProvinceCode, x.NameFolded, x.BookUnitCode }).HasFilter("\"MotherFolded\" IS NOT NULL");
        e.HasIndex(x => new { x.SpouseFolded, x.ProvinceCode, x.NameFolded, x.BookUnitCode }).HasFilter("\"SpouseFolded\" IS NOT NULL");
        // Search by date of birth alone.
        e.HasIndex(x => new { x.DateOfBirth }).HasFilter("\"DateOfBirth\" IS NOT NULL");
        e.HasIndex(x => x.PageId).HasFilter("\"PageId\" IS NOT NULL");
        // A name and a year of birth within a unit's books: the words step (names holding the words in any order) reads the
        // unit's entries of that year only, instead of every name of the unit.
        e.HasIndex(x => new { x.BookUnitCode, x.BirthYear, x.NameFolded, x.Id });
        // Entries imported before the relatives' names were folded one by one (RegisterRelativeNames): what the start-up
        // backfill (RegisterRelativesBackfill) fills; empty once it has run, and no entry written since matches it.
        e.HasIndex(x => x.Id, RegisterRelativesBackfill.IndexName).HasFilter(RegisterRelativesBackfill.Pending);
    }
}

internal sealed class RegisterPageConfiguration : IEntityTypeConfiguration<RegisterPage>
{
    public void Configure(EntityTypeBuilder<RegisterPage> e)
    {
        e.ToTable("register_pages");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.BookUnitCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.UnitCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.ProvinceCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.BookNumber).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.ContentType).HasMaxLength(40);
        e.Property(x => x.OcrError).HasMaxLength(2000);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.BookUnitCode, x.Kind, x.BookNumber, x.Year, x.PageNumber });
    }
}

internal sealed class RegisterImportConfiguration : IEntityTypeConfiguration<RegisterImport>
{
    public void Configure(EntityTypeBuilder<RegisterImport> e)
    {
        e.ToTable("register_imports");
        e.Property(x => x.UnitCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ImportedBy).HasMaxLength(256);
    }
}

internal sealed class RegisterEntryDossierConfiguration : IEntityTypeConfiguration<RegisterEntryDossier>
{
    public void Configure(EntityTypeBuilder<RegisterEntryDossier> e)
    {
        e.ToTable("register_entry_dossiers");
        e.Property(x => x.DossierCode).HasMaxLength(40);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasIndex(x => x.EntryId);
        e.HasIndex(x => x.DossierCode).IsUnique();
    }
}

internal sealed class RegisterAuditEntryConfiguration : IEntityTypeConfiguration<RegisterAuditEntry>
{
    public void Configure(EntityTypeBuilder<RegisterAuditEntry> e)
    {
        e.ToTable("register_audit");
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.UnitCode).HasMaxLength(RegisterRowParser.ShortMax);
        e.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Query).HasMaxLength(4000);
        e.HasIndex(x => x.At);
        e.HasIndex(x => x.EntryId);
    }
}
