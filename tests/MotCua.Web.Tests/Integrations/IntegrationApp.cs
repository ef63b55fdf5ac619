using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Integrations;

/// <summary>
/// The host with the outbox worker on (node "node-a", polling every 50 ms) and the partner simulators on, on its own
/// database. The partner adapters are real typed HttpClients whose primary handler is this host's in-process TestServer:
/// messages travel as real HTTP requests to /simulators/{partner}/...
/// </summary>
public abstract class IntegrationApp : MotCuaApp
{
    public const string NodeA = "node-a";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Integrations:Enabled", "true");
        builder.UseSetting("Integrations:NodeId", NodeA);
        builder.UseSetting("Integrations:PollIntervalMs", "50");
        builder.UseSetting("Integrations:RequestTimeoutSeconds", "1");
        builder.UseSetting("Integrations:LeaseSeconds", "120");
        builder.UseSetting("Integrations:BackoffFirstSeconds", "5");
        builder.UseSetting("Integrations:BackoffMaxSeconds", "600");
        builder.UseSetting("Integrations:Breaker:MinimumThroughput", "5");
        builder.UseSetting("Integrations:Breaker:BreakSeconds", "30");
        builder.UseSetting("Integrations:Simulators:Enabled", "true");
        foreach (var partner in new[] { "portal", "civilStatus", "residence", "healthInsurance" })
            builder.UseSetting($"Integrations:Partners:{partner}:BaseUrl", $"http://localhost/simulators/{partner}/");
        builder.ConfigureServices(services => services.ConfigureHttpClientDefaults(http =>
            http.ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler())));
    }
}

public sealed class IntegrationSqliteApp : IntegrationApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"motcua-int-{Guid.NewGuid():N}.db");
    public override string Provider => "Sqlite";
    protected override Task<string> CreateConnectionStringAsync() => Task.FromResult($"Data Source={_file}");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            try { File.Delete(f); } catch (IOException) { }
    }
}

public sealed class IntegrationPostgresApp : IntegrationApp
{
    public override string Provider => "Postgres";
    protected override async Task<string> CreateConnectionStringAsync() =>
        await (await PostgresCluster.GetSharedAsync()).CreateDatabaseAsync();
}

[CollectionDefinition(Name)]
public sealed class IntegrationSqliteCollection : ICollectionFixture<IntegrationSqliteApp>
{
    public const string Name = "integrations-sqlite";
}

[CollectionDefinition(Name)]
public sealed class IntegrationPostgresCollection : ICollectionFixture<IntegrationPostgresApp>
{
    public const string Name = "integrations-postgres";
}
