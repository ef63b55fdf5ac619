using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using MotCua.Data.Entities;

namespace MotCua.Web.Accounts;

/// <summary>
/// First sign-in of an account made with a one-time password (bulk creation, <c>Administration/StaffAccountImport.cs</c>):
/// the account carries the user claim <see cref="ClaimType"/> until its holder sets a password of their own. The claim
/// rides on the page cookie and the bearer token; while it is there, the pages send every request to
/// <see cref="PagePath"/> and the API refuses every call (403) but <c>POST /auth/password</c> and <c>GET /me</c>.
/// </summary>
public static class PasswordChange
{
    public const string ClaimType = "must_change_password";
    public const string PagePath = "/doi-mat-khau";

    public static Claim Claim => new(ClaimType, "1");

    public static bool IsRequired(ClaimsPrincipal principal) => principal.HasClaim(ClaimType, "1");

    public static async Task<bool> IsRequiredAsync(UserManager<AppUser> users, AppUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == ClaimType);

    /// <summary>Sets the new password (checked by Identity's validators) and lifts the requirement.</summary>
    public static async Task<IdentityResult> ChangeAsync(UserManager<AppUser> users, AppUser user, string current, string next)
    {
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return result;
        foreach (var claim in (await users.GetClaimsAsync(user)).Where(c => c.Type == ClaimType).ToList())
            await users.RemoveClaimAsync(user, claim);
        return IdentityResult.Success;
    }

    private static readonly string[] OpenApi = ["/api/v1/auth/password", "/api/v1/me", "/api/v1/auth/login"];
    private static readonly string[] OpenPages = [PagePath, "/dang-xuat", "/dang-nhap", "/ngon-ngu", "/css", "/js", "/health"];

    /// <summary>
    /// The gate: after authentication, before the endpoints. It also holds a leader or administrator who has not enrolled
    /// in two-factor (<see cref="TwoFactor.MustEnrol"/>, a claim of the page cookie only: the API gives them no token) on
    /// the enrolment page; the password change comes first.
    /// </summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true
            && (IsRequired(http.User) ? PagePath : TwoFactor.MustEnrol(http.User) ? TwoFactor.EnrolPath : null) is { } required)
        {
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api"))
            {
                if (!OpenApi.Any(p => path.StartsWithSegments(p)))
                {
                    var problems = http.RequestServices.GetRequiredService<Infrastructure.ProblemResults>();
                    await problems.Forbidden(required == PagePath ? "Auth.PasswordChangeRequired" : "Auth.TwoFactorEnrolRequired").ExecuteAsync(http);
                    return;
                }
            }
            else if (!path.StartsWithSegments(required) && !OpenPages.Any(p => path.StartsWithSegments(p)))
            {
                http.Response.Redirect(required);
                return;
            }
        }
        await next(http);
    });
}
