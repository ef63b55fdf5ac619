using Npgsql;
using Xunit.Abstractions;

namespace MotCua.Web.Tests.Infrastructure;

public class PostgresClusterTests(ITestOutputHelper output)
{
    [Fact]
    public void Shared_cluster_starts_and_answers_with_the_installed_version()
    {
        var cluster = PostgresCluster.Shared;
        output.WriteLine($"{cluster}, run as {cluster.RunAsUser ?? Environment.UserName}, started in {cluster.StartupTime.TotalSeconds:0.00} s: {cluster.ServerVersion}");

        Assert.Same(cluster, PostgresCluster.Shared);
        Assert.InRange(cluster.Port, 1, 65535);
        Assert.True(cluster.MajorVersion >= 10, cluster.ToString());
        Assert.Contains($"PostgreSQL {cluster.MajorVersion}", cluster.ServerVersion);

        using var connection = new NpgsqlConnection(cluster.AdminConnectionString);
        connection.Open();
        Assert.Equal($"PostgreSQL {cluster.MajorVersion}", Scalar<string>(connection, "SELECT version()")[..$"PostgreSQL {cluster.MajorVersion}".Length]);
        Assert.Equal("off", Scalar<string>(connection, "SHOW fsync"));
        Assert.Equal("200", Scalar<string>(connection, "SHOW max_connections"));
        Assert.Equal("UTC", Scalar<string>(connection, "SHOW timezone"));
        Assert.Equal("127.0.0.1", Scalar<string>(connection, "SHOW listen_addresses"));
        Assert.True(Scalar<bool>(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    }

    [Fact]
    public void Two_databases_are_separate()
    {
        var cluster = PostgresCluster.Shared;
        var first = cluster.CreateDatabase("separate");
        var second = cluster.CreateDatabase("separate");

        var firstName = new NpgsqlConnectionStringBuilder(first).Database;
        var secondName = new NpgsqlConnectionStringBuilder(second).Database;
        Assert.NotEqual(firstName, secondName);
        Assert.StartsWith("separate_", firstName);

        using (var connection = new NpgsqlConnection(first))
        {
            connection.Open();
            Assert.Equal(firstName, Scalar<string>(connection, "SELECT current_database()"));
            Execute(connection, "CREATE TABLE only_here (id int PRIMARY KEY, name text NOT NULL)");
            Execute(connection, "INSERT INTO only_here VALUES (1, 'Hồ sơ một cửa')");
            Assert.Equal("hồ sơ một cửa", Scalar<string>(connection, "SELECT lower(name) FROM only_here"));
        }

        using (var connection = new NpgsqlConnection(second))
        {
            connection.Open();
            Assert.Equal(secondName, Scalar<string>(connection, "SELECT current_database()"));
            Assert.False(Scalar<bool>(connection, "SELECT to_regclass('only_here') IS NOT NULL"));
            Execute(connection, "CREATE TABLE only_here (id int)"); // the name is free here
        }

        cluster.DropDatabase(first);
        cluster.DropDatabase(second);
        using var admin = new NpgsqlConnection(cluster.AdminConnectionString);
        admin.Open();
        Assert.Equal(0L, Scalar<long>(admin, $"SELECT count(*) FROM pg_database WHERE datname IN ('{firstName}', '{secondName}')"));
    }

    [Fact]
    public async Task Databases_can_be_created_concurrently()
    {
        var cluster = await PostgresCluster.GetSharedAsync();

        var connectionStrings = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cluster.CreateDatabaseAsync()));

        Assert.Equal(8, connectionStrings.Select(c => new NpgsqlConnectionStringBuilder(c).Database).Distinct().Count());
        foreach (var connectionString in connectionStrings)
        {
            Assert.Contains("Include Error Detail=True", connectionString, StringComparison.OrdinalIgnoreCase);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 40 + 2", connection);
            Assert.Equal(42, await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task A_private_cluster_is_deleted_on_dispose()
    {
        var cluster = await PostgresCluster.StartAsync();
        output.WriteLine($"private cluster started in {cluster.StartupTime.TotalSeconds:0.00} s");
        var root = cluster.RootDirectory;
        var connectionString = cluster.CreateDatabase();
        Assert.NotEqual(PostgresCluster.Shared.Port, cluster.Port);
        Assert.True(Directory.Exists(cluster.DataDirectory));

        await cluster.DisposeAsync();

        Assert.False(Directory.Exists(root));
        await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
        await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());
    }

    [Fact]
    public async Task A_cluster_left_behind_by_a_dead_process_is_swept()
    {
        var cluster = await PostgresCluster.StartAsync();
        try
        {
            // Pretend its owner was a test run that got killed: pid 0 never owns a folder.
            File.WriteAllText(Path.Combine(cluster.RootDirectory, "owner"), "0 0");

            PostgresCluster.SweepStaleClusters(Path.GetDirectoryName(cluster.RootDirectory)!, cluster.BinDirectory, cluster.RunAsUser);

            Assert.False(Directory.Exists(cluster.RootDirectory));
            await using var connection = new NpgsqlConnection(cluster.AdminConnectionString + ";Timeout=3;Pooling=false");
            await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());
            // The shared cluster belongs to a live process (this one) and survives the sweep.
            using var shared = new NpgsqlConnection(PostgresCluster.Shared.AdminConnectionString);
            shared.Open();
        }
        finally
        {
            cluster.Dispose();
        }
    }

    [Fact]
    public void Missing_binaries_fail_with_install_instructions()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), "motcua-no-postgres-" + Guid.NewGuid().ToString("N"));

        var fromOverride = Assert.Throws<InvalidOperationException>(() => PostgresCluster.FindBinDirectory(nowhere, "/usr/lib/postgresql", "/usr/bin"));
        Assert.Contains("PostgreSQL server binaries not found", fromOverride.Message);
        Assert.Contains("apt-get install -y postgresql", fromOverride.Message);

        var fromSearch = Assert.Throws<InvalidOperationException>(() => PostgresCluster.FindBinDirectory(null, nowhere, nowhere));
        Assert.Contains("PostgreSQL server binaries not found", fromSearch.Message);
        Assert.Contains("apt-get install -y postgresql", fromSearch.Message);
    }

    static T Scalar<T>(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
