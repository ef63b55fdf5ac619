namespace MotCua.Core.Units;

/// <summary>
/// Reads an administrative-units file (the layout of <c>src/MotCua.Data/Seed/units/address.json</c>, see its README)
/// into an import plan. Nothing is silently dropped: every mapping row ends as a succession or as a problem (or both,
/// when it had to be repaired).
/// </summary>
public static class UnitFileReader
{
    /// <summary>The day the two-level local government took effect.</summary>
    public static readonly DateOnly ReformDate = new(2025, 7, 1);

    /// <summary>
    /// Reads the file. Current units take effect on <paramref name="effectiveOn"/> (default 2025-07-01); old units end the
    /// day before. Throws <see cref="FormatException"/> when the stream is not JSON of this layout; defects in single
    /// rows become problems in the plan instead.
    /// </summary>
    public static UnitImportPlan Read(Stream json, DateOnly? effectiveOn = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return UnitImportPlanner.Plan(UnitFileParser.Parse(json), effectiveOn ?? ReformDate);
    }
}
