namespace MotCua.Core.Units;

/// <summary>
/// Gives every mapping row's old unit a code: its old_ward_code; or, when that is missing, the code another row gives the
/// same old unit (same name, district and province); or else a synthetic code (<see cref="SyntheticUnitCode"/>).
/// </summary>
internal sealed class PredecessorResolver
{
    private readonly Dictionary<string, List<string>> _codesByIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _displayByIdentity = new(StringComparer.Ordinal);

    public PredecessorResolver(IEnumerable<WardMappingRow> rows, List<UnitImportProblem> problems)
    {
        foreach (var row in rows)
        {
            var code = row.OldWardCode?.Trim();
            if (string.IsNullOrEmpty(code) || string.IsNullOrWhiteSpace(row.OldWardName))
                continue;
            var identity = IdentityOf(row);
            if (!_codesByIdentity.TryGetValue(identity, out var codes))
            {
                _codesByIdentity.Add(identity, codes = []);
                _displayByIdentity.Add(identity, Describe(row));
            }
            if (!codes.Contains(code))
                codes.Add(code);
        }
        foreach (var (identity, codes) in _codesByIdentity.Where(pair => pair.Value.Count > 1))
            problems.Add(new(UnitImportProblemKind.AmbiguousOldName,
                $"ward_mappings: old units {string.Join(", ", codes)} are all {_displayByIdentity[identity]}; probably a misspelt old name.",
                null));
    }

    /// <summary>The old unit's code; the row must have an old_ward_name.</summary>
    public string Resolve(WardMappingRow row, List<UnitImportProblem> problems)
    {
        var code = row.OldWardCode?.Trim();
        if (!string.IsNullOrEmpty(code))
            return code;

        var at = $"ward_mappings[{row.Index}]";
        var old = Describe(row);
        if (_codesByIdentity.TryGetValue(IdentityOf(row), out var codes) && codes.Count == 1)
        {
            problems.Add(new(UnitImportProblemKind.OldCodeMatchedByName,
                $"{at}: no old_ward_code for {old}; another row gives that old unit the code {codes[0]}, used here.", row.Index));
            return codes[0];
        }
        var synthetic = SyntheticUnitCode.For(row.OldWardName!, row.OldDistrictName, row.OldProvinceName);
        var why = codes is null ? "" : $" (old units {string.Join(", ", codes)} share that name, so none was borrowed)";
        problems.Add(new(UnitImportProblemKind.MissingOldCode,
            $"{at}: no old_ward_code for {old}{why}; synthetic code {synthetic} assigned.", row.Index));
        return synthetic;
    }

    private static string Describe(WardMappingRow row) => $"{row.OldWardName}, {row.OldDistrictName}, {row.OldProvinceName}";

    private static string IdentityOf(WardMappingRow row) =>
        SyntheticUnitCode.IdentityKey(row.OldWardName!, row.OldDistrictName, row.OldProvinceName);
}
