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
            await InStrategy(db, async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                db.DossierCodeCounters.Add(new DossierCodeCounter { AgencyCode = row, Date = new DateOnly(2099, 1, 2), LastSerial = 4 });
                db.ExecuteAfterSave(Insert, [queued, 5]);
                commands.Clear();
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            });
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
            await Assert.ThrowsAnyAsync<Exception>(() => InStrategy(db, async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                db.DossierCodeCounters.Add(new DossierCodeCounter { AgencyCode = other, Date = new DateOnly(2099, 1, 2), LastSerial = 1 });
                db.ExecuteAfterSave(Insert, [queued, 6]);
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }));
        }
        Assert.Equal(0, Serial(other));
        Assert.Equal(5, Serial(queued));
    }

    /// <summary>The text of every command one context sends, from EF's diagnostic events (the app's own pipeline).</summary>
    private sealed class SaveCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext _db;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<string> _texts = [];

        public SaveCommands(DbContext db)
        {
            _db = db;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public IReadOnlyList<string> Texts { get { lock (_texts) return [.. _texts]; } }

        public void Clear() { lock (_texts) _texts.Clear(); }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data && ReferenceEquals(data.Context, _db))
                lock (_texts) _texts.Add(data.Command.CommandText);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose() { lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose(); }
    }
}

[Collection(SqliteCollection.Name)] public sealed class AfterSaveTests_Sqlite(SqliteApp app) : AfterSaveTests(app);
[Collection(PostgresCollection.Name)] public sealed class AfterSaveTests_Postgres(PostgresApp app) : AfterSaveTests(app);
