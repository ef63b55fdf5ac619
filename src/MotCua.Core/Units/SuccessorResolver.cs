namespace MotCua.Core.Units;

/// <summary>
/// Finds the current unit a mapping row's old unit went into. The code is trusted when it is a unit of the row's province;
/// otherwise the unit is looked up by name within that province (new_province_name). What had to be repaired or could
/// not be found is reported.
/// </summary>
internal sealed class SuccessorResolver(CurrentUnitTable current)
{
    /// <summary>The successor's code, or null when none can be told (the row then carries a problem).</summary>
    public string? Resolve(WardMappingRow row, List<UnitImportProblem> problems)
    {
        var at = $"ward_mappings[{row.Index}]";
        var code = row.NewWardCode?.Trim();
        var name = string.IsNullOrWhiteSpace(row.NewWardName) ? null : row.NewWardName;
        var provinceCode = current.ProvinceCodeByName(row.NewProvinceName);
        var byCode = string.IsNullOrEmpty(code) ? null : current.Ward(code);

        if (byCode is null)
            return ResolveByName(row, at, $"new_ward_code \"{code}\" is not a current unit", provinceCode, name, problems);

        var nameAgrees = name is null || VietnameseText.Fold(name) == VietnameseText.Fold(byCode.Name);
        if (byCode.ParentCode == provinceCode || (provinceCode is null && row.NewProvinceName is null))
        {
            if (!nameAgrees)
                problems.Add(new(UnitImportProblemKind.SuccessorNameMismatch,
                    $"{at}: new_ward_code {code} is {byCode.Name}, not \"{name}\"; the code was trusted.", row.Index));
            return byCode.Code;
        }

        var mismatch = $"new_ward_code {code} is {byCode.Name} of province {byCode.ParentCode}, not of \"{row.NewProvinceName}\"";
        var byName = provinceCode is null || name is null ? WardNameMatch.None : current.WardByName(provinceCode, name);
        if (byName.Code is not null)
        {
            problems.Add(new(UnitImportProblemKind.ProvinceMismatch,
                $"{at}: {mismatch}; matched \"{name}\" in that province by name to {byName.Code}{DiacriticsNote(byName)}.", row.Index));
            return byName.Code;
        }
        if (nameAgrees && !byName.IsAmbiguous)
        {
            problems.Add(new(UnitImportProblemKind.ProvinceMismatch,
                $"{at}: {mismatch}; no unit of that name there, so the code (whose name agrees) was trusted.", row.Index));
            return byCode.Code;
        }
        return ReportNotFound(row, at, mismatch, name, byName, problems);
    }

    private string? ResolveByName(
        WardMappingRow row, string at, string why, string? provinceCode, string? name, List<UnitImportProblem> problems)
    {
        if (provinceCode is null || name is null)
        {
            problems.Add(new(UnitImportProblemKind.SuccessorUnmatched,
                $"{at}: {why}, and new_province_name \"{row.NewProvinceName}\" / new_ward_name \"{name}\" do not name a province's unit; no succession.",
                row.Index));
            return null;
        }
        var byName = current.WardByName(provinceCode, name);
        if (byName.Code is null)
            return ReportNotFound(row, at, why, name, byName, problems);
        problems.Add(new(UnitImportProblemKind.SuccessorMatchedByName,
            $"{at}: {why}; matched \"{name}\" in {row.NewProvinceName} by name to {byName.Code}{DiacriticsNote(byName)}.", row.Index));
        return byName.Code;
    }

    private static string? ReportNotFound(
        WardMappingRow row, string at, string why, string? name, WardNameMatch byName, List<UnitImportProblem> problems)
    {
        problems.Add(byName.IsAmbiguous
            ? new(UnitImportProblemKind.AmbiguousSuccessorName,
                $"{at}: {why}; \"{name}\" fits several units of {row.NewProvinceName} ({string.Join(", ", byName.Candidates)}); no succession.",
                row.Index)
            : new(UnitImportProblemKind.SuccessorUnmatched,
                $"{at}: {why}; no unit named \"{name}\" in {row.NewProvinceName}; no succession.", row.Index));
        return null;
    }

    private static string DiacriticsNote(WardNameMatch match) => match.IgnoringDiacritics ? " (ignoring diacritics)" : "";
}
