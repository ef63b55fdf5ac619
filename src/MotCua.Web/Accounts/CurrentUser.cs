using System.Security.Claims;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;

namespace MotCua.Web.Accounts;

/// <summary>The signed-in account as the features need it: name, roles, unit, province, e-ID level.</summary>
public sealed record CurrentUser(string UserName, IReadOnlySet<string> Roles, string? UnitCode, string? ProvinceCode, int EidLevel)
{
    public Actor Actor => new(UserName, Roles);
    public bool IsStaff => MotCua.Core.Catalog.Roles.Staff.Any(Roles.Contains);
    public bool Is(string role) => Roles.Contains(role);

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        _ = int.TryParse(principal.FindFirstValue(TokenIssuer.EidLevelClaim), out var eid);
        return new CurrentUser(principal.Identity?.Name ?? "", roles, principal.FindFirstValue(TokenIssuer.UnitClaim),
            principal.FindFirstValue(TokenIssuer.ProvinceClaim), eid);
    }
}
