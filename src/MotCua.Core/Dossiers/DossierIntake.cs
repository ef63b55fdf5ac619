namespace MotCua.Core.Dossiers;

/// <summary>
/// Everything needed to create a dossier once the web layer has validated the request and given it a code.
/// <paramref name="PapersChecked"/>: the required-document codes whose papers the counter checked as received.
/// </summary>
public sealed record DossierIntake(
    string Code,
    int ProcedureVersionId,
    string ProcedureCode,
    decimal ProcessingDays,
    TimeOnly? ReceiptCutoff,
    string UnitCode,
    string ReceivingUnitCode,
    string? ReceptionPointCode,
    IntakeChannel Channel,
    DateTimeOffset ReceivedAt,
    Applicant Applicant,
    string FormDataJson,
    string? OwnerUserName,
    string ReceivedBy,
    IReadOnlyList<string>? PapersChecked = null);
