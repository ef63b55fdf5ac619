using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using MotCua.Web.Integrations;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Integrations;

/// <summary>
/// The host with the outbox worker on (node "node-a", polling every 50 ms), on its own database, and the partner
/// simulators in a host of their own on a loopback port (<see cref="PartnerSimulatorHost"/>): the partner adapters send
/// real HTTP over TCP to them, as they would to the real partners.
/// </summary>
public abstract class IntegrationApp : MotCuaApp
{
    public const string NodeA = "node-a";
    private WebApplication? _simulators;

    /// <summary>The simulators' address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string SimulatorUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        _simulators = PartnerSimulatorHost.Build(["--urls", "http://127.0.0.1:0"]);
        await _simulators.StartAsync();
        SimulatorUrl = _simulators.Urls.First();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_simulators is not null) await _simulators.DisposeAsync();
        GC.SuppressFinalize(this);
    }

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
        foreach (var partner in Partners.All)
            builder.UseSetting($"Integrations:Partners:{partner}:BaseUrl", $"{SimulatorUrl}/simulators/{partner}/");
    }
}

public sealed class IntegrationSqliteApp : IntegrationApp
{
    public override string Provider => "Sqlite";
}

public sealed class IntegrationPostgresApp : IntegrationApp
{
    public override string Provider => "Postgres";
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
