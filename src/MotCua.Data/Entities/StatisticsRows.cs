using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;

namespace MotCua.Data.Entities;

/// <summary>Counters of one unit code × procedure × period × channel. Never read-modify-written: see StatisticsWriter.</summary>
public abstract class StatisticsRow
{
    public string UnitCode { get; set; } = "";
    public string ProcedureCode { get; set; } = "";
    /// <summary>The Vietnam date (daily rows) or the first day of the month (monthly rows).</summary>
    public DateOnly Day { get; set; }
    public IntakeChannel Channel { get; set; }
    public FigureCounts Counts { get; set; } = new();
}

/// <summary>Table statistics_daily: edges of a period and day-by-day trends.</summary>
public sealed class StatisticsDay : StatisticsRow;

/// <summary>Table statistics_monthly: the whole months of a period (a province's year reads 12 rows per key, not 365).</summary>
public sealed class StatisticsMonth : StatisticsRow;

/// <summary>
/// Table statistics_province_monthly: a province's roll-up per month, kept by the same upserts as the unit rows, so a
/// province's year reads a few thousand rows instead of the monthly rows of its hundreds of unit codes. Two kinds of row:
/// per procedure (<see cref="StatisticsRow.UnitCode"/> empty) and per unit code (<see cref="StatisticsRow.ProcedureCode"/> empty).
/// The province is the current province whose figures count the unit code (its own, or that of the units it went into).
/// </summary>
public sealed class StatisticsProvinceMonth : StatisticsRow
{
    public string ProvinceCode { get; set; } = "";

    /// <summary>
    /// Which of <see cref="Statistics.StatisticsWriter.ProcedureStripes"/> rows of a per-procedure key this is: every dossier of a
    /// procedure in the province adds to that key, so the key is split in stripes, each change adding to one of them and
    /// readers summing them (they always sum); otherwise the key's one row lock would serialize the province's intake.
    /// Per-unit rows have one stripe (0); stripes of past months are folded into stripe 0.
    /// </summary>
    public short Stripe { get; set; }
}

/// <summary>Table statistics_officer_daily: what an officer handled on a day.</summary>
public sealed class StatisticsOfficerDay
{
    public string UnitCode { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateOnly Day { get; set; }
    public long Handled { get; set; }
    public long HandledOnTime { get; set; }
    public long HandledWithSupplement { get; set; }
    public long Rated { get; set; }
    public long RatingSum { get; set; }
}

/// <summary>A citizen's satisfaction rating of a settled dossier (1 = very dissatisfied … 5 = very satisfied), one per dossier.</summary>
public sealed class DossierRating
{
    public long Id { get; set; }
    public long DossierId { get; set; }
    public int Score { get; set; }
    public DateTimeOffset RatedAt { get; set; }
    public string RatedBy { get; set; } = "";
}
