using Microsoft.EntityFrameworkCore;
using MotCua.Data;

namespace MotCua.Web.Infrastructure;

/// <summary>Chooses the database provider from configuration: SQLite (embedded, default) or PostgreSQL.</summary>
public static class DatabaseSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    public static IServiceCollection AddMotCuaDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        ConfigurePersonalData(config, env);
        var provider = config["Database:Provider"] ?? SqliteProvider;
        var connectionString = config.GetConnectionString("MotCua");
        if (provider.Equals(PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:MotCua is empty. Set ConnectionStrings__MotCua.");
            // Pooled: a request reuses a context instead of building its options and services (measured at 10 M dossiers:
            // that was a large share of a public tracking request's CPU). The context holds no state of its own across
            // requests (MotCuaDbContext.ExecuteAfterSave keys its queue by transaction).
            connectionString = WithPoolDefaults(connectionString);
            services.AddDbContextPool<PostgresMotCuaDbContext>(o => o.UseNpgsql(connectionString,
                npgsql => npgsql.EnableRetryOnFailure(3)).AddInterceptors(AfterSaveRider.Instance));
            services.AddScoped<MotCuaDbContext>(sp => sp.GetRequiredService<PostgresMotCuaDbContext>());
        }
        else if (provider.Equals(SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var dataDir = Path.Combine(env.ContentRootPath, "data");
                Directory.CreateDirectory(dataDir);
                connectionString = $"Data Source={Path.Combine(dataDir, "motcua.db")}";
            }
            services.AddDbContextPool<SqliteMotCuaDbContext>(o => o.UseSqlite(connectionString,
                sqlite => sqlite.CommandTimeout(60)));
            services.AddScoped<MotCuaDbContext>(sp => sp.GetRequiredService<SqliteMotCuaDbContext>());
        }
        else
        {
            throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use Sqlite or Postgres.");
        }
        return services;
    }

    /// <summary>
    /// The app's choices for Npgsql's connections, unless the connection string says otherwise (measured with the scale
    /// bench, public tracking at 1,000/s, 200 k dossiers: the server's CPU per lookup 0.69 ms → 0.65 → 0.17 ms, p99 10.8 →
    /// 5.3 ms; online submission 1.50 ms of server CPU instead of 2.04):
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c> 32: a statement used often is prepared on its connection, so the server no longer
    /// parses and plans the same few statements on every request.</item>
    /// <item><c>No Reset On Close</c>: a connection handed back to the pool is not reset (a <c>DISCARD ALL</c> the server
    /// ran at the start of the next use, which also dropped the prepared statements). Safe because nothing in the app
    /// changes session state: no session <c>SET</c>, advisory locks, <c>LISTEN</c> or temporary tables.</item>
    /// </list>
    /// </summary>
    public static string WithPoolDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!given.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (!given.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;
    }

    /// <summary>Applies the provider's migrations; on SQLite switches to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(MotCuaDbContext db, CancellationToken ct = default)
    {
        if (!db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
        await MotCua.Data.Protection.PersonalDataBackfill.RunAsync(db, ct);
        await MotCua.Data.RegisterRelativesBackfill.RunAsync(db, ct);
    }

    /// <summary>
    /// The development key of personal data encryption: used in Development and Testing when no key is configured.
    /// It is public, so Production refuses to start without <c>MotCua:PersonalData:Key</c>.
    /// </summary>
    public const string DevelopmentPersonalDataKey = "bW90Y3VhLWRldmVsb3BtZW50LWtleS1ub3Qtc2VjciE=";

    /// <summary>Sets the process's personal data cipher from <c>MotCua:PersonalData:Key</c> (base64 of 32 random bytes).</summary>
    public static void ConfigurePersonalData(IConfiguration config, IHostEnvironment env)
    {
        var key = config["MotCua:PersonalData:Key"];
        if (string.IsNullOrWhiteSpace(key))
        {
            if (env.IsProduction())
                throw new InvalidOperationException(
                    "MotCua:PersonalData:Key is required in Production (base64 of 32 random bytes: openssl rand -base64 32). " +
                    "Keep it outside the database and back it up: without it the ID numbers and form data cannot be read.");
            key = DevelopmentPersonalDataKey;
        }
        byte[] bytes;
        try { bytes = Convert.FromBase64String(key); }
        catch (FormatException) { throw new InvalidOperationException("MotCua:PersonalData:Key is not base64."); }
        MotCua.Data.Protection.PersonalDataCipher.Current = new MotCua.Data.Protection.PersonalDataCipher(bytes);
    }
}
