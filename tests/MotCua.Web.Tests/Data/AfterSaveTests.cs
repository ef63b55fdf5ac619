using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Data;

/// <summary>
/// Statements queued with <see cref="MotCuaDbContext.ExecuteAfterSave"/> (the statistics upserts) run with the next save
/// of their own transaction, as one command, and never with a later transaction's save: a context comes back from the
/// pool, and a unit of work is retried in a new transaction, without what an earlier one left queued.
/// </summary>
public abstract class AfterSaveTests(MotCuaApp app) : ApiTestBase(app)
{
    private const string Insert = """INSERT INTO dossier_code_counters ("AgencyCode", "Date", "LastSerial") VALUES ({0}, '2099-01-01', {1})""";

    /// <summary>Transactions on PostgreSQL run under the retrying execution strategy, as the app's units of work do.</summary>
    private static Task InStrategy(MotCuaDbContext db, Func<Task> work) => db.Database.CreateExecutionStrategy().ExecuteAsync(work);

    /// <summary>
    /// One unit of work: a counter row (<paramref name="row"/>, <paramref name="serial"/>) added and an insert of another
    /// (<paramref name="queued"/>, <paramref name="queuedSerial"/>) queued, then saved and committed, with
    /// SaveChangesAndCommitAsync or with SaveChangesAsync and CommitAsync; <paramref name="commands"/> is cleared just before.
    /// </summary>
    private static Task SaveCounterAndQueuedAsync(MotCuaDbContext db, string row, int serial, string queued, int queuedSerial,
        bool commitWithSave, SaveCommands? commands = null) => InStrategy(db, async () =>
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        db.DossierCodeCounters.Add(new DossierCodeCounter { AgencyCode = row, Date = new DateOnly(2099, 1, 2), LastSerial = serial });
        db.ExecuteAfterSave(Insert, [queued, queuedSerial]);
        commands?.Clear();
        if (commitWithSave) await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
        else
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
    });

    private int Serial(string agency) =>
        App.WithDb(db => db.DossierCodeCounters.Where(c => c.AgencyCode == agency).Select(c => c.LastSerial).SingleOrDefault());

    [Fact]
    public async Task Queued_statements_run_after_the_save_of_their_transaction_and_commit_with_it()
    {
        var (a, b) = ("AS-A-" + Guid.NewGuid().ToString("N")[..8], "AS-B-" + Guid.NewGuid().ToString("N")[..8]);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            await InStrategy(db, async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                db.ExecuteAfterSave(Insert, [a, 7]);
                db.ExecuteAfterSave(Insert, [b, 9]);
                Assert.Equal(0, Serial(a));             // queued, not run
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            });
        }
        Assert.Equal(7, Serial(a));
        Assert.Equal(9, Serial(b));

        // Rolled back with the transaction.
        var c = "AS-C-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            await InStrategy(db, async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                db.ExecuteAfterSave(Insert, [c, 1]);
                await db.SaveChangesAsync();
                await tx.RollbackAsync();
            });
        }
        Assert.Equal(0, Serial(c));
    }

    [Fact]
    public async Task What_an_abandoned_transaction_queued_never_runs_with_a_later_save()
    {
        var stale = "AS-S-" + Guid.NewGuid().ToString("N")[..8];
        var fresh = "AS-F-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        await InStrategy(db, async () =>
        {
            await using var first = await db.Database.BeginTransactionAsync();
            db.ExecuteAfterSave(Insert, [stale, 1]);
            await first.RollbackAsync();               // abandoned before its save, as a failed attempt
        });
        await InStrategy(db, async () =>
        {
            await using var second = await db.Database.BeginTransactionAsync();
            db.ExecuteAfterSave(Insert, [fresh, 2]);
            await db.SaveChangesAsync();
            await second.CommitAsync();
        });
        await db.SaveChangesAsync();                    // nothing queued any more
        Assert.Equal(0, Serial(stale));
        Assert.Equal(2, Serial(fresh));
    }

    [Fact]
    public async Task A_save_with_changes_carries_the_queued_statements_and_a_failing_one_fails_the_save()
    {
        var (row, queued) = ("AS-R-" + Guid.NewGuid().ToString("N")[..8], "AS-Q-" + Guid.NewGuid().ToString("N")[..8]);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            using var commands = new SaveCommands(db);
            await SaveCommands.UntilHeardAsync();
            await SaveCounterAndQueuedAsync(db, row, 4, queued, 5, commitWithSave: false, commands);
            // PostgreSQL: the save's one command carries the queued statement (no round trip of its own). SQLite (no
            // network) runs it as a command of its own right after the save.
            if (db.IsPostgres)
            {
                var sent = Assert.Single(commands.Texts, t => t.Contains("dossier_code_counters", StringComparison.Ordinal));
                Assert.Contains("'2099-01-01'", sent, StringComparison.Ordinal);
            }
        }
        Assert.Equal(4, Serial(row));
        Assert.Equal(5, Serial(queued));

        // A queued statement that fails (the same key again) fails the save: nothing of it is kept.
        var other = "AS-O-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            await Assert.ThrowsAnyAsync<Exception>(() => SaveCounterAndQueuedAsync(db, other, 1, queued, 6, commitWithSave: false));
        }
        Assert.Equal(0, Serial(other));
        Assert.Equal(5, Serial(queued));
    }

    [Fact]
    public async Task An_intake_saves_the_dossier_and_its_first_history_line_in_one_command()
    {
        // Other tests (and the other database's app) may be saving at the same time, with the same codes: this app's
        // commands are those of its own context type, this intake's those that carry its code.
        var contextType = App.WithDb(db => db.GetType());
        using var commands = new SaveCommands(db => db.GetType() == contextType, App.WithDb(db => db.Database.GetDbConnection().Database));
        await SaveCommands.UntilHeardAsync();
        var dossier = await ReceiveAsync();
        var code = dossier["code"]!.GetValue<string>();
        // (SQLite quotes every name, PostgreSQL only where needed.)
        var postgres = App.WithDb(db => db.IsPostgres);
        string insert;
        if (postgres)
        {
            // PostgreSQL writes an insert-only save itself (InsertOnlySave), as one batch: what Npgsql sent for this
            // database. The id is drawn before the insert (DossierIdBlocks), so the history line that references it and
            // the statistics upserts travel in the same batch: one round trip for the save.
            var ours = commands.Batches.Select(t => t.Replace("\"", "", StringComparison.Ordinal)).ToList();
            insert = Assert.Single(ours, t => t.Contains("INSERT INTO dossiers ", StringComparison.Ordinal));
            Assert.Contains("INSERT INTO dossier_history ", insert, StringComparison.Ordinal);
            Assert.Contains("statistics_daily", insert, StringComparison.Ordinal);
            Assert.Single(ours, t => t.Contains("INSERT INTO", StringComparison.Ordinal) && !t.Contains("dossier_code_counters", StringComparison.Ordinal));
            // And the commit: the intake's transaction ends with that batch (SaveChangesAndCommitAsync).
            Assert.EndsWith("COMMIT", insert.TrimEnd().TrimEnd(';'), StringComparison.Ordinal);
            // Nothing of it went through EF's own save.
            Assert.DoesNotContain(commands.Sent, c => c.Values.Contains(code) && c.Text.Contains("INSERT INTO", StringComparison.Ordinal)
                && !c.Text.Contains("dossier_code_counters", StringComparison.Ordinal));
        }
        else
        {
            var ours = commands.Sent.Where(c => c.Values.Contains(code)).Select(c => c.Text.Replace("\"", "", StringComparison.Ordinal)).ToList();
            insert = Assert.Single(ours, t => t.Contains("INSERT INTO dossiers ", StringComparison.Ordinal));
        }
        // No savepoint around the save (MotCuaDbContext turns EF's automatic savepoints off): on PostgreSQL each was a
        // SAVEPOINT and a RELEASE command and made the save a subtransaction.
        Assert.DoesNotContain(commands.Events, e => e.Contains("Savepoint", StringComparison.OrdinalIgnoreCase));
        // The statements are the same text for every intake (counts as parameters, texts kept by StatisticsWriter), so
        // the database prepares them once: a second intake sends exactly the same command text.
        commands.Clear();
        var second = (await ReceiveAsync())["code"]!.GetValue<string>();
        var again = (postgres ? commands.Batches : commands.Sent.Where(c => c.Values.Contains(second)).Select(c => c.Text))
            .Select(t => t.Replace("\"", "", StringComparison.Ordinal)).Single(t => t.Contains("INSERT INTO dossiers ", StringComparison.Ordinal));
        Assert.Equal(insert, again);
        // Either way the dossier and its history line are there, linked by the id, with the applicant's ID number
        // encrypted and its lookup hash (a shadow column, which PostgreSQL's untracked intake writes itself).
        var (id, historyOf) = App.WithDb(db => (db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).Single(),
            db.Dossiers.Where(d => d.Code == code).SelectMany(d => d.History).Select(h => h.DossierId).ToList()));
        Assert.Equal([id], historyOf);
        var idNumber = dossier["applicant"]!["idNumber"]!.GetValue<string>();
        Assert.Equal([code], App.WithDb(db => db.DossiersOfIdNumber(idNumber).Where(d => d.Code == code).Select(d => d.Code).ToList()));
        var storedIdNumber = App.WithDb(db => db.Database.SqlQueryRaw<string>(
            "SELECT applicant_id_number AS \"Value\" FROM dossiers WHERE \"Code\" = {0}", code).Single());
        Assert.StartsWith(MotCua.Data.Protection.PersonalDataCipher.Prefix, storedIdNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inserts_saved_and_committed_together_are_kept_and_a_failure_keeps_nothing()
    {
        var (row, queued) = ("AS-CR-" + Guid.NewGuid().ToString("N")[..8], "AS-CQ-" + Guid.NewGuid().ToString("N")[..8]);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            using var commands = new SaveCommands(db);
            await SaveCommands.UntilHeardAsync();
            await SaveCounterAndQueuedAsync(db, row, 3, queued, 8, commitWithSave: true, commands);
            // PostgreSQL: one batch with the insert, the queued statement and the COMMIT (SQLite saves, then commits).
            if (db.IsPostgres)
            {
                var sent = Assert.Single(commands.Batches, t => t.Contains("dossier_code_counters", StringComparison.Ordinal));
                Assert.Equal(2, sent.Split("INSERT INTO dossier_code_counters").Length - 1);
                Assert.EndsWith("COMMIT", sent.TrimEnd().TrimEnd(';'), StringComparison.Ordinal);
            }
            // The context goes on as usual: its transaction is over, the next unit of work starts its own.
            await InStrategy(db, async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                db.ExecuteAfterSave(Insert, [queued + "-2", 1]);
                await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
            });
        }
        Assert.Equal(3, Serial(row));
        Assert.Equal(8, Serial(queued));
        Assert.Equal(1, Serial(queued + "-2"));

        // The insert fails (its key exists): the COMMIT behind it never runs, the queued statement is not kept either.
        var after = "AS-CA-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => SaveCounterAndQueuedAsync(db, row, 99, after, 6, commitWithSave: true));
        }
        Assert.Equal(3, Serial(row));
        Assert.Equal(0, Serial(after));
    }

    [Fact]
    public async Task Rows_saved_with_their_commit_get_their_generated_keys_and_are_stored_encrypted_as_any_save()
    {
        // On PostgreSQL this save is written by InsertOnlySave (the model's insert plans), on SQLite by EF: the same result.
        var code = "AS-K-" + Guid.NewGuid().ToString("N")[..8];
        const string payload = "{\"applicant\":\"Nguyễn Thị Lan\",\"idNumber\":\"079301001234\"}";
        var now = DateTimeOffset.UtcNow;
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        OutboxMessage first = null!, second = null!;
        DossierLeg leg = null!;
        await InStrategy(db, async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync();
            first = new OutboxMessage { Partner = "portal", DossierCode = code, UnitCode = "U1", Kind = OutboxMessageKind.Receipt, PayloadJson = payload,
                IdempotencyKey = code + ":1", Sequence = 1, State = OutboxMessageState.Pending, NextAttemptAt = now, CreatedAt = now };
            second = new OutboxMessage { Partner = "portal", DossierCode = code, UnitCode = "U1", Kind = OutboxMessageKind.StatusChanged, PayloadJson = "{}",
                IdempotencyKey = code + ":2", Sequence = 2, State = OutboxMessageState.Pending, NextAttemptAt = now, CreatedAt = now, LastError = null };
            leg = new DossierLeg { DossierCode = code, Partner = "civilStatus", Status = DossierLegStatus.Pending, UpdatedAt = now };
            db.OutboxMessages.AddRange(first, second);
            db.DossierLegs.Add(leg);
            await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
        });
        // The database's keys, each row its own, and the entries tracked as saved.
        Assert.True(first.Id > 0 && second.Id > 0 && leg.Id > 0);
        Assert.NotEqual(first.Id, second.Id);
        Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
        var stored = App.WithDb(d => d.OutboxMessages.AsNoTracking().Where(m => m.DossierCode == code).OrderBy(m => m.Sequence)
            .Select(m => new { m.Id, m.Kind, m.PayloadJson, m.LastError }).ToList());
        Assert.Equal([first.Id, second.Id], stored.Select(m => m.Id));
        Assert.Equal([OutboxMessageKind.Receipt, OutboxMessageKind.StatusChanged], stored.Select(m => m.Kind));
        Assert.Equal(payload, stored[0].PayloadJson);
        Assert.Null(stored[1].LastError);
        Assert.Equal(leg.Id, App.WithDb(d => d.DossierLegs.Where(l => l.DossierCode == code).Select(l => l.Id).Single()));
        // At rest the payload is the cipher's, not the plain text (its converter ran).
        var raw = App.WithDb(d => d.Database.SqlQueryRaw<string>("SELECT \"PayloadJson\" AS \"Value\" FROM outbox_messages WHERE \"Id\" = {0}", first.Id).Single());
        Assert.StartsWith(MotCua.Data.Protection.PersonalDataCipher.Prefix, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("079301001234", raw, StringComparison.Ordinal);
        // A later change of a saved row is an ordinary update of that row.
        await InStrategy(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            second.State = OutboxMessageState.Delivered;
            await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
        });
        Assert.Equal(OutboxMessageState.Delivered, App.WithDb(d => d.OutboxMessages.Where(m => m.Id == second.Id).Select(m => m.State).Single()));
    }

    [Fact]
    public async Task An_untracked_row_is_saved_with_its_transaction_whichever_way_the_save_goes()
    {
        var (alone, withUpdate, updated, dropped) = ("AS-UA-" + Guid.NewGuid().ToString("N")[..8], "AS-UB-" + Guid.NewGuid().ToString("N")[..8],
            "AS-UC-" + Guid.NewGuid().ToString("N")[..8], "AS-UD-" + Guid.NewGuid().ToString("N")[..8]);
        App.WithDb(db =>
        {
            db.DossierCodeCounters.Add(new DossierCodeCounter { AgencyCode = updated, Date = new DateOnly(2099, 1, 2), LastSerial = 1 });
            return db.SaveChanges();
        });
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var message = new OutboxMessage { Partner = "portal", DossierCode = alone, UnitCode = "U1", Kind = OutboxMessageKind.Receipt,
            IdempotencyKey = alone + ":1", Sequence = 1, NextAttemptAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow };
        // Inserts only, committed with the save (PostgreSQL: InsertOnlySave): saved, its generated key set, not tracked.
        await InStrategy(db, async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.AddUntracked(new DossierCodeCounter { AgencyCode = alone, Date = new DateOnly(2099, 1, 2), LastSerial = 5 });
            db.AddUntracked(message);
            await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
        });
        Assert.Equal(5, Serial(alone));
        Assert.True(message.Id > 0);
        Assert.Equal(alone, App.WithDb(d => d.OutboxMessages.Where(m => m.Id == message.Id).Select(m => m.DossierCode).Single()));
        // With an update in the same save EF writes it, with the update.
        await InStrategy(db, async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync();
            (await db.DossierCodeCounters.SingleAsync(c => c.AgencyCode == updated)).LastSerial = 2;
            db.AddUntracked(new DossierCodeCounter { AgencyCode = withUpdate, Date = new DateOnly(2099, 1, 2), LastSerial = 6 });
            await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
        });
        Assert.Equal(6, Serial(withUpdate));
        Assert.Equal(2, Serial(updated));
        // Added in a transaction that ended without a save: never written by a later one.
        await InStrategy(db, async () =>
        {
            db.ChangeTracker.Clear();
            await using var first = await db.Database.BeginTransactionAsync();
            db.AddUntracked(new DossierCodeCounter { AgencyCode = dropped, Date = new DateOnly(2099, 1, 2), LastSerial = 7 });
            await first.RollbackAsync();
        });
        await InStrategy(db, async () =>
        {
            await using var second = await db.Database.BeginTransactionAsync();
            db.ExecuteAfterSave(Insert, [dropped + "-next", 1]);
            await db.SaveChangesAndCommitAsync(second, CancellationToken.None);
        });
        Assert.Equal(0, Serial(dropped));
        Assert.Equal(1, Serial(dropped + "-next"));
    }

    [Fact]
    public async Task An_update_is_saved_then_committed_never_with_the_commit_in_its_command()
    {
        // EF checks an update's affected rows only after its command ran: a COMMIT in that command would keep the rest
        // of a save that EF then reports as a conflict. So the commit rides with inserts only.
        var row = "AS-U-" + Guid.NewGuid().ToString("N")[..8];
        App.WithDb(db =>
        {
            db.DossierCodeCounters.Add(new DossierCodeCounter { AgencyCode = row, Date = new DateOnly(2099, 1, 2), LastSerial = 1 });
            return db.SaveChanges();
        });
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        using var commands = new SaveCommands(db);
        await SaveCommands.UntilHeardAsync();
        await InStrategy(db, async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync();
            var counter = await db.DossierCodeCounters.SingleAsync(c => c.AgencyCode == row);
            counter.LastSerial = 2;
            commands.Clear();
            await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
        });
        var update = Assert.Single(commands.Texts, t => t.Contains("UPDATE", StringComparison.Ordinal));
        Assert.DoesNotContain("COMMIT", update, StringComparison.Ordinal);
        Assert.Equal(2, Serial(row));
    }

    [Fact]
    public async Task A_save_that_needs_a_generated_key_for_another_row_is_saved_then_committed()
    {
        // A document's content references the document's id, which its insert generates: EF sends two commands, so the
        // COMMIT must not ride with the first (the second would run outside the transaction).
        var code = (await ReceiveAsync())["code"]!.GetValue<string>();
        var dossierId = App.WithDb(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).Single());
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        using var commands = new SaveCommands(db);
        await SaveCommands.UntilHeardAsync();
        await InStrategy(db, async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.DossierDocuments.Add(new MotCua.Core.Dossiers.DossierDocument
            {
                DossierId = dossierId, FileName = "don.pdf", ContentType = "application/pdf", Size = 3, Sha256 = "abc",
                UploadedAt = DateTimeOffset.UtcNow, UploadedBy = "officer",
                Content = new MotCua.Core.Dossiers.DossierDocumentContent { Bytes = [1, 2, 3] },
            });
            commands.Clear();
            await db.SaveChangesAndCommitAsync(tx, CancellationToken.None);
        });
        Assert.DoesNotContain(commands.Texts, t => t.Contains("COMMIT", StringComparison.Ordinal));
        Assert.Equal(1, App.WithDb(d => d.DossierDocuments.Count(x => x.DossierId == dossierId && x.FileName == "don.pdf")));
        Assert.Equal(1, App.WithDb(d => d.DossierDocumentContents.Count(c => d.DossierDocuments.Any(x => x.Id == c.DossierDocumentId
            && x.DossierId == dossierId && x.FileName == "don.pdf"))));
    }

    /// <summary>The text of every command one context (or the contexts a filter picks) sends, from EF's diagnostic events (the app's own pipeline).</summary>
    /// <remarks>
    /// Also, on PostgreSQL, the text of every command and batch Npgsql sends to the watched context's database (its tracing
    /// activities: the texts of a batch's commands together), which includes what the app writes without EF (InsertOnlySave).
    /// </remarks>
    private sealed class SaveCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly Func<DbContext, bool> _of;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<(string Text, object?[] Values)> _sent = [];
        private readonly List<string> _batches = [];

        public SaveCommands(DbContext db) : this(c => ReferenceEquals(c, db), db.Database.GetDbConnection().Database) { }

        public SaveCommands(Func<DbContext, bool> of, string? database = null)
        {
            _of = of;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
            if (database is null) return;
            var npgsql = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if ((activity.GetTagItem("db.name") ?? activity.GetTagItem("db.namespace")) as string != database) return;
                    if ((activity.GetTagItem("db.statement") ?? activity.GetTagItem("db.query.text")) is string text)
                        lock (_batches) _batches.Add(text);
                },
            };
            ActivitySource.AddActivityListener(npgsql);
            _subscriptions.Add(npgsql);
        }

        /// <summary>What Npgsql sent to the watched database (PostgreSQL only): each command's or batch's text.</summary>
        public IReadOnlyList<string> Batches { get { lock (_batches) return [.. _batches]; } }

        /// <summary>
        /// EF decides whether anyone listens to command events at most once per LoggingCacheTime (1 s by default, the
        /// app does not change it): a listener subscribed just now hears the commands sent after that.
        /// </summary>
        public static Task UntilHeardAsync() => Task.Delay(TimeSpan.FromSeconds(1.2));

        public IReadOnlyList<string> Texts { get { lock (_sent) return [.. _sent.Select(s => s.Text)]; } }

        private readonly List<string> _events = [];

        /// <summary>The names of the EF events of the watched contexts that carry a context (commands, transactions, savepoints).</summary>
        public IReadOnlyList<string> Events { get { lock (_events) return [.. _events]; } }

        /// <summary>Each command's text and parameter values.</summary>
        public IReadOnlyList<(string Text, object?[] Values)> Sent { get { lock (_sent) return [.. _sent]; } }

        public void Clear()
        {
            lock (_sent) _sent.Clear();
            lock (_batches) _batches.Clear();
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is DbContextEventData { Context: { } of } && _of(of)) lock (_events) _events.Add(e.Key);
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data && data.Context is { } context && _of(context))
            {
                var values = data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => p.Value).ToArray();
                lock (_sent) _sent.Add((data.Command.CommandText, values));
            }
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose() { lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose(); }
    }
}

[Collection(SqliteCollection.Name)] public sealed class AfterSaveTests_Sqlite(SqliteApp app) : AfterSaveTests(app);
[Collection(PostgresCollection.Name)] public sealed class AfterSaveTests_Postgres(PostgresApp app) : AfterSaveTests(app);
