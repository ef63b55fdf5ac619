using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MotCua.Data.Entities;

namespace MotCua.Web.Accounts;

/// <summary>Puts the unit, province and e-ID level on the sign-in cookie, as the bearer token carries them.</summary>
/// A leader or administrator not yet enrolled in two-factor gets <see cref="TwoFactor.EnrolClaimType"/> (the page gate sends
/// them to enrolment); enrolment refreshes the sign-in, which drops it.
public sealed class AppUserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    IOptions<MotCua.Web.Demo.DemoOptions> demo)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitCode is not null) identity.AddClaim(new Claim(TokenIssuer.UnitClaim, user.UnitCode));
        if (user.ProvinceCode is not null) identity.AddClaim(new Claim(TokenIssuer.ProvinceClaim, user.ProvinceCode));
        identity.AddClaim(new Claim(TokenIssuer.EidLevelClaim, user.EidLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (await TwoFactor.MustEnrolAsync(UserManager, user, await UserManager.GetRolesAsync(user), demo.Value))
            identity.AddClaim(TwoFactor.EnrolClaim);
        return identity;
    }
}
