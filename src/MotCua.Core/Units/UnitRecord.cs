namespace MotCua.Core.Units;

/// <summary>
/// An administrative unit as it should be stored.
/// <list type="bullet">
/// <item>Provinces: <see cref="Code"/> is the 2-digit statistics-office code, <see cref="ShortCode"/> e.g. "HNI", no parent.</item>
/// <item>Current communes, wards and special zones: <see cref="Code"/> is the 5-digit code, <see cref="ParentCode"/> the province code.</item>
/// <item>Old (pre-merger) units: <see cref="EffectiveFrom"/> unknown (null), <see cref="EffectiveTo"/> the day before the merger,
/// no parent code (old districts and provinces are known only by name, see <see cref="OldDistrictName"/> and <see cref="OldProvinceName"/>).
/// An old unit the file gives no code gets a synthetic one (<see cref="SyntheticUnitCode"/>).</item>
/// </list>
/// The statistics office reuses codes: most new units carry the code of one of the old units they absorbed, so a code is
/// unique among current units and among old units, but the same code can name an old unit and a current one.
/// (Code, EffectiveTo) is unique.
/// </summary>
public sealed record UnitRecord(
    string Code,
    string Name,
    AdministrativeUnitKind Kind,
    string? ParentCode,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    string? ShortCode = null,
    string? OldDistrictName = null,
    string? OldProvinceName = null);
