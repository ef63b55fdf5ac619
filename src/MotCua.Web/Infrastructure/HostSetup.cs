using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.IdentityModel.Tokens;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Data.Seeding;
using MotCua.Web.Accounts;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Demo;
using MotCua.Web.Dossiers;
using MotCua.Web.Units;

namespace MotCua.Web.Infrastructure;

/// <summary>Service registration and the request pipeline of the MotCua host.</summary>
public static class HostSetup
{
    public static readonly CultureInfo[] Cultures = [new("vi"), new("en"), new("fr")];

    public static WebApplicationBuilder AddMotCua(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddMotCuaDatabase(config, builder.Environment);
        services.AddMemoryCache();
        services.AddSingleton<CalendarProvider>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<ProblemResults>();
        services.AddScoped<ReceiveDossier>();
        services.AddScoped<ActOnDossier>();
        services.AddScoped<UploadDocument>();
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        services.AddMotCuaRateLimits(config);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MotCuaDbContext>()
            .AddSignInManager();

        var key = TokenIssuer.LoadKey(config, builder.Environment);
        var lifetime = TimeSpan.FromMinutes(config.GetValue("Jwt:LifetimeMinutes", 480));
        // Tokens follow the real clock: JwtBearer validates lifetimes against it, whatever TimeProvider the domain uses.
        services.AddSingleton(new TokenIssuer(key, TimeProvider.System, lifetime));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Audience,
                IssuerSigningKey = key,
                NameClaimType = System.Security.Claims.ClaimTypes.Name,
                RoleClaimType = System.Security.Claims.ClaimTypes.Role,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });
        services.AddAuthorization();
        services.Configure<DemoOptions>(config.GetSection("MotCua:Demo"));
        return builder;
    }

    /// <summary>Migrates, loads reference data on first start and, in demo mode, the demo accounts and dossiers.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<MotCuaDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("MotCua.Startup");
        await DatabaseSetup.MigrateAsync(db);
        await ReferenceDataSeeder.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), log);
        var demo = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value;
        if (demo.Enabled)
        {
            if (app.Environment.IsProduction())
                throw new InvalidOperationException("MotCua:Demo:Enabled must not be on in Production.");
            var accounts = await ActivatorUtilities.CreateInstance<DemoSeeder>(sp).SeedAsync(app.Lifetime.ApplicationStopping);
            app.Lifetime.ApplicationStarted.Register(() => DemoSeeder.PrintBanner(app.Urls, accounts));
        }
    }

    public static WebApplication UseMotCua(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");

        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapUnitEndpoints();
        api.MapReceptionPointEndpoints();
        api.MapProcedureEndpoints();
        api.MapCalendarEndpoints();
        api.MapDossierEndpoints();
        app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        return app;
    }
}
