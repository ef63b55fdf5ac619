using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Data;
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
}

[Collection(SqliteCollection.Name)] public sealed class AfterSaveTests_Sqlite(SqliteApp app) : AfterSaveTests(app);
[Collection(PostgresCollection.Name)] public sealed class AfterSaveTests_Postgres(PostgresApp app) : AfterSaveTests(app);
