namespace MotCua.Core.Units;

/// <summary>The old (pre-merger) units named by mapping rows, one record per code, in order of first appearance.</summary>
internal sealed class OldUnitCollection(DateOnly lastDay)
{
    private readonly Dictionary<string, (UnitRecord Unit, int Row)> _byCode = new(StringComparer.Ordinal);

    public List<UnitRecord> Units { get; } = [];

    /// <summary>Records the old unit of a row (which must have an old_ward_name) under the given code, once.</summary>
    public void Add(string code, WardMappingRow row, List<UnitImportProblem> problems)
    {
        var at = $"ward_mappings[{row.Index}]";
        var name = VietnameseText.Canonical(row.OldWardName!);
        var district = Optional(row.OldDistrictName);
        var province = Optional(row.OldProvinceName);
        if (_byCode.TryGetValue(code, out var known))
        {
            if (SyntheticUnitCode.IdentityKey(name, district, province) !=
                SyntheticUnitCode.IdentityKey(known.Unit.Name, known.Unit.OldDistrictName, known.Unit.OldProvinceName))
                problems.Add(new(UnitImportProblemKind.ConflictingOldUnit,
                    $"{at}: old code {code} is \"{name}, {district}, {province}\" here but \"{known.Unit.Name}, {known.Unit.OldDistrictName}, {known.Unit.OldProvinceName}\" in ward_mappings[{known.Row}]; the first was kept.",
                    row.Index));
            return;
        }

        if (!string.Equals(name, row.OldWardName, StringComparison.Ordinal))
            problems.Add(new(UnitImportProblemKind.NonCanonicalText,
                $"{at}: old_ward_name \"{name}\" was not NFC or had stray whitespace; normalised.", row.Index));
        var kind = UnitNamePrefix.KindOf(name);
        if (kind is null)
            problems.Add(new(UnitImportProblemKind.UnknownNamePrefix,
                $"{at}: old unit \"{name}\" does not start with Xã, Phường or Thị trấn; taken as a commune (Xã).", row.Index));
        var unit = new UnitRecord(code, name, kind ?? AdministrativeUnitKind.Commune, null, null, lastDay,
            OldDistrictName: district, OldProvinceName: province);
        _byCode.Add(code, (unit, row.Index));
        Units.Add(unit);
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Canonical(text);
}
