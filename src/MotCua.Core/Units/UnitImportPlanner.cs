namespace MotCua.Core.Units;

/// <summary>Turns the tables of an administrative-units file into an import plan: units, successions and problems.</summary>
internal static class UnitImportPlanner
{
    public static UnitImportPlan Plan(UnitFileContent content, DateOnly effectiveOn)
    {
        var problems = new List<UnitImportProblem>(content.UnreadableRows);
        var current = new CurrentUnitTable(content.Provinces, content.Wards, effectiveOn, problems);
        var successors = new SuccessorResolver(current);
        var predecessors = new PredecessorResolver(content.Mappings, problems);
        var oldUnits = new OldUnitCollection(effectiveOn.AddDays(-1));
        var collector = new SuccessionCollector(effectiveOn);

        foreach (var row in content.Mappings)
        {
            if (!IsUsable(row, problems))
                continue;
            var predecessor = predecessors.Resolve(row, problems);
            oldUnits.Add(predecessor, row, problems);
            var successor = successors.Resolve(row, problems);
            if (successor is not null)
                collector.Add(predecessor, successor, row.Index, problems);
        }

        var successions = collector.Finish(problems);
        if (content.Mappings.Count > 0)
        {
            ReportReusedCodes(oldUnits, current, successions, problems);
            ReportUnitsWithoutPredecessor(current, successions, problems);
        }
        return new UnitImportPlan([.. current.Units, .. oldUnits.Units], successions, problems);
    }

    private static bool IsUsable(WardMappingRow row, List<UnitImportProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(row.OldWardName))
        {
            problems.Add(new(UnitImportProblemKind.InvalidRow,
                $"ward_mappings[{row.Index}]: no old unit (old_ward_code \"{row.OldWardCode}\", no old_ward_name) for {row.NewWardName} ({row.NewWardCode}); skipped.",
                row.Index));
            return false;
        }
        if (string.IsNullOrWhiteSpace(row.NewWardCode) && string.IsNullOrWhiteSpace(row.NewWardName))
        {
            problems.Add(new(UnitImportProblemKind.InvalidRow,
                $"ward_mappings[{row.Index}]: no new unit (neither new_ward_code nor new_ward_name) for {row.OldWardName}; skipped.", row.Index));
            return false;
        }
        return true;
    }

    // An old code that is also the code of a current unit it did not go into: a bare code means two unrelated units.
    private static void ReportReusedCodes(
        OldUnitCollection oldUnits, CurrentUnitTable current, List<SuccessionRecord> successions, List<UnitImportProblem> problems)
    {
        var continued = successions.Where(s => s.PredecessorCode == s.SuccessorCode).Select(s => s.PredecessorCode).ToHashSet(StringComparer.Ordinal);
        foreach (var old in oldUnits.Units)
        {
            if (current.Ward(old.Code) is { } reused && !continued.Contains(old.Code))
                problems.Add(new(UnitImportProblemKind.ReusedCode,
                    $"ward_mappings: old code {old.Code} ({old.Name}, {old.OldDistrictName}) did not go into current {reused.Code} ({reused.Name}), which carries the same code.",
                    null));
        }
    }

    private static void ReportUnitsWithoutPredecessor(
        CurrentUnitTable current, List<SuccessionRecord> successions, List<UnitImportProblem> problems)
    {
        var succeeded = successions.Select(s => s.SuccessorCode).ToHashSet(StringComparer.Ordinal);
        foreach (var ward in current.Wards.Where(w => !succeeded.Contains(w.Code)))
            problems.Add(new(UnitImportProblemKind.NoPredecessor,
                $"wards: {ward.Code} ({ward.Name}, province {ward.ParentCode}) has no mapping row; no old unit is known to have gone into it.",
                null));
    }
}
