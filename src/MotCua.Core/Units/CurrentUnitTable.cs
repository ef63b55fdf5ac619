namespace MotCua.Core.Units;

/// <summary>
/// The current units (provinces and the communes, wards and special zones under them) checked and indexed by code and by
/// name. Rows that cannot become a unit are reported and skipped.
/// </summary>
internal sealed class CurrentUnitTable
{
    private static readonly string[] ProvinceNamePrefixes =
        [VietnameseText.SpellingKey("Tỉnh") + " ", VietnameseText.SpellingKey("Thành phố") + " "];

    private readonly Dictionary<string, UnitRecord> _provinces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _provinceCodeByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitRecord> _wards = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Province, string Key), List<string>> _wardsBySpelling = [];
    private readonly Dictionary<(string Province, string Key), List<string>> _wardsByFold = [];

    public CurrentUnitTable(
        IEnumerable<ProvinceRow> provinces, IEnumerable<WardRow> wards, DateOnly effectiveOn, List<UnitImportProblem> problems)
    {
        foreach (var row in provinces)
            AddProvince(row, effectiveOn, problems);
        foreach (var row in wards)
            AddWard(row, effectiveOn, problems);
    }

    /// <summary>Provinces then communes, wards and special zones, in file order.</summary>
    public List<UnitRecord> Units { get; } = [];

    public UnitRecord? Ward(string code) => _wards.GetValueOrDefault(code);

    public IEnumerable<UnitRecord> Wards => _wards.Values;

    /// <summary>The code of the province named so, with or without "Tỉnh" / "Thành phố", in any spelling variant.</summary>
    public string? ProvinceCodeByName(string? name) =>
        name is null ? null : _provinceCodeByName.GetValueOrDefault(ProvinceNameKey(name));

    /// <summary>
    /// Finds a unit of the province by name: first by exact spelling (case, whitespace, Unicode form and tone placement
    /// aside), then ignoring diacritics. Names that differ only in diacritics (Xã Văn Lang, Xã Văn Lăng) stay distinct.
    /// </summary>
    public WardNameMatch WardByName(string provinceCode, string name)
    {
        if (_wardsBySpelling.TryGetValue((provinceCode, VietnameseText.SpellingKey(name)), out var exact))
            return new WardNameMatch(exact.Count == 1 ? exact[0] : null, exact, false);
        if (_wardsByFold.TryGetValue((provinceCode, VietnameseText.Fold(name)), out var folded))
            return new WardNameMatch(folded.Count == 1 ? folded[0] : null, folded, true);
        return WardNameMatch.None;
    }

    private void AddProvince(ProvinceRow row, DateOnly effectiveOn, List<UnitImportProblem> problems)
    {
        var at = $"provinces[{row.Index}]";
        var code = row.ProvinceCode?.Trim();
        if (!IsDigits(code, 2) || string.IsNullOrWhiteSpace(row.Name))
        {
            problems.Add(new(UnitImportProblemKind.InvalidRow,
                $"{at}: needs a 2-digit province_code and a name (has \"{row.ProvinceCode}\", \"{row.Name}\"); skipped.", row.Index));
            return;
        }
        if (_provinces.ContainsKey(code!))
        {
            problems.Add(new(UnitImportProblemKind.DuplicateRow, $"{at}: province_code {code} appears again; skipped.", row.Index));
            return;
        }
        var name = CanonicalName(row.Name, at, row.Index, problems);
        var shortCode = string.IsNullOrWhiteSpace(row.ShortCode) ? null : row.ShortCode.Trim();
        var unit = new UnitRecord(code!, name, AdministrativeUnitKind.Province, null, effectiveOn, null, shortCode);
        _provinces.Add(code!, unit);
        Units.Add(unit);
        if (!_provinceCodeByName.TryAdd(ProvinceNameKey(name), code!))
            problems.Add(new(UnitImportProblemKind.DuplicateRow,
                $"{at}: province name \"{name}\" is already used by province {_provinceCodeByName[ProvinceNameKey(name)]}; lookups by name find that one.",
                row.Index));
    }

    private void AddWard(WardRow row, DateOnly effectiveOn, List<UnitImportProblem> problems)
    {
        var at = $"wards[{row.Index}]";
        var code = row.WardCode?.Trim();
        var provinceCode = row.ProvinceCode?.Trim();
        if (!IsDigits(code, 5) || string.IsNullOrWhiteSpace(row.Name) || provinceCode is null || !_provinces.ContainsKey(provinceCode))
        {
            problems.Add(new(UnitImportProblemKind.InvalidRow,
                $"{at}: needs a 5-digit ward_code, a name and the code of a province in the file (has \"{row.WardCode}\", \"{row.Name}\", \"{row.ProvinceCode}\"); skipped.",
                row.Index));
            return;
        }
        if (_wards.ContainsKey(code!))
        {
            problems.Add(new(UnitImportProblemKind.DuplicateRow, $"{at}: ward_code {code} appears again; skipped.", row.Index));
            return;
        }
        var name = CanonicalName(row.Name, at, row.Index, problems);
        var kind = UnitNamePrefix.KindOf(name);
        if (kind is null)
            problems.Add(new(UnitImportProblemKind.UnknownNamePrefix,
                $"{at}: \"{name}\" does not start with Xã, Phường or Đặc khu; taken as a commune (Xã).", row.Index));
        var unit = new UnitRecord(code!, name, kind ?? AdministrativeUnitKind.Commune, provinceCode, effectiveOn, null);
        _wards.Add(code!, unit);
        Units.Add(unit);
        Index(_wardsBySpelling, (provinceCode, VietnameseText.SpellingKey(name)), code!);
        Index(_wardsByFold, (provinceCode, VietnameseText.Fold(name)), code!);
    }

    private static string CanonicalName(string raw, string at, int index, List<UnitImportProblem> problems)
    {
        var name = VietnameseText.Canonical(raw);
        if (!string.Equals(name, raw, StringComparison.Ordinal))
            problems.Add(new(UnitImportProblemKind.NonCanonicalText,
                $"{at}: name \"{name}\" was not NFC or had stray whitespace; normalised.", index));
        return name;
    }

    private static string ProvinceNameKey(string name)
    {
        var key = VietnameseText.SpellingKey(name);
        foreach (var prefix in ProvinceNamePrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                return key[prefix.Length..];
        }
        return key;
    }

    private static void Index(Dictionary<(string, string), List<string>> index, (string, string) key, string code)
    {
        if (!index.TryGetValue(key, out var codes))
            index.Add(key, codes = []);
        codes.Add(code);
    }

    private static bool IsDigits(string? code, int length) =>
        code is not null && code.Length == length && code.All(char.IsAsciiDigit);
}
