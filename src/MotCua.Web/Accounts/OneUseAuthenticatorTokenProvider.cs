using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using MotCua.Data.Entities;

namespace MotCua.Web.Accounts;

/// <summary>
/// The authenticator (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) token provider of Identity, with each code
/// good once: the time step of the last accepted code is kept per account (an Identity user token,
/// <see cref="LoginProvider"/>/<see cref="LastStepName"/>) and a code of that step or an earlier one is refused, so a code
/// seen over a shoulder or in a recording cannot be used again, even within its 30 seconds. Codes of the step before and
/// after now are accepted (clock drift of the phone). The time is the injected <see cref="TimeProvider"/>. The step is
/// saved with the account's concurrency stamp, so two sign-ins racing with the same code cannot both pass.
/// Serves every path that checks a code: the sign-in page's second step, the API's token endpoint and enrolment.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<AppUser>
{
    public const string LoginProvider = "[MotCuaAuthenticator]";
    public const string LastStepName = "LastStep";
    public const int StepSeconds = 30;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit)) return false;
        var secret = Base32Decode(key);
        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName), NumberStyles.None,
            CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(token))) continue;
            if (step <= last) return false; // used already (or a later one was)
            var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
            return saved.Succeeded;
        }
        return false;
    }

    /// <summary>The RFC 6238 code of a time step.</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The bytes of a base32 key (RFC 4648 alphabet, as Identity makes authenticator keys).</summary>
    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0) throw new FormatException("Not a base32 key.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }
}
