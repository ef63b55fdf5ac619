namespace MotCua.Core.Units;

/// <summary>The three tables of an administrative-units file, and the rows that could not be read at all.</summary>
internal sealed record UnitFileContent(
    IReadOnlyList<ProvinceRow> Provinces,
    IReadOnlyList<WardRow> Wards,
    IReadOnlyList<WardMappingRow> Mappings,
    IReadOnlyList<UnitImportProblem> UnreadableRows);
