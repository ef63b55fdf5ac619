using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Data.Entities;

namespace MotCua.Data.Configurations;

internal sealed class FieldConfiguration : IEntityTypeConfiguration<Field>
{
    public void Configure(EntityTypeBuilder<Field> e)
    {
        e.ToTable("fields");
        e.HasKey(f => f.Code);
        e.Property(f => f.Code).HasMaxLength(32);
        e.Property(f => f.Name).HasMaxLength(200);
    }
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    public void Configure(EntityTypeBuilder<ProcedureVersion> e)
    {
        e.ToTable("procedure_versions");
        e.Property(p => p.ProcedureCode).HasMaxLength(32);
        e.Property(p => p.Name).HasMaxLength(1000);
        e.Property(p => p.NameFolded).HasMaxLength(1000);
        e.Property(p => p.FieldCode).HasMaxLength(32);
        e.Property(p => p.CreatedBy).HasMaxLength(256);
        e.Property(p => p.ProcessingDays).HasPrecision(6, 2);
        e.HasIndex(p => new { p.ProcedureCode, p.VersionNo }).IsUnique();
        e.HasIndex(p => new { p.ProcedureCode, p.EffectiveFrom }).IsUnique();
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYearRecord>
{
    public void Configure(EntityTypeBuilder<CalendarYearRecord> e)
    {
        e.ToTable("calendar_years");
        e.HasKey(c => c.Year);
        e.Property(c => c.Year).ValueGeneratedNever();
        e.Property(c => c.Source).HasMaxLength(2000);
        e.Property(c => c.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class DossierCodeCounterConfiguration : IEntityTypeConfiguration<DossierCodeCounter>
{
    public void Configure(EntityTypeBuilder<DossierCodeCounter> e)
    {
        e.ToTable("dossier_code_counters");
        e.HasKey(c => new { c.AgencyCode, c.Date });
        e.Property(c => c.AgencyCode).HasMaxLength(20);
    }
}
