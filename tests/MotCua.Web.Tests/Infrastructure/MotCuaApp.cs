using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;

namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// The real MotCua host in process, on a fresh database of one provider, with demo accounts and a controllable clock.
/// One instance per provider is shared by every API test class (xunit collection fixture); tests create their own dossiers.
/// </summary>
public abstract class MotCuaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test-Password-2025";
    /// <summary>The JWT signing key of the test hosts (the same on every node, so a token works on each).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray());
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    /// <summary>Every log message of the host (request logging included) while a test records.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The domain clock. Runs with the real time until a test sets it.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>"Sqlite" (a fresh file in the temp folder, deleted at the end) or "Postgres" (a fresh database of the shared cluster).</summary>
    public abstract string Provider { get; }
    private string? _sqliteFile;

    private async Task<string> CreateConnectionStringAsync()
    {
        if (Provider == "Postgres") return await (await PostgresCluster.GetSharedAsync()).CreateDatabaseAsync();
        _sqliteFile = Path.Combine(Path.GetTempPath(), $"motcua-test-{Guid.NewGuid():N}.db");
        return $"Data Source={_sqliteFile}";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqliteFile is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            try { File.Delete(f); } catch (IOException) { }
    }
    private string _connectionString = "";

    /// <summary>The database of this host, for tests that look at raw rows.</summary>
    public string ConnectionString => _connectionString;

    public virtual async Task InitializeAsync()
    {
        _connectionString = await CreateConnectionStringAsync();
        _ = Services; // builds the host: migrates and seeds
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:MotCua", _connectionString);
        builder.UseSetting("MotCua:Demo:Enabled", "true");
        builder.UseSetting("MotCua:Demo:SampleDossiers", "false");
        builder.UseSetting("MotCua:Seed:DemoPassword", Password);
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("RateLimits:LoginPerMinute", "100000");
        builder.UseSetting("RateLimits:PublicTrackingPerMinute", "100000");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            // This provider alone hears every category at Information, the request logging ("Request starting …") included.
            logging.AddFilter<LogCapture>(null, Microsoft.Extensions.Logging.LogLevel.Information);
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFilter>();
        });
    }

    /// <summary>An HTTP client signed in as the user (token cached), or anonymous when userName is null.</summary>
    public async Task<HttpClient> ClientAsync(string? userName = null, string? language = null)
    {
        var client = CreateClient();
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        if (userName is null) return client;
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
            // An enrolled leader or administrator (EnsureUserAsync enrols them): the code of the host's clock, as their app shows it.
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && await AuthenticatorKeyAsync(userName) is { } key)
                response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new
                {
                    userName, password = Password,
                    code = OneUseAuthenticatorTokenProvider.Code(OneUseAuthenticatorTokenProvider.Base32Decode(key), Clock.GetUtcNow().ToUnixTimeSeconds() / 30),
                });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<LoginResult>())!.AccessToken;
            _tokens[userName] = token;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Creates an extra account (idempotent) for tests that need more than the demo ones. A Leader or ProvinceAdmin is
    /// enrolled in two-factor (they may not use the app otherwise) unless <paramref name="enrolTwoFactor"/> is false;
    /// <see cref="ClientAsync"/> signs them in with a code.
    /// </summary>
    public async Task EnsureUserAsync(string userName, string role, string? unitCode, string provinceCode, int eidLevel = 2, bool enrolTwoFactor = true)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null) return;
        var user = new AppUser { UserName = userName, FullName = userName, UnitCode = unitCode, ProvinceCode = provinceCode, EidLevel = eidLevel };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        if (enrolTwoFactor && TwoFactor.IsRequiredFor([role]))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
    }

    private async Task<string?> AuthenticatorKeyAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByNameAsync(userName) is { TwoFactorEnabled: true } user ? await users.GetAuthenticatorKeyAsync(user) : null;
    }

    public T WithDb<T>(Func<MotCuaDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>());
    }

    private sealed record LoginResult(string AccessToken, int ExpiresIn);
}

/// <summary>
/// The in-process test server has no network peer: requests get the client address 127.0.0.1, or the one named in the
/// <see cref="Header"/> header, so per-address rules (rate limits, the audit's "from where") are exercised.
/// </summary>
public sealed class ClientAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((Microsoft.AspNetCore.Http.HttpContext http, Func<Task> following) =>
        {
            http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(
                http.Request.Headers.TryGetValue(Header, out var value) ? value.ToString() : "127.0.0.1");
            return following();
        });
        next(app);
    };
}

public sealed class SqliteApp : MotCuaApp
{
    public override string Provider => "Sqlite";
}

public sealed class PostgresApp : MotCuaApp
{
    public override string Provider => "Postgres";
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}
