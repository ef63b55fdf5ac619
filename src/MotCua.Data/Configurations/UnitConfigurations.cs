using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Data.Entities;

namespace MotCua.Data.Configurations;

internal sealed class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> e)
    {
        e.ToTable("administrative_units");
        e.HasKey(u => u.Id);
        // A code names one current unit; merged-away units may share a code with the unit that absorbed them.
        e.HasIndex(u => u.Code).IsUnique().HasFilter("\"EffectiveTo\" IS NULL").HasDatabaseName("IX_administrative_units_current_code");
        e.HasIndex(u => new { u.Code, u.EffectiveTo }).IsUnique();
        e.Property(u => u.Code).HasMaxLength(64);
        e.Property(u => u.Name).HasMaxLength(200);
        e.Property(u => u.NameFolded).HasMaxLength(200);
        e.Property(u => u.ParentCode).HasMaxLength(64);
        e.Property(u => u.ShortCode).HasMaxLength(8);
        e.Property(u => u.AgencyCode).HasMaxLength(20);
        e.Property(u => u.OldDistrictName).HasMaxLength(200);
        e.Property(u => u.OldProvinceName).HasMaxLength(200);
        e.Ignore(u => u.IsCurrent);
        e.HasIndex(u => u.ParentCode);
        e.HasIndex(u => u.AgencyCode).IsUnique();
    }
}

internal sealed class UnitSuccessionConfiguration : IEntityTypeConfiguration<UnitSuccession>
{
    public void Configure(EntityTypeBuilder<UnitSuccession> e)
    {
        e.ToTable("unit_successions");
        e.Property(s => s.PredecessorCode).HasMaxLength(64);
        e.Property(s => s.SuccessorCode).HasMaxLength(64);
        e.HasIndex(s => new { s.PredecessorCode, s.SuccessorCode }).IsUnique();
        e.HasIndex(s => s.SuccessorCode);
    }
}

internal sealed class ReceptionPointConfiguration : IEntityTypeConfiguration<ReceptionPoint>
{
    public void Configure(EntityTypeBuilder<ReceptionPoint> e)
    {
        e.ToTable("reception_points");
        e.HasKey(r => r.Code);
        e.Property(r => r.Code).HasMaxLength(64);
        e.Property(r => r.UnitCode).HasMaxLength(64);
        e.Property(r => r.Name).HasMaxLength(200);
        e.Property(r => r.Address).HasMaxLength(300);
        e.HasIndex(r => r.UnitCode);
    }
}
