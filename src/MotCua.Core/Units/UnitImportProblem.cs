namespace MotCua.Core.Units;

/// <summary>
/// A problem found while reading an administrative-units file. <paramref name="RowIndex"/> is the 0-based index of the row
/// in its table's data array (the table is named at the start of <paramref name="Detail"/>, e.g. "ward_mappings[9988]"),
/// or null when the problem is about several rows.
/// </summary>
public sealed record UnitImportProblem(UnitImportProblemKind Kind, string Detail, int? RowIndex);
