using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Data.Entities;

namespace MotCua.Data;

/// <summary>
/// The one database of MotCua. Provider-specific subclasses (<see cref="SqliteMotCuaDbContext"/>,
/// <see cref="PostgresMotCuaDbContext"/>) carry their own migration sets; code uses this type.
/// </summary>
public abstract class MotCuaDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();
    public DbSet<UnitSuccession> UnitSuccessions => Set<UnitSuccession>();
    public DbSet<ReceptionPoint> ReceptionPoints => Set<ReceptionPoint>();
    public DbSet<Field> Fields => Set<Field>();
    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();
    public DbSet<CalendarYearRecord> CalendarYears => Set<CalendarYearRecord>();
    public DbSet<DossierCodeCounter> DossierCodeCounters => Set<DossierCodeCounter>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierHistoryEntry> DossierHistory => Set<DossierHistoryEntry>();
    public DbSet<DossierDocument> DossierDocuments => Set<DossierDocument>();
    public DbSet<DossierDocumentContent> DossierDocumentContents => Set<DossierDocumentContent>();
    public DbSet<ApologySlip> ApologySlips => Set<ApologySlip>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DossierLeg> DossierLegs => Set<DossierLeg>();
    public DbSet<LegacyRegisterEntry> RegisterEntries => Set<LegacyRegisterEntry>();
    public DbSet<RegisterPage> RegisterPages => Set<RegisterPage>();
    public DbSet<RegisterImport> RegisterImports => Set<RegisterImport>();
    public DbSet<RegisterEntryDossier> RegisterEntryDossiers => Set<RegisterEntryDossier>();
    public DbSet<RegisterAuditEntry> RegisterAudit => Set<RegisterAuditEntry>();

    /// <summary>True on PostgreSQL; raw SQL that differs by provider checks it.</summary>
    public abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MotCuaDbContext).Assembly);
    }
}
