namespace MotCua.Data.Entities;

/// <summary>What kind of personal-data read an audit row records.</summary>
public enum DataAccessKind
{
    /// <summary>The dossier's detail (API or page): applicant, form data, documents list.</summary>
    ViewDossier,
    /// <summary>The content of an attached file.</summary>
    Document,
    /// <summary>The receipt and appointment slip (names the applicant).</summary>
    Receipt,
    /// <summary>A file of figures (Excel or CSV) taken out of the system.</summary>
    Export,
}

/// <summary>
/// One read of a dossier's personal data, or one export: who (account, role, unit), when, what (dossier code and kind of
/// read, or the export's scope), from where (client IP), and the province whose data it was (what scopes the
/// administrator's search). Append-only: database triggers refuse UPDATE, DELETE and TRUNCATE
/// (<see cref="AppendOnlySql"/>). It holds no personal data of the citizen: the dossier is named by its code only.
/// </summary>
public class DataAccessAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>The reader's role (the first staff role, else Citizen or Volunteer).</summary>
    public string Role { get; set; } = "";
    /// <summary>The reader's unit (the province for a ProvinceAdmin); null for citizens and volunteers.</summary>
    public string? UnitCode { get; set; }
    public DataAccessKind Kind { get; set; }
    public string? DossierCode { get; set; }
    /// <summary>The document id, or the export's file kind and scope (e.g. "xlsx 30502 2026-01-01..2026-01-31").</summary>
    public string? Detail { get; set; }
    /// <summary>The province the data belongs to (the dossier's unit's province, or the exported unit's).</summary>
    public string? ProvinceCode { get; set; }
    public string? ClientIp { get; set; }
}
