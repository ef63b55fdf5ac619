using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.DataProtection;
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
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Demo;
using MotCua.Web.Dossiers;
using MotCua.Web.Integrations;
using MotCua.Web.Statistics;
using MotCua.Web.Registers;
using MotCua.Web.Units;

namespace MotCua.Web.Infrastructure;

/// <summary>Service registration and the request pipeline of the MotCua host.</summary>
public static class HostSetup
{
    public static readonly CultureInfo[] Cultures = [new("vi"), new("en"), new("fr")];
    private const string PolicyScheme = "MotCua";

    public static WebApplicationBuilder AddMotCua(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddMotCuaDatabase(config, builder.Environment);
        services.AddMemoryCache();
        services.AddSingleton<CalendarProvider>();
        services.AddSingleton<ReferenceDataCache>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<ProblemResults>();
        services.AddScoped<ReceiveDossier>();
        services.AddSingleton<IntakeKeyExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeKeyExpiry>());
        services.AddScoped<ActOnDossier>();
        services.AddScoped<UploadDocument>();
        services.AddScoped<DataAccessAudit>();
        services.AddScoped<AssistedConsents>();
        // Consent codes: through the HTTP gateway when Sms:Gateway:Url is set (any environment); otherwise recorded, not sent,
        // outside Production; in Production without a gateway, consent by phone code answers that SMS is not available.
        services.Configure<SmsGatewayOptions>(config.GetSection(SmsGatewayOptions.Section));
        var sms = config.GetSection(SmsGatewayOptions.Section).Get<SmsGatewayOptions>() ?? new SmsGatewayOptions();
        if (sms.Enabled)
        {
            if (!Uri.TryCreate(sms.Url, UriKind.Absolute, out var smsUrl) || (smsUrl.Scheme != Uri.UriSchemeHttps && smsUrl.Scheme != Uri.UriSchemeHttp))
                throw new InvalidOperationException("Sms:Gateway:Url must be an absolute http(s) URL.");
            if (builder.Environment.IsProduction() && smsUrl.Scheme != Uri.UriSchemeHttps)
                throw new InvalidOperationException("Sms:Gateway:Url must use https in Production.");
            services.AddHttpClient<HttpSmsSender>(http => http.Timeout = TimeSpan.FromSeconds(Math.Max(1, sms.TimeoutSeconds)));
            services.AddTransient<ISmsSender>(sp => sp.GetRequiredService<HttpSmsSender>());
        }
        else if (!builder.Environment.IsProduction()) services.AddSingleton<ISmsSender, RecordingSmsSender>();
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = UploadDocument.MaxFormRequestBytes);
        // The province administrator's use cases, shared by the admin pages and the API endpoints.
        services.AddScoped<MotCua.Web.Administration.AddProcedureVersion>();
        services.AddScoped<MotCua.Web.Administration.SaveCalendarYear>();
        services.AddScoped<MotCua.Web.Administration.ReceptionPointAdmin>();
        services.AddScoped<MotCua.Web.Administration.StaffAccounts>();
        services.AddScoped<MotCua.Web.Administration.StaffAccountImport>();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Unreadable bodies throw, so the handler above answers them as validation problems.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1");
        services.AddMotCuaRateLimits(config);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Converters.Add(new VietnamDateTimeOffsetConverter());
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
            .AddSignInManager()
            // TOTP (RFC 6238) two-factor for leaders and province administrators (Accounts/TwoFactor.cs), each code good once.
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<AppUserClaimsFactory>();

        var key = TokenIssuer.LoadKey(config, builder.Environment);
        var lifetime = TimeSpan.FromMinutes(config.GetValue("Jwt:LifetimeMinutes", 480));
        // Tokens follow the real clock: JwtBearer validates lifetimes against it, whatever TimeProvider the domain uses.
        services.AddSingleton(new TokenIssuer(key, TimeProvider.System, lifetime));
        // The API (/api/...) takes bearer tokens only, so a browser's cookie can never be used against it (no CSRF);
        // the pages use the Identity cookie.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "API bearer or page cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(o =>
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
        // One data-protection key ring for every node, in the database (sign-in cookies and anti-forgery tokens made on one
        // node are read on the others), each key encrypted with the personal-data key.
        services.AddDataProtection().SetApplicationName("MotCua").PersistKeysToDbContext<MotCuaDbContext>();
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
            o.XmlEncryptor = new MotCua.Data.Protection.KeyRingXmlEncryptor());
        services.AddAuthentication().AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
        {
            o.LoginPath = "/dang-nhap";
            o.AccessDeniedPath = "/khong-co-quyen";
            o.Cookie.Name = "motcua.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        }));
        services.AddEidSignIn(config, builder.Environment);
        services.AddScoped<EidAccounts>();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents();
        // Vietnamese text stays readable (and small) in the HTML instead of becoming numeric entities.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o => o.Cookie.Name = "motcua.af");
        services.Configure<DemoOptions>(config.GetSection("MotCua:Demo"));
        services.AddMotCuaIntegrations(config, builder.Environment);
        services.AddMotCuaStatistics();
        services.AddMotCuaRegisters();
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
            var eid = app.Configuration.GetValue<bool>($"{EidDemoProvider.Section}:InProcess") ? app.Configuration[$"{EidDemoProvider.Section}:Urls"] : null;
            app.Lifetime.ApplicationStarted.Register(() => DemoSeeder.PrintBanner(app.Urls, accounts, eidProvider: eid));
        }
        // The statistics observer reads the province map inside every intake: load it now, not under the first requests.
        await sp.GetRequiredService<StatisticsScopes>().WarmAsync(app.Lifetime.ApplicationStopping);
        if (await ActivatorUtilities.CreateInstance<RebuildStatistics>(sp).IfMissingAsync(app.Lifetime.ApplicationStopping) is { } rebuilt)
            log.LogInformation("{Report}", rebuilt);
    }

    public static WebApplication UseMotCua(this WebApplication app)
    {
        // Behind nginx (docs/operations.md) the client's address and scheme come from the proxy's X-Forwarded-* headers, and
        // are believed only from the proxies listed in Network:KnownProxies (the rate limits and the audit key on the address).
        if (app.Configuration["Network:KnownProxies"] is { Length: > 0 } proxies)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            foreach (var proxy in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            app.UseForwardedHeaders(forwarded);
        }
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // Forms with files (online submission, counter intake, uploads) may be as large as the upload rules allow.
        app.Use(static (context, next) =>
        {
            if (context.Request.HasFormContentType
                && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = UploadDocument.MaxFormRequestBytes;
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseStaticFiles();
        app.UseAuthentication();
        // Before authorization: an account held on the password change or the two-factor enrolment goes there whatever
        // it asked for, even a page its role may not see.
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json");

        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapUnitEndpoints();
        api.MapReceptionPointEndpoints();
        api.MapProcedureEndpoints();
        api.MapCalendarEndpoints();
        api.MapDossierEndpoints();
        api.MapConsentEndpoints();
        api.MapIntegrationEndpoints();
        api.MapStatisticsEndpoints();
        api.MapRegisterEndpoints();
        api.MapAuditEndpoints();
        MotCua.Web.Administration.AccountEndpoints.MapAccountEndpoints(api);
        app.MapPartnerSimulators();
        app.MapPageEndpoints();
        app.MapEidSignIn();
        app.MapRazorComponents<MotCua.Web.Components.App>();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        return app;
    }
}
