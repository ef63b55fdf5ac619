using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Core.Dossiers;
using MotCua.Data.Entities;
using MotCua.Data.Protection;

namespace MotCua.Data.Configurations;

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> e)
    {
        e.ToTable("dossiers");
        e.Property(d => d.Code).HasMaxLength(40);
        e.HasIndex(d => d.Code).IsUnique();
        e.Property(d => d.ProcedureCode).HasMaxLength(32);
        e.Property(d => d.UnitCode).HasMaxLength(64);
        e.Property(d => d.ReceivingUnitCode).HasMaxLength(64);
        e.Property(d => d.ReceptionPointCode).HasMaxLength(64);
        e.Property(d => d.Assignee).HasMaxLength(256);
        e.Property(d => d.TransferredTo).HasMaxLength(300);
        e.Property(d => d.OwnerUserName).HasMaxLength(256);
        e.Property(d => d.ApplicantNameFolded).HasMaxLength(200);
        e.Property(d => d.ReceivedBy).HasMaxLength(256);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.ComplexProperty(d => d.Applicant, a =>
        {
            a.Property(x => x.FullName).HasMaxLength(200).HasColumnName("applicant_full_name");
            // Encrypted at rest (AES-GCM, about 60 characters); looked up by applicant_id_hash.
            a.Property(x => x.IdNumber).HasMaxLength(100).HasColumnName("applicant_id_number").HasConversion<PersonalDataConverter>();
            a.Property(x => x.DateOfBirth).HasColumnName("applicant_date_of_birth");
            a.Property(x => x.Phone).HasMaxLength(20).HasColumnName("applicant_phone");
            a.Property(x => x.Email).HasMaxLength(254).HasColumnName("applicant_email");
            a.Property(x => x.Address).HasMaxLength(500).HasColumnName("applicant_address");
        });
        e.Property(d => d.FormDataJson).HasConversion<PersonalDataConverter>();
        // The keyed hash of the applicant's ID number (set on save by MotCuaDbContext), to find a person's dossiers.
        e.Property<string>(MotCuaDbContext.ApplicantIdHash).HasMaxLength(64).HasColumnName("applicant_id_hash");
        e.HasIndex(MotCuaDbContext.ApplicantIdHash);
        // The work queue: a unit's dossiers by status, newest first, and the overdue filter.
        e.HasIndex(d => new { d.UnitCode, d.Status, d.ReceivedAt });
        e.HasIndex(d => new { d.UnitCode, d.DueAt });
        // The work queue of a unit newest first, in two halves (ListDossiers.Listing): what the unit settles, and the few
        // dossiers its counter received for another unit (a partial index; the queries repeat its condition).
        e.HasIndex(d => new { d.UnitCode, d.ReceivedAt, d.Id }, "IX_dossiers_unit_newest");
        e.HasIndex(d => new { d.ReceivingUnitCode, d.ReceivedAt, d.Id }, "IX_dossiers_received_for_others")
            .HasFilter("\"ReceivingUnitCode\" <> \"UnitCode\"");
        e.HasIndex(d => d.OwnerUserName);
        e.HasIndex(d => d.Assignee);
        e.HasMany(d => d.History).WithOne().HasForeignKey(h => h.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(d => d.Documents).WithOne().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(d => d.ApologySlips).WithOne().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
        e.Navigation(d => d.History).UsePropertyAccessMode(PropertyAccessMode.Property);
    }
}

internal sealed class DossierHistoryEntryConfiguration : IEntityTypeConfiguration<DossierHistoryEntry>
{
    public void Configure(EntityTypeBuilder<DossierHistoryEntry> e)
    {
        e.ToTable("dossier_history");
        e.Property(h => h.Actor).HasMaxLength(256);
        e.Property(h => h.Action).HasMaxLength(40);
        e.Property(h => h.Note).HasMaxLength(2000);
        e.Property(h => h.Assignee).HasMaxLength(256);
        e.HasIndex(h => new { h.DossierId, h.Sequence }).IsUnique();
    }
}

internal sealed class DossierDocumentConfiguration : IEntityTypeConfiguration<DossierDocument>
{
    public void Configure(EntityTypeBuilder<DossierDocument> e)
    {
        e.ToTable("dossier_documents");
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.RequiredDocumentCode).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.HasOne(x => x.Content).WithOne().HasForeignKey<DossierDocumentContent>(c => c.DossierDocumentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DossierDocumentContentConfiguration : IEntityTypeConfiguration<DossierDocumentContent>
{
    public void Configure(EntityTypeBuilder<DossierDocumentContent> e)
    {
        e.ToTable("dossier_document_contents");
        e.HasKey(c => c.DossierDocumentId);
        // Encrypted at rest (AES-256-GCM, a key of its own); "encrypted" marks the rows done, so the start-up backfill of
        // content stored before finds what is left through a small partial index instead of reading every file.
        e.Property(c => c.Bytes).HasConversion<DocumentContentConverter>();
        e.Property<bool>(MotCuaDbContext.ContentEncrypted).HasColumnName("encrypted");
        e.HasIndex(c => c.DossierDocumentId).HasDatabaseName("IX_dossier_document_contents_plain").HasFilter("NOT encrypted");
    }
}

internal sealed class ApologySlipConfiguration : IEntityTypeConfiguration<ApologySlip>
{
    public void Configure(EntityTypeBuilder<ApologySlip> e)
    {
        e.ToTable("apology_slips");
        e.Property(x => x.IssuedBy).HasMaxLength(256);
        e.Property(x => x.Reason).HasMaxLength(2000);
    }
}

internal sealed class IntakeKeyConfiguration : IEntityTypeConfiguration<IntakeKey>
{
    /// <summary>Keyed by account then key: the lookup of a repeat, and the unique guard when two repeats race.</summary>
    public void Configure(EntityTypeBuilder<IntakeKey> e)
    {
        e.ToTable("intake_keys");
        e.HasKey(k => new { k.UserName, k.Key });
        e.Property(k => k.UserName).HasMaxLength(256);
        e.Property(k => k.Key).HasMaxLength(IntakeKeyRules.MaxLength);
        e.Property(k => k.DossierCode).HasMaxLength(64);
        e.Property(k => k.RequestHash).HasMaxLength(64);
    }
}
