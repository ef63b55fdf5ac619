namespace MotCua.Core.Catalog;

/// <summary>A document the applicant hands in (thành phần hồ sơ).</summary>
/// <param name="Code">Short stable key, unique within the procedure (e.g. "to-khai").</param>
/// <param name="Name">Vietnamese name as in the national catalog.</param>
/// <param name="Original">True when the original is required, false when a copy is enough.</param>
/// <param name="Required">False for documents needed only in some cases.</param>
/// <param name="Copies">Number of copies (usually 1).</param>
public sealed record RequiredDocument(string Code, string Name, bool Original, bool Required, int Copies = 1);

/// <summary>A field the applicant fills in beyond the common applicant block.</summary>
/// <param name="Key">camelCase key used in the API's formData.</param>
/// <param name="Label">Vietnamese label.</param>
/// <param name="Options">Allowed values for Choice fields.</param>
/// <param name="MaxLength">Upper bound for text fields.</param>
public sealed record FormField(string Key, string Label, FormFieldKind Kind, bool Required, IReadOnlyList<string>? Options = null, int? MaxLength = null);

/// <summary>One step of the internal workflow with the role doing it and its share of the time limit.</summary>
public sealed record WorkflowStep(string Name, string Role, decimal Days);

/// <summary>
/// The content of one version of a procedure, as loaded from the catalog data file
/// and as stored per version. A change of any of it makes a new version with a later EffectiveFrom.
/// </summary>
public sealed record ProcedureDefinition
{
    /// <summary>National code in the National Public Service Portal catalog (e.g. "1.001193").</summary>
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string FieldCode { get; init; }
    public required CompetentLevel CompetentLevel { get; init; }
    /// <summary>Processing time limit in working days; may be fractional (0.5 = half a day).</summary>
    public required decimal ProcessingDays { get; init; }
    /// <summary>Fee in VND (0 when free).</summary>
    public decimal Fee { get; init; }
    /// <summary>Free text on fee exemptions and cases.</summary>
    public string? FeeNote { get; init; }
    public required OnlineLevel OnlineLevel { get; init; }
    /// <summary>Minimum e-ID level (1 or 2) for online submission.</summary>
    public int MinEidLevel { get; init; } = 2;
    /// <summary>
    /// When set, a dossier received after this local time counts from the next working day.
    /// </summary>
    public TimeOnly? ReceiptCutoff { get; init; }
    /// <summary>
    /// For procedures received at the commune but settled elsewhere: the agency the dossier is
    /// transferred to (e.g. the province's land registration office).
    /// </summary>
    public string? SettlingAgency { get; init; }
    /// <summary>Legal basis (decree, circular) as text.</summary>
    public string? LegalBasis { get; init; }
    public required IReadOnlyList<RequiredDocument> RequiredDocuments { get; init; }
    public required IReadOnlyList<FormField> FormFields { get; init; }
    public required IReadOnlyList<WorkflowStep> WorkflowSteps { get; init; }
}

/// <summary>A field (lĩnh vực) of the catalog.</summary>
public sealed record FieldDefinition(string Code, string Name);
