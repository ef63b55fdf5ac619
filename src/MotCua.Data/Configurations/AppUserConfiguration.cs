using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Data.Entities;

namespace MotCua.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.FullName).HasMaxLength(200);
        e.Property(u => u.UnitCode).HasMaxLength(64);
        e.Property(u => u.ProvinceCode).HasMaxLength(8);
        e.HasIndex(u => u.UnitCode);
    }
}
