using System.Text.Json;
using MotCua.Core.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

public sealed record ApplicantDto(string? FullName, string? IdNumber, DateOnly? DateOfBirth, string? Phone, string? Email, string? Address);

public sealed record DossierDocumentDto(long Id, string? RequiredDocumentCode, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

public sealed record ApologySlipDto(DateTimeOffset IssuedAt, string IssuedBy, string Reason, DateTimeOffset PreviousDueAt, DateTimeOffset NewDueAt);

/// <summary>
/// A dossier as the API shows it to those allowed to see it. <c>MissingDocuments</c>: required documents it does not have
/// (<see cref="HandedInDocuments"/>); <c>PapersChecked</c>: those whose papers the counter checked as received.
/// </summary>
public sealed record DossierDto(
    string Code, string ProcedureCode, int ProcedureVersion, string UnitCode, string ReceivingUnitCode, string? ReceptionPointCode,
    string Channel, string Status, string Outcome, DateTimeOffset ReceivedAt, DateTimeOffset RecordedAt, DateTimeOffset DueAt,
    bool Overdue, bool ClockStopped, int SupplementCount, DateTimeOffset? CompletedAt, DateTimeOffset? ReturnedAt, string? Assignee,
    string? TransferredTo, int Version, ApplicantDto Applicant, JsonElement FormData, string ReceivedBy, string? OwnerUserName,
    IReadOnlyList<DossierDocumentDto> Documents, IReadOnlyList<string> MissingDocuments, IReadOnlyList<ApologySlipDto> ApologySlips,
    IReadOnlyList<string> AvailableActions, IReadOnlyList<string> PapersChecked, AssistanceDto? Assistance = null)
{
    public static DossierDto From(Dossier d, int procedureVersion, DateTimeOffset now, IReadOnlyList<string> missingDocuments,
        IEnumerable<DossierAction> availableActions) => new(
        d.Code, d.ProcedureCode, procedureVersion, d.UnitCode, d.ReceivingUnitCode, d.ReceptionPointCode,
        JsonNamingPolicy.CamelCase.ConvertName(d.Channel.ToString()), JsonNamingPolicy.CamelCase.ConvertName(d.Status.ToString()),
        JsonNamingPolicy.CamelCase.ConvertName(d.Outcome.ToString()),
        d.ReceivedAt.ToVietnam(), d.RecordedAt.ToVietnam(), d.DueAt.ToVietnam(), d.IsOverdueAt(now), d.ClockStoppedAt is not null,
        d.SupplementCount, d.CompletedAt.ToVietnam(), d.ReturnedAt.ToVietnam(), d.Assignee, d.TransferredTo, d.Version,
        new ApplicantDto(d.Applicant.FullName, d.Applicant.IdNumber, d.Applicant.DateOfBirth, d.Applicant.Phone, d.Applicant.Email, d.Applicant.Address),
        JsonDocument.Parse(d.FormDataJson).RootElement.Clone(), d.ReceivedBy, d.OwnerUserName,
        d.Documents.OrderBy(x => x.Id).Select(x => new DossierDocumentDto(x.Id, x.RequiredDocumentCode, x.FileName, x.ContentType, x.Size, x.Sha256, x.UploadedAt.ToVietnam())).ToList(),
        missingDocuments,
        d.ApologySlips.OrderBy(a => a.IssuedAt).Select(a => new ApologySlipDto(a.IssuedAt.ToVietnam(), a.IssuedBy, a.Reason, a.PreviousDueAt.ToVietnam(), a.NewDueAt.ToVietnam())).ToList(),
        availableActions.Select(a => JsonNamingPolicy.CamelCase.ConvertName(a.ToString())).ToList(), d.PapersChecked);
}

/// <summary>Who helped submit a dossier online, and how the person consented ("signature" or "phoneCode").</summary>
public sealed record AssistanceDto(string Volunteer, string VolunteerName, string PersonName, string ConsentMethod, DateTimeOffset ConsentGivenAt);

/// <summary>A line of a dossier list (no documents, no form data).</summary>
public sealed record DossierListItem(string Code, string ProcedureCode, string UnitCode, string Channel, string Status,
    string ApplicantName, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue, string? Assignee, int Version);

/// <param name="Total">The number of dossiers, counted up to <see cref="ListDossiers.CountCap"/>.</param>
/// <param name="TotalCapped">True when there are more than <see cref="ListDossiers.CountCap"/>: Total is then a lower bound.</param>
public sealed record DossierPage(IReadOnlyList<DossierListItem> Items, int Total, int Page, int PageSize, bool TotalCapped = false);

public sealed record HistoryEntryDto(int Sequence, DateTimeOffset At, string Actor, string Action, string? FromStatus, string ToStatus, string? Note, string? Assignee);
