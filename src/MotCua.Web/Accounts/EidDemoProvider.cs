using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MotCua.Web.Accounts;

/// <summary>
/// A small standard OpenID Connect provider for demos and tests, built on the OpenIddict server (authorization code flow
/// with PKCE, signed ID tokens, discovery and keys): it stands in for the national e-ID. Its sign-in page lets the tester
/// pick a demo person and an assurance level, and the ID token carries <c>sub</c>, <c>name</c>, <c>acr</c>,
/// <c>id_number</c> and <c>phone_number</c>. It runs as a process of its own
/// (<c>dotnet run --project src/MotCua.Web -- eid-provider --urls URL</c>) or, in Development, beside the app in the same
/// process (<see cref="EidDemoProviderService"/>). Its clients, codes and keys live in memory: a restart forgets them.
/// </summary>
public static class EidDemoProvider
{
    public const string Command = "eid-provider";
    public const string Section = "EidDemoProvider";
    public const string AcrLevel1 = "urn:motcua:eid:loa:1";
    public const string AcrLevel2 = "urn:motcua:eid:loa:2";
    public const string IdNumberClaim = "id_number";

    /// <summary>The demo people (made-up names and numbers) the tester may sign in as.</summary>
    public static readonly IReadOnlyList<(string Subject, string Name, string IdNumber, string Phone)> People =
    [
        ("eid-demo-0001", "Trần Thị Bích", "089186001122", "0911000111"),
        ("eid-demo-0002", "Nguyễn Văn Cường", "089090003344", "0911000222"),
        ("eid-demo-0003", "Lê Thị Dung", "087195005566", "0911000333"),
    ];

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Command;

    /// <summary>
    /// Builds the provider host; <paramref name="args"/> are host arguments such as <c>--urls</c> and
    /// <c>--EidDemoProvider:RedirectUris=URL;URL</c>. The one client is <c>EidDemoProvider:ClientId</c> /
    /// <c>ClientSecret</c> (default <c>motcua</c> / <c>motcua-eid-demo-secret</c>).
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var section = builder.Configuration.GetSection(Section);
        // One named in-memory database that lives as long as the host keeps this connection open.
        var keepAlive = new SqliteConnection($"Data Source=eid-demo-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        keepAlive.Open();
        builder.Services.AddSingleton(keepAlive);
        builder.Services.AddDbContext<EidDemoDbContext>(o =>
        {
            o.UseSqlite(keepAlive.ConnectionString);
            o.UseOpenIddict();
        });
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<EidDemoDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Phone);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    // A demo on loopback HTTP; production uses the national e-ID over HTTPS.
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddAuthentication();

        var app = builder.Build();
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi");
            o.SupportedCultures = MotCua.Web.Infrastructure.HostSetup.Cultures;
            o.SupportedUICultures = MotCua.Web.Infrastructure.HostSetup.Cultures;
        });
        app.UseAuthentication();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        // As a Delegate: the RequestDelegate overload would drop the IResult.
        app.MapPost("/connect/token", (Delegate)TokenAsync);

        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<EidDemoDbContext>().Database.EnsureCreated();
            var redirects = (section["RedirectUris"] ?? "http://localhost:5008/signin-eid")
                .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = section["ClientId"] ?? "motcua",
                ClientSecret = section["ClientSecret"] ?? "motcua-eid-demo-secret",
                ClientType = ClientTypes.Confidential,
                DisplayName = "MotCua",
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile, Permissions.Scopes.Phone,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in redirects) descriptor.RedirectUris.Add(new Uri(uri));
            scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor).AsTask().GetAwaiter().GetResult();
        }
        app.Lifetime.ApplicationStopped.Register(keepAlive.Dispose);
        return app;
    }

    /// <summary>Lets the client come back to one more address (tests whose app port is known only after it started).</summary>
    public static async Task AllowRedirectUriAsync(WebApplication provider, string clientId, Uri redirectUri)
    {
        await using var scope = provider.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await manager.FindByClientIdAsync(clientId) ?? throw new InvalidOperationException($"No client {clientId}.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, application);
        descriptor.RedirectUris.Add(redirectUri);
        await manager.UpdateAsync(application, descriptor);
    }

    /// <summary>
    /// GET (after OpenIddict validated the client, redirect address and PKCE challenge): the page where the tester picks
    /// a person and a level. POST of that page: the code goes back to the client.
    /// </summary>
    private static IResult Authorize(HttpContext http, IStringLocalizer<Messages> t)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var chosen = http.Request.HasFormContentType ? http.Request.Form["person"].ToString() : "";
        var level = http.Request.HasFormContentType ? http.Request.Form["level"].ToString() : "";
        var person = People.FirstOrDefault(p => p.Subject == chosen);
        if (person.Subject is null || level is not ("1" or "2"))
            return Results.Content(PickerPage(http, request, t, error: http.Request.HasFormContentType), "text/html; charset=utf-8");

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject)
            .SetClaim(Claims.Name, person.Name)
            .SetClaim("acr", level == "2" ? AcrLevel2 : AcrLevel1)
            .SetClaim(IdNumberClaim, person.IdNumber)
            .SetClaim(Claims.PhoneNumber, person.Phone);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The code exchange: the principal stored in the (validated) code is issued as tokens.</summary>
    private static async Task<IResult> TokenAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType())
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is null)
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        return Results.SignIn(result.Principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string PickerPage(HttpContext http, OpenIddictRequest request, IStringLocalizer<Messages> t, bool error)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(E(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(t["EidDemo.Title"])).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;line-height:1.5}")
            .Append("fieldset{margin:1rem 0}label{display:block;padding:.4rem 0}button{font-size:1rem;padding:.6rem 1.2rem}.alert{color:#a00}</style>")
            .Append("</head><body><h1>").Append(E(t["EidDemo.Title"])).Append("</h1><p>").Append(E(t["EidDemo.Intro"])).Append("</p>");
        if (error) html.Append("<p class=\"alert\" role=\"alert\">").Append(E(t["EidDemo.ChooseBoth"])).Append("</p>");
        html.Append("<form method=\"post\" action=\"").Append(E(http.Request.PathBase + http.Request.Path)).Append("\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is "person" or "level") continue;
            html.Append("<input type=\"hidden\" name=\"").Append(E(name)).Append("\" value=\"").Append(E((string?)value)).Append("\">");
        }
        html.Append("<fieldset><legend>").Append(E(t["EidDemo.Person"])).Append("</legend>");
        foreach (var p in People)
            html.Append("<label><input type=\"radio\" name=\"person\" value=\"").Append(E(p.Subject)).Append("\"> ")
                .Append(E(p.Name)).Append(" — ").Append(E(p.IdNumber)).Append("</label>");
        html.Append("</fieldset><fieldset><legend>").Append(E(t["EidDemo.Level"])).Append("</legend>");
        foreach (var l in new[] { "1", "2" })
            html.Append("<label><input type=\"radio\" name=\"level\" value=\"").Append(l).Append("\"> ")
                .Append(E(t["EidDemo.Level" + l])).Append("</label>");
        html.Append("</fieldset><p><button type=\"submit\">").Append(E(t["EidDemo.Continue"])).Append("</button></p></form></body></html>");
        return html.ToString();
    }
}

/// <summary>The demo provider's own in-memory store of OpenIddict clients, codes and tokens (not MotCua's database).</summary>
public sealed class EidDemoDbContext(DbContextOptions<EidDemoDbContext> options) : DbContext(options);

/// <summary>
/// Development: runs the demo provider beside the app, on <c>EidDemoProvider:Urls</c>, so that the e-ID sign-in button
/// works with a plain <c>dotnet run</c>.
/// </summary>
public sealed class EidDemoProviderService(IConfiguration config, ILogger<EidDemoProviderService> log) : IHostedService
{
    private WebApplication? _provider;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var section = config.GetSection(EidDemoProvider.Section);
        var args = new List<string> { "--urls", section["Urls"] ?? "http://localhost:5009" };
        foreach (var key in new[] { "RedirectUris", "ClientId", "ClientSecret" })
            if (section[key] is { Length: > 0 } value) args.Add($"--{EidDemoProvider.Section}:{key}={value}");
        _provider = EidDemoProvider.Build([.. args]);
        await _provider.StartAsync(cancellationToken);
        log.LogInformation("e-ID demo provider listening on {Urls}", string.Join(", ", _provider.Urls));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_provider is null) return;
        await _provider.StopAsync(cancellationToken);
        await _provider.DisposeAsync();
    }
}
