using Microsoft.AspNetCore.Identity;

namespace MotCua.Data.Entities;

/// <summary>An account: staff belong to a unit; citizens carry their e-ID level.</summary>
public class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>The unit a staff account belongs to (the province for a ProvinceAdmin).</summary>
    public string? UnitCode { get; set; }
    /// <summary>The province the unit is in; cached for scope checks.</summary>
    public string? ProvinceCode { get; set; }
    /// <summary>E-ID assurance level (Decree 69/2024): 0 none, 1 or 2.</summary>
    public int EidLevel { get; set; }
    /// <summary>
    /// The citizen's ID number as the e-ID provider vouched for it at sign-in (null for local accounts); stored encrypted
    /// like every other ID number.
    /// </summary>
    public string? IdNumber { get; set; }
}
