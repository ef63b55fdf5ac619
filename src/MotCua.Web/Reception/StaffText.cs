namespace MotCua.Web.Staff;

/// <summary>
/// Marker for the texts of the staff pages (counter intake, work queue, dossier page, approval) in
/// Resources/Staff/StaffText*.resx: Vietnamese (neutral), English and French.
/// </summary>
public sealed class StaffText;
