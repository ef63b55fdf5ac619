using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using MotCua.Core.Catalog;
using MotCua.Data.Entities;
using MotCua.Web.Demo;

namespace MotCua.Web.Accounts;

/// <summary>
/// TOTP two-factor (RFC 6238, Identity's authenticator key; codes checked once each by
/// <see cref="OneUseAuthenticatorTokenProvider"/>) for the roles that approve and administer: Leader and ProvinceAdmin.
/// Once enrolled, neither the sign-in page nor the API token endpoint gives them a session without a current code. Not yet
/// enrolled, they cannot use the app with a password alone: the page cookie carries <see cref="EnrolClaimType"/> and the
/// gate of <see cref="PasswordChange"/> sends every page request to enrolment (<c>/tai-khoan/hai-buoc</c>); the API's token
/// endpoint refuses them (403, <c>twoFactorEnrolmentRequired</c>). The seeded demo accounts are exempt while demo mode is on
/// (never in Production: their password is printed at start anyway), so the demo and the browser journeys sign in with it.
/// </summary>
public static class TwoFactor
{
    public const string EnrolClaimType = "must_enrol_two_factor";
    public const string EnrolPath = "/tai-khoan/hai-buoc";
    public const string SecondStepPath = "/dang-nhap/hai-buoc";
    public const string Issuer = "MotCua";

    public static readonly IReadOnlyList<string> RequiredFor = [Roles.Leader, Roles.ProvinceAdmin];

    public static bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(RequiredFor.Contains);

    public static Claim EnrolClaim => new(EnrolClaimType, "1");

    /// <summary>Whether the signed-in page session must enrol before anything else (the claim set at sign-in).</summary>
    public static bool MustEnrol(ClaimsPrincipal principal) => principal.HasClaim(EnrolClaimType, "1");

    /// <summary>A seeded demo account while demo mode is on (refused in Production).</summary>
    public static bool IsDemoExempt(AppUser user, DemoOptions demo) =>
        demo.Enabled && DemoSeeder.Accounts.Any(a => string.Equals(a.UserName, user.UserName, StringComparison.Ordinal));

    /// <summary>A leader or administrator who has not enrolled yet (and is not an exempt demo account).</summary>
    public static async Task<bool> MustEnrolAsync(UserManager<AppUser> users, AppUser user, IEnumerable<string> roles, DemoOptions demo) =>
        IsRequiredFor(roles) && !IsDemoExempt(user, demo) && !await users.GetTwoFactorEnabledAsync(user);

    /// <summary>The account's authenticator key, made on first use (not yet enabled until a code confirms it).</summary>
    public static async Task<string> KeyAsync(UserManager<AppUser> users, AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (!string.IsNullOrEmpty(key)) return key;
        await users.ResetAuthenticatorKeyAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The key in groups of four, as people type it into an authenticator app.</summary>
    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) text.Append(text.Length > 0 ? " " : "").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth:// URI an authenticator app reads from the QR code.</summary>
    public static string OtpAuthUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>A code as typed: spaces and dashes removed.</summary>
    public static string Clean(string? code) => (code ?? "").Replace(" ", "").Replace("-", "").Trim();

    public static Task<bool> VerifyAsync(UserManager<AppUser> users, AppUser user, string? code) =>
        Clean(code) is { Length: 6 } clean
            ? users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean)
            : Task.FromResult(false);
}
