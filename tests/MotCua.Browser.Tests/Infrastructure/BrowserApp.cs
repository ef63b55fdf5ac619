using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MotCua.Browser.Tests.Infrastructure;

/// <summary>
/// The real MotCua host on Kestrel (a real loopback port) over a fresh SQLite file, in demo mode with the sample dossiers,
/// for journeys in headless Chromium. One per test collection, with a pool of browsers: a journey borrows one (no
/// cookies, no storage, a blank page) and gives it back when it disposes it, so Chromium starts once per window size and
/// per browser a journey holds at the same time, not once per journey.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Browser-Test-2025";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"motcua-browser-{Guid.NewGuid():N}.db");

    private readonly Dictionary<(int Width, int Height), Stack<Browser>> _idle = [];
    private readonly List<Browser> _started = [];
    private readonly Lock _pool = new();

    public string BaseUrl { get; private set; } = "";

    /// <summary>The local OpenIddict e-ID provider the sign-in page's e-ID button goes to (a host of its own, loopback port).</summary>
    private Microsoft.AspNetCore.Builder.WebApplication? _eidProvider;
    public string EidProviderUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _eidProvider = MotCua.Web.Accounts.EidDemoProvider.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await _eidProvider.StartAsync();
        EidProviderUrl = _eidProvider.Urls.First();
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        // The app's port is known only now: let the provider send the browser back to it.
        await MotCua.Web.Accounts.EidDemoProvider.AllowRedirectUriAsync(_eidProvider, "motcua", new Uri(BaseUrl + MotCua.Web.Accounts.EidSignIn.CallbackPath));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        lock (_pool)
        {
            foreach (var browser in _started) browser.Quit();
            _started.Clear();
            _idle.Clear();
        }
        await base.DisposeAsync();
        if (_eidProvider is not null) await _eidProvider.DisposeAsync();
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
        builder.UseSetting("Authentication:Oidc:Authority", EidProviderUrl + "/");
        builder.UseSetting("Authentication:Oidc:ClientId", "motcua");
        builder.UseSetting("Authentication:Oidc:ClientSecret", "motcua-eid-demo-secret");
        builder.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
        // A line per request on the console costs the journeys time on a busy CI machine; warnings and errors still show.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>
    /// A headless Chromium at the given window size with nobody signed in: an idle one of the pool, else a new one.
    /// Dispose gives it back.
    /// </summary>
    public Browser OpenBrowser(int width = 1280, int height = 900)
    {
        var key = (width, height);
        Browser? browser = null;
        lock (_pool)
            if (_idle.TryGetValue(key, out var idle) && idle.Count > 0) browser = idle.Pop();
        if (browser is null)
        {
            browser = new Browser(BaseUrl, width, height);
            lock (_pool) _started.Add(browser);
        }
        browser.GiveBack = b =>
        {
            var reusable = b.TryReset();
            lock (_pool)
            {
                if (reusable && _started.Contains(b))
                {
                    if (!_idle.TryGetValue(key, out var stack)) _idle[key] = stack = new Stack<Browser>();
                    stack.Push(b);
                    return;
                }
                _started.Remove(b);
            }
            b.Quit();
        };
        return browser;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
