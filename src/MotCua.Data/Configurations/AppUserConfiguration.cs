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
        e.Property(u => u.IdNumber).HasMaxLength(100).HasConversion<Protection.PersonalDataConverter>();
    }
}

internal sealed class AssistedConsentConfiguration : IEntityTypeConfiguration<AssistedConsent>
{
    public void Configure(EntityTypeBuilder<AssistedConsent> e)
    {
        e.ToTable("assisted_consents");
        e.Property(c => c.VolunteerUserName).HasMaxLength(256);
        e.Property(c => c.PersonName).HasMaxLength(200);
        e.Property(c => c.PersonIdNumber).HasMaxLength(100).HasConversion<Protection.PersonalDataConverter>();
        e.Property(c => c.Method).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.Phone).HasMaxLength(100).HasConversion<Protection.PersonalDataConverter>();
        e.Property(c => c.CodeHash).HasMaxLength(128);
        e.Property(c => c.SignatureContentType).HasMaxLength(32);
        e.Property(c => c.DossierCode).HasMaxLength(40);
        // A consent belongs to one dossier at most, and a dossier shows its consent.
        e.HasIndex(c => c.DossierCode).IsUnique();
        e.HasIndex(c => c.VolunteerUserName);
    }
}
