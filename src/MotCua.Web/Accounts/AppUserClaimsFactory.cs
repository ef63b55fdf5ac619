using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MotCua.Data.Entities;

namespace MotCua.Web.Accounts;

/// <summary>Puts the unit, province and e-ID level on the sign-in cookie, as the bearer token carries them.</summary>
public sealed class AppUserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitCode is not null) identity.AddClaim(new Claim(TokenIssuer.UnitClaim, user.UnitCode));
        if (user.ProvinceCode is not null) identity.AddClaim(new Claim(TokenIssuer.ProvinceClaim, user.ProvinceCode));
        identity.AddClaim(new Claim(TokenIssuer.EidLevelClaim, user.EidLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
