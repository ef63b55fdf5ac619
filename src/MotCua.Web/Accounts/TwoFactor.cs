using System.Text;
using Microsoft.AspNetCore.Identity;
using MotCua.Core.Catalog;
using MotCua.Data.Entities;

namespace MotCua.Web.Accounts;

/// <summary>
/// TOTP two-factor (RFC 6238, Identity's authenticator key and token provider) for the roles that approve and administer:
/// Leader and ProvinceAdmin. Once enrolled, neither the sign-in page nor the API token endpoint gives them a session
/// without a current code; not yet enrolled, the sign-in page sends them to enrolment (<c>/tai-khoan/hai-buoc</c>).
/// </summary>
public static class TwoFactor
{
    public const string EnrolPath = "/tai-khoan/hai-buoc";
    public const string SecondStepPath = "/dang-nhap/hai-buoc";
    public const string Issuer = "MotCua";

    public static readonly IReadOnlyList<string> RequiredFor = [Roles.Leader, Roles.ProvinceAdmin];

    public static bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(RequiredFor.Contains);

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
