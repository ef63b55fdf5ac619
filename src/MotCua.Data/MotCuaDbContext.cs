using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using MotCua.Core.Dossiers;
using MotCua.Data.Entities;

namespace MotCua.Data;

/// <summary>
/// The one database of MotCua. Provider-specific subclasses (<see cref="SqliteMotCuaDbContext"/>,
/// <see cref="PostgresMotCuaDbContext"/>) carry their own migration sets; code uses this type.
/// </summary>
public abstract class MotCuaDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    /// <summary>
    /// No savepoint around each SaveChanges inside a transaction (EF's default adds a <c>SAVEPOINT</c> before the save's
    /// command and a <c>RELEASE SAVEPOINT</c> after it, and PostgreSQL runs the save as a subtransaction): no unit of work
    /// here goes on in a transaction after a failed save (each rolls its transaction back, and the execution strategy
    /// retries transient failures from the start), so the savepoint was never used. Set here, it is also what a pooled
    /// context is reset to.
    /// </summary>
    protected MotCuaDbContext(DbContextOptions options) : base(options) => Database.AutoSavepointsEnabled = false;

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
    public DbSet<IntakeKey> IntakeKeys => Set<IntakeKey>();
    public DbSet<StatisticsDay> StatisticsDays => Set<StatisticsDay>();
    public DbSet<StatisticsMonth> StatisticsMonths => Set<StatisticsMonth>();
    public DbSet<StatisticsProvinceMonth> StatisticsProvinceMonths => Set<StatisticsProvinceMonth>();
    public DbSet<StatisticsOfficerDay> StatisticsOfficerDays => Set<StatisticsOfficerDay>();
    public DbSet<DossierRating> DossierRatings => Set<DossierRating>();
    public DbSet<LegacyRegisterEntry> RegisterEntries => Set<LegacyRegisterEntry>();
    public DbSet<RegisterPage> RegisterPages => Set<RegisterPage>();
    public DbSet<RegisterImport> RegisterImports => Set<RegisterImport>();
    public DbSet<RegisterEntryDossier> RegisterEntryDossiers => Set<RegisterEntryDossier>();
    public DbSet<RegisterAuditEntry> RegisterAudit => Set<RegisterAuditEntry>();
    public DbSet<DataAccessAuditEntry> DataAccessAudit => Set<DataAccessAuditEntry>();
    /// <summary>
    /// The ASP.NET Core data-protection key ring, shared by every app node (sign-in cookies and anti-forgery tokens made on
    /// one node are read on another); each key's XML is encrypted with the personal-data key before it is stored.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AssistedConsent> AssistedConsents => Set<AssistedConsent>();

    /// <summary>True on PostgreSQL; raw SQL that differs by provider checks it.</summary>
    public abstract bool IsPostgres { get; }

    /// <summary>Shadow property of <see cref="Dossier"/>: the keyed hash of the applicant's ID number.</summary>
    public const string ApplicantIdHash = "ApplicantIdHash";

    /// <summary>Shadow property of <see cref="DossierDocumentContent"/>: its bytes are encrypted (false only for older rows).</summary>
    public const string ContentEncrypted = "Encrypted";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MotCuaDbContext).Assembly);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    /// <summary>The dossiers of one ID number, found by its keyed hash (the number itself is stored encrypted).</summary>
    public IQueryable<Dossier> DossiersOfIdNumber(string idNumber) => OfIdNumber(Dossiers, idNumber);

    /// <summary>Narrows dossiers to those of one ID number, through its keyed hash.</summary>
    public static IQueryable<Dossier> OfIdNumber(IQueryable<Dossier> dossiers, string idNumber)
    {
        var hash = IdNumberHash(idNumber);
        return dossiers.Where(d => EF.Property<string>(d, ApplicantIdHash) == hash);
    }

    /// <summary>The keyed hash stored with a dossier for its applicant's ID number (for compiled queries).</summary>
    public static string IdNumberHash(string idNumber) => Protection.PersonalDataCipher.Required.LookupHash(idNumber);

    // Queued statements belong to the transaction they were queued in: a context reused from the pool, or a unit of work
    // retried in a new transaction, never runs what an earlier one left behind.
    private readonly OfTransaction<(string Sql, object[] Args)> afterSave = new();

    /// <summary>
    /// Queues a statement to run with the next SaveChanges, on its connection and in its transaction: on PostgreSQL at the
    /// end of the save's first command (no round trip of its own), else as one command right after the save. Placeholders
    /// {0}, {1}… refer to <paramref name="args"/>; no other braces. For upserts of hot rows (statistics counters): they run
    /// after the save's inserts, so they hold their row locks only until the commit that follows, and never block a
    /// thread. A save that fails drops the queue (and a failing statement fails the save), so a unit of work retried from
    /// the start queues its statements again and never twice.
    /// </summary>
    public void ExecuteAfterSave(string sql, object[] args) => afterSave.Add(Database.CurrentTransaction, (sql, args));

    // New rows for the next save of their transaction, untracked (AddUntracked).
    private readonly OfTransaction<object> untracked = new();

    /// <summary>
    /// What a unit of work queued for the next save of its transaction (statements, untracked rows): taken by that save,
    /// dropped once another transaction queues or saves, so a context from the pool, or a unit of work retried in a new
    /// transaction, never saves what an earlier one left behind.
    /// </summary>
    private sealed class OfTransaction<T>
    {
        private object? transaction;
        private List<T>? items;

        public void Add(object? current, T item)
        {
            if (items is null || !ReferenceEquals(transaction, current)) (transaction, items) = (current, []);
            items.Add(item);
        }

        public List<T> Take(object? current)
        {
            var taken = items is not null && ReferenceEquals(transaction, current) ? items : [];
            (transaction, items) = (null, null);
            return taken;
        }
    }

    /// <summary>
    /// Adds a new row for the next save of the current transaction without tracking it: no snapshot, no fix-up, no change
    /// detection. On PostgreSQL, when that save is inserts only and committed with its command
    /// (<see cref="SaveChangesAndCommitAsync"/>), <see cref="InsertOnlySave"/> writes it from its own values and sets the
    /// key the database generated; otherwise (SQLite, a save with updates, a type the plans do not cover) it is added to
    /// the change tracker before the save and EF writes it, as <c>Add</c> would. Navigations are not followed: each row is
    /// added on its own, with its keys and foreign keys set. A caller must not count on the row being tracked after the
    /// save. Rows of a transaction that ended without a save are dropped, as queued statements are.
    /// </summary>
    public void AddUntracked(object entity) => untracked.Add(Database.CurrentTransaction, entity);

    /// <summary>
    /// A received dossier and its first control sheet lines, for the next save. On PostgreSQL its id is drawn first
    /// (<see cref="DossierIdBlocks"/>) and the rows go untracked (<see cref="AddUntracked"/>: the busiest write, measured
    /// with the scale bench, spent a sixth of the app's CPU tracking them); elsewhere they are added to the change tracker
    /// and the database generates the id.
    /// </summary>
    public async Task AddReceivedDossierAsync(Dossier dossier, CancellationToken ct)
    {
        if (!IsPostgres || dossier.Id != 0 || dossier.Documents.Count > 0 || dossier.ApologySlips.Count > 0)
        {
            await Dossiers.AddAsync(dossier, ct);
            return;
        }
        var id = await DossierIdBlocks.NextAsync(this, ct);
        InsertOnlySave.Set(Model.FindEntityType(typeof(Dossier))!.FindPrimaryKey()!.Properties[0], dossier, id);
        AddUntracked(dossier);
        var foreignKey = Model.FindEntityType(typeof(DossierHistoryEntry))!.FindProperty(nameof(DossierHistoryEntry.DossierId))!;
        foreach (var line in dossier.History)
        {
            InsertOnlySave.Set(foreignKey, line, id);
            AddUntracked(line);
        }
    }

    /// <summary>Whether <see cref="ShadowValue"/> knows a shadow property's value from its entity (the lookup hashes).</summary>
    internal static bool HasShadowValue(Microsoft.EntityFrameworkCore.Metadata.IProperty property) =>
        property.DeclaringType.ClrType == typeof(Dossier) && property.Name == ApplicantIdHash;

    /// <summary>The value of a shadow property for an untracked row, as <see cref="StampLookupHashes"/> sets it for a tracked one.</summary>
    internal static object? ShadowValue(object entity, Microsoft.EntityFrameworkCore.Metadata.IProperty property) => entity switch
    {
        Dossier dossier when property.Name == ApplicantIdHash => IdNumberHash(dossier.Applicant.IdNumber),
        _ => throw new InvalidOperationException($"No value for the shadow property {property.Name} of an untracked {entity.GetType().Name}."),
    };

    // The queued statements of the save in progress, until AfterSaveRider appends them to the save's first command.
    private (string Sql, object[] Args)? riding;

    /// <summary>The statements waiting to ride along with the current save's first command (once).</summary>
    internal (string Sql, object[] Args)? TakeRiding()
    {
        var batch = riding;
        riding = null;
        return batch;
    }

    // SaveChangesAndCommitAsync asked for the commit to ride with its save; BeginSave decides whether it may (commitRiding);
    // the rider appends the COMMIT to the save's command and records that it did (commitSent).
    private bool commitRequested, commitRiding, commitSent;

    // The save's added rows and queued statements when InsertOnlySave writes it instead of EF (BeginSave decides).
    private (List<InsertOnlySave.Row> Rows, List<(string Sql, object[] Args)> Queued)? insertOnly;

    /// <summary>Whether the save's command should end with COMMIT (once per save); the save then counts as committed.</summary>
    internal bool TakeCommit()
    {
        if (!commitRiding) return false;
        commitRiding = false;
        commitSent = true;
        return true;
    }

    /// <summary>True once the current save's command carried the COMMIT: no later command may belong to this save.</summary>
    internal bool CommitSent => commitSent;

    /// <summary>
    /// Saves and commits <paramref name="transaction"/>, the current one. On PostgreSQL, when the save is inserts only and
    /// goes as one command (no row waits for another's generated key), the COMMIT travels at the end of that command: one
    /// round trip less, and the hot statistics rows' locks go as soon as the server has run the command instead of one
    /// client round trip later (measured with the scale bench: those rows were what concurrent intakes waited for).
    /// Otherwise (SQLite; updates or deletes, whose affected-row checks EF makes only after the command ran; a save of
    /// several commands) it saves, then commits. An error the server reports in the command aborts the transaction before
    /// the COMMIT, so nothing of a failed save is kept. A connection lost after the server committed leaves the outcome
    /// unknown to the caller, as a lost reply to a separate COMMIT does.
    /// </summary>
    public async Task SaveChangesAndCommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken ct)
    {
        if (!ReferenceEquals(transaction, Database.CurrentTransaction))
            throw new InvalidOperationException("SaveChangesAndCommitAsync commits the context's current transaction.");
        commitRequested = IsPostgres;
        commitSent = false;
        bool committed;
        try { await SaveChangesAsync(ct); }
        finally
        {
            committed = commitSent;
            commitRequested = commitSent = false;
        }
        if (!committed) await transaction.CommitAsync(ct);
        // Committed by the server with the save's command: the Npgsql transaction is complete (disposing it sends nothing)
        // and the context forgets it, as after CommitAsync, so nothing later runs or queues against it.
        else await transaction.DisposeAsync();
    }

    /// <summary>
    /// The most statements a save may have for its COMMIT to ride with it: well below what EF puts in one command (Npgsql's
    /// default MaxBatchSize, 1000; the app sets none), or a configured smaller batch size.
    /// </summary>
    private int MaxStatementsWithCommit => maxStatementsWithCommit ??= Math.Min(100,
        this.GetService<IDbContextOptions>().Extensions
            .OfType<RelationalOptionsExtension>().FirstOrDefault()?.MaxBatchSize ?? 100);

    private int? maxStatementsWithCommit;

    /// <summary>
    /// Whether the pending save is inserts only and EF sends it as one command: no added row has a foreign key still holding
    /// a temporary value (it would wait, in a command of its own, for its principal's key generated by the insert).
    /// </summary>
    private bool InsertsInOneCommand(int untrackedRows)
    {
        var statements = untrackedRows;
        if (statements > MaxStatementsWithCommit) return false;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.State != EntityState.Added || ++statements > MaxStatementsWithCommit) return false;
            foreach (var foreignKey in entry.Metadata.GetForeignKeys())
                foreach (var property in foreignKey.Properties)
                    if (entry.Property(property).IsTemporary) return false;
        }
        return statements > 0;
    }

    // One DetectChanges per save (Entries() and SaveChanges would each run one: measured as a visible share of an intake's
    // CPU); the lookup hashes are stamped through the entry API, which records its own changes.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var autoDetect = BeginSave();
        try
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            if (TakeRiding() is { } batch) Database.ExecuteSqlRaw(batch.Sql, batch.Args);
            return saved;
        }
        finally { EndSave(autoDetect); }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var autoDetect = BeginSave();
        try
        {
            if (insertOnly is { } write)
            {
                // The rows, the queued statements and the COMMIT in one batch of fixed texts (InsertOnlySave).
                commitSent = true;
                await InsertOnlySave.RunAsync(this, write.Rows, write.Queued, acceptAllChangesOnSuccess, cancellationToken);
                return write.Rows.Count;
            }
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (TakeRiding() is { } batch) await Database.ExecuteSqlRawAsync(batch.Sql, batch.Args, cancellationToken);
            return saved;
        }
        finally { EndSave(autoDetect); }
    }

    /// <summary>
    /// Detects changes once, stamps the lookup hashes and hands the queued statements and untracked rows to the save: a save
    /// of inserts only committed with it, on PostgreSQL, is written by InsertOnlySave (<see cref="insertOnly"/>); otherwise
    /// the untracked rows join the change tracker and the statements go in the save's own first command on PostgreSQL
    /// (AfterSaveRider: one round trip less on every dossier change); where the save sent no command, or on SQLite, the
    /// caller runs them right after it. Returns the auto-detect setting to restore.
    /// </summary>
    private bool BeginSave()
    {
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var queued = afterSave.Take(Database.CurrentTransaction);
            var rows = untracked.Take(Database.CurrentTransaction);
            // Not with a savepoint (turned back on): EF would release it after the command, in a transaction already over.
            var withCommit = commitRequested && !Database.AutoSavepointsEnabled;
            // Inserts only, committed with the save, on PostgreSQL: written by the model's insert plans (InsertOnlySave).
            if (withCommit && IsPostgres && InsertsInOneCommand(rows.Count) && InsertOnlySave.PlanFor(this, rows) is { } plan)
            {
                StampLookupHashes();
                insertOnly = (plan, queued);
                return autoDetect;
            }
            // EF writes the untracked rows with the rest of the save.
            foreach (var row in rows) Add(row);
            StampLookupHashes();
            riding = Batch(queued);
            commitRiding = withCommit && InsertsInOneCommand(0);
            return autoDetect;
        }
        catch
        {
            EndSave(autoDetect);
            throw;
        }
    }

    private void EndSave(bool autoDetect)
    {
        riding = null;
        insertOnly = null;
        commitRiding = false;
        ChangeTracker.AutoDetectChangesEnabled = autoDetect;
    }

    /// <summary>The queued statements as one command (one round trip), their {n} placeholders renumbered in order.</summary>
    private static (string Sql, object[] Args)? Batch(List<(string Sql, object[] Args)> queued)
    {
        if (queued.Count == 0) return null;
        if (queued.Count == 1) return queued[0];
        var texts = new string[queued.Count];
        var counts = new int[queued.Count];
        var args = new List<object>();
        for (var i = 0; i < queued.Count; i++)
        {
            texts[i] = queued[i].Sql;
            counts[i] = queued[i].Args.Length;
            args.AddRange(queued[i].Args);
        }
        return (SqlTexts.Get(BatchTexts, new StatementTexts(texts, counts), BatchText), [.. args]);
    }

    // The statements a kind of change queues are the same texts every time (StatisticsWriter keeps them): their batch is
    // built once, not renumbered by a regular expression on every save.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<StatementTexts, string> BatchTexts = new();

    private static string BatchText(StatementTexts key)
    {
        var sql = new System.Text.StringBuilder();
        var offset = 0;
        for (var i = 0; i < key.Texts.Length; i++)
        {
            var shift = offset;
            sql.Append(AfterSaveRider.Placeholder().Replace(key.Texts[i],
                m => "{" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + shift) + "}")).Append(";\n");
            offset += key.Counts[i];
        }
        return sql.ToString();
    }

    /// <summary>A batch's statements (by reference: the cached texts are the same instances) and their argument counts.</summary>
    private sealed class StatementTexts(string[] texts, int[] counts) : IEquatable<StatementTexts>
    {
        public string[] Texts { get; } = texts;
        public int[] Counts { get; } = counts;

        // Looked up on every save that queued statements: compared without allocating.
        public bool Equals(StatementTexts? other)
        {
            if (other is null || other.Texts.Length != Texts.Length) return false;
            for (var i = 0; i < Texts.Length; i++)
                if (!ReferenceEquals(Texts[i], other.Texts[i]) || Counts[i] != other.Counts[i]) return false;
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as StatementTexts);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var t in Texts) hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(t));
            return hash.ToHashCode();
        }
    }

    private void StampLookupHashes()
    {
        foreach (var entry in ChangeTracker.Entries<Dossier>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var hash = IdNumberHash(entry.Entity.Applicant.IdNumber);
            var property = entry.Property<string>(ApplicantIdHash);
            if (property.CurrentValue != hash) property.CurrentValue = hash;
        }
        // Content written through the model is always encrypted by its converter.
        foreach (var entry in ChangeTracker.Entries<DossierDocumentContent>())
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(c => c.Bytes).IsModified))
                entry.Property<bool>(ContentEncrypted).CurrentValue = true;
    }
}
