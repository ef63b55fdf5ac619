using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Data.Entities;

namespace MotCua.Data.Configurations;

internal sealed class DataAccessAuditEntryConfiguration : IEntityTypeConfiguration<DataAccessAuditEntry>
{
    public const string Table = "data_access_audit";

    public void Configure(EntityTypeBuilder<DataAccessAuditEntry> e)
    {
        e.ToTable(Table);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Role).HasMaxLength(32);
        e.Property(x => x.UnitCode).HasMaxLength(64);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.DossierCode).HasMaxLength(40);
        e.Property(x => x.Detail).HasMaxLength(200);
        e.Property(x => x.ProvinceCode).HasMaxLength(64);
        e.Property(x => x.ClientIp).HasMaxLength(45);
        e.HasIndex(x => new { x.DossierCode, x.At });
        e.HasIndex(x => new { x.ProvinceCode, x.At });
        e.HasIndex(x => new { x.UserName, x.At });
    }
}
