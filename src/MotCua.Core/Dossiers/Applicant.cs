namespace MotCua.Core.Dossiers;

/// <summary>The person or business the dossier is for.</summary>
public sealed class Applicant
{
    public string FullName { get; set; } = "";
    /// <summary>12-digit citizen ID number (số định danh cá nhân).</summary>
    public string IdNumber { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
}
