using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Accounts;

/// <summary>The external e-ID provider (<c>Authentication:Oidc</c>): any standard OpenID Connect provider.</summary>
public sealed class EidSignInOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The provider's issuer address; the sign-in is offered only when it is set.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string Scopes { get; set; } = "openid profile phone";
    /// <summary>The <c>acr</c> values that mean level 1 and level 2 (e-ID levels of Decree 69/2024); others give level 0.</summary>
    public string[] AcrLevel1 { get; set; } = [EidDemoProvider.AcrLevel1];
    public string[] AcrLevel2 { get; set; } = [EidDemoProvider.AcrLevel2];
    /// <summary>The claim with the person's ID number, if the provider gives one.</summary>
    public string IdNumberClaim { get; set; } = EidDemoProvider.IdNumberClaim;
    /// <summary>HTTPS for the provider's metadata; may be off only outside Production (the demo provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public int LevelOf(string? acr) =>
        acr is null ? 0 : AcrLevel2.Contains(acr, StringComparer.Ordinal) ? 2 : AcrLevel1.Contains(acr, StringComparer.Ordinal) ? 1 : 0;
}

/// <summary>
/// Citizen sign-in through the e-ID provider: the standard OpenID Connect handler (authorization code with PKCE) signs the
/// person into Identity's external cookie; the callback finds or creates the citizen's account, linked by the provider's
/// subject as an Identity external login, sets its e-ID level from the <c>acr</c> claim at every sign-in, and signs in
/// with the normal Identity cookie.
/// </summary>
public static class EidSignIn
{
    public const string Scheme = "eid";
    public const string CallbackPath = "/signin-eid";
    public const string StartPath = "/dang-nhap/dinh-danh";
    public const string DonePath = "/dang-nhap/dinh-danh/xong";

    public static IServiceCollection AddEidSignIn(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var options = config.GetSection(EidSignInOptions.Section).Get<EidSignInOptions>() ?? new EidSignInOptions();
        services.AddSingleton(options);
        if (config.GetValue<bool>($"{EidDemoProvider.Section}:InProcess"))
        {
            if (env.IsProduction()) throw new InvalidOperationException($"{EidDemoProvider.Section}:InProcess must not be on in Production.");
            services.AddHostedService<EidDemoProviderService>();
        }
        if (!options.Enabled) return services;
        if (!options.RequireHttpsMetadata && env.IsProduction())
            throw new InvalidOperationException("Authentication:Oidc:RequireHttpsMetadata must stay on in Production.");

        services.AddAuthentication().AddOpenIdConnect(Scheme, "e-ID", o =>
        {
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.UsePkce = true;
            // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be SameSite=Lax.
            o.ResponseMode = "query";
            o.CallbackPath = CallbackPath;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            // The handler drops acr by default; its value is the assurance level.
            o.ClaimActions.Remove("acr");
            o.TokenValidationParameters.NameClaimType = "name";
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }
            o.Events.OnTokenValidated = context =>
            {
                // Identity's external login reads the subject as the name identifier.
                if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst("sub") is { } sub)
                    identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, sub.Value, ClaimValueTypes.String, sub.Issuer));
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EidSignIn))
                    .LogWarning(context.Failure, "e-ID sign-in failed");
                context.Response.Redirect("/dang-nhap?eid=loi");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }

    public static void MapEidSignIn(this IEndpointRouteBuilder app)
    {
        // A form post with an anti-forgery token (the button of the sign-in page), so another site cannot start it.
        app.MapPost(StartPath, async (HttpContext http, IAntiforgery antiforgery, EidSignInOptions options, SignInManager<AppUser> signIn) =>
        {
            if (!options.Enabled) return Results.NotFound();
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var returnUrl = http.Request.Form["ReturnUrl"].ToString();
            var done = DonePath + (PageEndpoints.IsLocal(returnUrl) ? "?ReturnUrl=" + Uri.EscapeDataString(returnUrl) : "");
            var properties = signIn.ConfigureExternalAuthenticationProperties(Scheme, done);
            return Results.Challenge(properties, [Scheme]);
        }).ExcludeFromDescription();

        app.MapGet(DonePath, async (HttpContext http, string? returnUrl, EidSignInOptions options, SignInManager<AppUser> signIn,
            EidAccounts accounts) =>
        {
            if (!options.Enabled) return Results.NotFound();
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null) return Results.Redirect("/dang-nhap?eid=loi");
            var user = await accounts.FindOrCreateAsync(info, http.RequestAborted);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (user is null || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user))
                return Results.Redirect("/dang-nhap?eid=loi");
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme);
            return Results.LocalRedirect(PageEndpoints.IsLocal(returnUrl) ? returnUrl! : "/ho-so-cua-toi");
        }).ExcludeFromDescription();
    }
}

/// <summary>Finds or creates the citizen account of an e-ID sign-in and brings its level, name and ID number up to date.</summary>
public sealed class EidAccounts(MotCuaDbContext db, UserManager<AppUser> users, EidSignInOptions options, ILogger<EidAccounts> log)
{
    public async Task<AppUser?> FindOrCreateAsync(ExternalLoginInfo info, CancellationToken ct)
    {
        var principal = info.Principal;
        var level = options.LevelOf(principal.FindFirstValue("acr"));
        var name = principal.FindFirstValue("name");
        var idNumber = principal.FindFirstValue(options.IdNumberClaim);
        var phone = principal.FindFirstValue("phone_number");
        AppUser? user = null;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
            var created = user is null;
            if (user is null)
            {
                user = new AppUser { UserName = "eid-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), EmailConfirmed = false };
                Apply(user, level, name, idNumber, phone);
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, Roles.Citizen));
                Check(await users.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, "e-ID")));
            }
            else
            {
                Apply(user, level, name, idNumber, phone);
                Check(await users.UpdateAsync(user));
            }
            await tx.CommitAsync(ct);
            log.LogInformation("e-ID sign-in of account {User} ({Created}), level {Level}", user.UserName, created ? "created" : "existing", level);
        });
        return user;
    }

    private static void Apply(AppUser user, int level, string? name, string? idNumber, string? phone)
    {
        user.EidLevel = level;
        if (!string.IsNullOrWhiteSpace(name)) user.FullName = name.Trim();
        if (!string.IsNullOrWhiteSpace(idNumber)) user.IdNumber = idNumber.Trim();
        if (!string.IsNullOrWhiteSpace(phone)) user.PhoneNumber = phone.Trim();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
    }
}
