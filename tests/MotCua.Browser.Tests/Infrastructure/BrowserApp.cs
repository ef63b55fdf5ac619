using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MotCua.Browser.Tests.Infrastructure;

/// <summary>
/// The real MotCua host on Kestrel (a real loopback port) over a fresh SQLite file, in demo mode with the sample dossiers,
/// for journeys in headless Chromium. One per test collection; each test opens its own browser (fresh cookies).
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Browser-Test-2025";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"motcua-browser-{Guid.NewGuid():N}.db");

    public string BaseUrl { get; private set; } = "";

    public Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            try { File.Delete(f); } catch (IOException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:MotCua", $"Data Source={_file}");
        builder.UseSetting("MotCua:Demo:Enabled", "true");
        builder.UseSetting("MotCua:Demo:SampleDossiers", "true");
        builder.UseSetting("MotCua:Seed:DemoPassword", Password);
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        builder.UseSetting("RateLimits:LoginPerMinute", "100000");
        builder.UseSetting("RateLimits:PublicTrackingPerMinute", "100000");
    }

    /// <summary>A new headless Chromium at the given window width, with its own profile.</summary>
    public Browser OpenBrowser(int width = 1280, int height = 900) => new(BaseUrl, width, height);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
