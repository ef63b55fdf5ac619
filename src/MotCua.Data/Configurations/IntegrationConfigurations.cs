using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Data.Entities;
using MotCua.Data.Protection;

namespace MotCua.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox_messages");
        e.Property(m => m.Partner).HasMaxLength(32);
        e.Property(m => m.DossierCode).HasMaxLength(40);
        e.Property(m => m.UnitCode).HasMaxLength(64);
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        e.Property(m => m.IdempotencyKey).HasMaxLength(120);
        e.Property(m => m.ClaimedBy).HasMaxLength(100);
        e.Property(m => m.ClaimToken).HasMaxLength(40);
        e.Property(m => m.LastError).HasMaxLength(2000);
        e.Property(m => m.ResultReference).HasMaxLength(200);
        // The body carries the applicant's ID number and form data: encrypted at rest like the dossier's own.
        e.Property(m => m.PayloadJson).HasConversion<PersonalDataConverter>();
        // One message per partner and key: an observer that ran twice cannot enqueue the same change twice.
        e.HasIndex(m => new { m.Partner, m.IdempotencyKey }).IsUnique();
        // The worker's claim: the undelivered messages of a partner, oldest first (the scan stops after a batch).
        e.HasIndex(m => new { m.Partner, m.Id }).HasFilter("\"State\" IN ('Pending', 'Failing', 'InFlight')")
            .HasDatabaseName("IX_outbox_messages_claim");
        // The order check: earlier undelivered messages of the same dossier and partner.
        e.HasIndex(m => new { m.DossierCode, m.Partner, m.Sequence });
        // The admin queue of a province.
        e.HasIndex(m => new { m.UnitCode, m.State });
    }
}

internal sealed class DossierLegConfiguration : IEntityTypeConfiguration<DossierLeg>
{
    public void Configure(EntityTypeBuilder<DossierLeg> e)
    {
        e.ToTable("dossier_legs");
        e.Property(l => l.DossierCode).HasMaxLength(40);
        e.Property(l => l.Partner).HasMaxLength(32);
        e.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(l => l.ResultReference).HasMaxLength(200);
        e.Property(l => l.LastError).HasMaxLength(2000);
        e.HasIndex(l => new { l.DossierCode, l.Partner }).IsUnique();
    }
}
