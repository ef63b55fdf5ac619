using MotCua.Core.Catalog;

namespace MotCua.Data.Entities;

/// <summary>A field (lĩnh vực) of the catalog.</summary>
public class Field
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>
/// One version of a procedure. A dossier keeps the version it was received under, so a change made
/// tomorrow does not change dossiers received today. Key figures are columns; the whole definition is JSON.
/// </summary>
public class ProcedureVersion
{
    public int Id { get; set; }
    public string ProcedureCode { get; set; } = "";
    public int VersionNo { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>The day before the next version starts; null for the newest.</summary>
    public DateOnly? EffectiveTo { get; set; }
    public string Name { get; set; } = "";
    public string NameFolded { get; set; } = "";
    public string FieldCode { get; set; } = "";
    public CompetentLevel CompetentLevel { get; set; }
    public decimal ProcessingDays { get; set; }
    public OnlineLevel OnlineLevel { get; set; }
    public int MinEidLevel { get; set; }
    /// <summary>The full <see cref="ProcedureDefinition"/> as JSON.</summary>
    public string DefinitionJson { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>A year of the working calendar as administrators keep it.</summary>
public class CalendarYearRecord
{
    public int Year { get; set; }
    public List<DateOnly> Holidays { get; set; } = [];
    public List<DateOnly> WorkingWeekends { get; set; } = [];
    public string? Source { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>The last serial handed out for an agency on a receipt date.</summary>
public class DossierCodeCounter
{
    public string AgencyCode { get; set; } = "";
    public DateOnly Date { get; set; }
    public int LastSerial { get; set; }
}
