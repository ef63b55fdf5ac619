using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// The backup and restore of docs/operations.md, done for real: PostgreSQL with <c>pg_dump -Fc</c> and <c>pg_restore</c> into a
/// new database, SQLite with the online backup API (what <c>sqlite3 .backup</c> uses). The restored copy holds the dossier,
/// its control sheet and its encrypted ID number, readable with the same key, and no migration is pending.
/// </summary>
public abstract class BackupRestoreTests(MotCuaApp app) : ApiTestBase(app)
{
    protected abstract Task<string> BackupAndRestoreAsync(string connectionString);
    protected abstract MotCuaDbContext Open(string connectionString);

    [Fact]
    public async Task A_restored_backup_holds_the_dossiers_readable_with_the_key()
    {
        var applicant = Applicant("Tạ Thị Sao Mai", "091195004323");
        var d = await ReceiveAsync(MaritalStatus, applicant: applicant);
        await ActOkAsync("officer", d, "assign", assignee: "specialist");

        var restored = await BackupAndRestoreAsync(App.ConnectionString);

        await using var db = Open(restored);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var copy = await db.Dossiers.AsNoTracking().Include(x => x.History).SingleAsync(x => x.Code == Code(d));
        Assert.Equal("091195004323", copy.Applicant.IdNumber);
        Assert.Equal("Tạ Thị Sao Mai", copy.Applicant.FullName);
        Assert.Equal(["Receive", "Assign"], copy.History.OrderBy(h => h.Sequence).Select(h => h.Action));
        Assert.Single(await MotCuaDbContext.OfIdNumber(db.Dossiers, "091195004323").Where(x => x.Code == Code(d)).ToListAsync());
        using var officer = await App.ClientAsync("officer");
        var live = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(d)}");
        Assert.Equal(live!["version"]!.GetValue<int>(), copy.Version);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BackupRestoreTests_Sqlite(SqliteApp app) : BackupRestoreTests(app)
{
    protected override Task<string> BackupAndRestoreAsync(string connectionString)
    {
        var target = Path.Combine(Path.GetTempPath(), $"motcua-backup-{Guid.NewGuid():N}.db");
        using var source = new SqliteConnection(connectionString);
        source.Open();
        using var backup = new SqliteConnection($"Data Source={target};Pooling=False");
        backup.Open();
        source.BackupDatabase(backup);
        return Task.FromResult($"Data Source={target};Pooling=False");
    }

    protected override MotCuaDbContext Open(string connectionString) =>
        new SqliteMotCuaDbContext(new DbContextOptionsBuilder<SqliteMotCuaDbContext>().UseSqlite(connectionString).Options);
}

[Collection(PostgresCollection.Name)]
public sealed class BackupRestoreTests_Postgres(PostgresApp app) : BackupRestoreTests(app)
{
    protected override async Task<string> BackupAndRestoreAsync(string connectionString)
    {
        var cluster = await PostgresCluster.GetSharedAsync();
        var source = new NpgsqlConnectionStringBuilder(connectionString);
        var dump = Path.Combine(Path.GetTempPath(), $"motcua-{Guid.NewGuid():N}.dump");
        var restored = await cluster.CreateDatabaseAsync("restored");
        try
        {
            await RunAsync(cluster, "pg_dump", "-Fc", "-f", dump, source.Database!);
            await RunAsync(cluster, "pg_restore", "--no-owner", "-d", new NpgsqlConnectionStringBuilder(restored).Database!, dump);
        }
        finally { File.Delete(dump); }
        return restored;
    }

    protected override MotCuaDbContext Open(string connectionString) =>
        new PostgresMotCuaDbContext(new DbContextOptionsBuilder<PostgresMotCuaDbContext>().UseNpgsql(connectionString).Options);

    private static async Task RunAsync(PostgresCluster cluster, string tool, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(cluster.BinDirectory, tool))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-h", PostgresCluster.Host, "-p", cluster.Port.ToString(), "-U", PostgresCluster.Superuser }.Concat(args))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await error}");
    }
}
