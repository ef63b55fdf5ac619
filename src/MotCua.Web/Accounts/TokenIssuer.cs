using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using MotCua.Data.Entities;

namespace MotCua.Web.Accounts;

/// <summary>Issues the API's bearer tokens (JWT, HMAC-SHA256) from a key shared by all app nodes.</summary>
public sealed class TokenIssuer(SymmetricSecurityKey key, TimeProvider time, TimeSpan lifetime)
{
    public const string Issuer = "motcua";
    public const string Audience = "motcua-api";
    public const string UnitClaim = "unit";
    public const string ProvinceClaim = "province";
    public const string EidLevelClaim = "eid";

    public SymmetricSecurityKey Key => key;
    public TimeSpan Lifetime => lifetime;

    public string Issue(AppUser user, IEnumerable<string> roles, bool mustChangePassword = false)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(ClaimTypes.Name, user.UserName!),
            new(EidLevelClaim, user.EidLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (user.UnitCode is not null) claims.Add(new(UnitClaim, user.UnitCode));
        if (user.ProvinceCode is not null) claims.Add(new(ProvinceClaim, user.ProvinceCode));
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (mustChangePassword) claims.Add(PasswordChange.Claim);
        var now = time.GetUtcNow();
        var token = new JwtSecurityToken(Issuer, Audience, claims, now.UtcDateTime, now.Add(lifetime).UtcDateTime,
            new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>
    /// The signing key: Jwt:SigningKey (base64, at least 32 bytes) from configuration. Outside Production, when none is
    /// configured, a random key is created once and kept in data/jwt-signing.key so tokens survive a restart.
    /// </summary>
    public static SymmetricSecurityKey LoadKey(IConfiguration config, IHostEnvironment env)
    {
        var configured = config["Jwt:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32) throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes (base64).");
            return new SymmetricSecurityKey(bytes);
        }
        if (env.IsProduction())
            throw new InvalidOperationException("Jwt:SigningKey is not set. Set Jwt__SigningKey to 32+ random bytes in base64, the same on every node.");
        var path = Path.Combine(env.ContentRootPath, "data", "jwt-signing.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
