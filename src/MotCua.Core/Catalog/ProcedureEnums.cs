namespace MotCua.Core.Catalog;

/// <summary>Online service level (Decree 42/2022/NĐ-CP).</summary>
public enum OnlineLevel
{
    /// <summary>Only at a counter or by post.</summary>
    None = 0,
    /// <summary>Partial online: submitted online, some step (papers, result, fee) in person.</summary>
    Partial = 1,
    /// <summary>Full online: every step online.</summary>
    Full = 2,
}

/// <summary>Government level competent to settle a procedure.</summary>
public enum CompetentLevel
{
    Commune = 0,
    Province = 1,
    Central = 2,
}

/// <summary>The kind of an applicant form field, used to validate and render it.</summary>
public enum FormFieldKind
{
    Text = 0,
    LongText = 1,
    Date = 2,
    Number = 3,
    Choice = 4,
    IdNumber = 5,
    Phone = 6,
}

/// <summary>The roles of MotCua.</summary>
public static class Roles
{
    public const string Citizen = "Citizen";
    public const string Officer = "Officer";
    public const string Specialist = "Specialist";
    public const string Leader = "Leader";
    public const string ProvinceAdmin = "ProvinceAdmin";
    public const string Volunteer = "Volunteer";

    public static readonly IReadOnlyList<string> All = [Citizen, Officer, Specialist, Leader, ProvinceAdmin, Volunteer];
    public static readonly IReadOnlyList<string> Staff = [Officer, Specialist, Leader, ProvinceAdmin];
}
