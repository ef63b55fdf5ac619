using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

public static class DossierEndpoints
{
    public static void MapDossierEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/dossiers").WithTags("Dossiers").RequireAuthorization();
        group.MapPost("/", ReceiveDossier.HandleAsync)
            .WithSummary("Receive a dossier (online, counter, post, backEntry); 201 with its code and appointment date. Optional header Idempotency-Key: a repeat of the same request by the same account gets 200 with the first dossier (Idempotent-Replayed: true); the key with another request, 422.");
        group.MapGet("/", ListDossiers.HandleAsync).WithSummary("The dossiers the caller may see, filtered and paged.");
        // POST, so a search by the applicant's ID number carries it in the body; the GET list refuses an ID number in q.
        group.MapPost("/search", ListDossiers.SearchAsync)
            .WithSummary("The dossiers the caller may see, by the applicant's ID number (body {idNumber, ...the list's filters, page, pageSize}).");
        group.MapGet("/{code}", GetDossier.HandleAsync).WithSummary("One dossier.");
        group.MapPost("/{code}/actions", ActOnDossier.HandleAsync)
            .WithSummary("Act on a dossier: assign, startProcessing, requestSupplement, resubmit, submitForApproval, approve, reject, markResultReady, returnResult, withdraw, transfer, apologize.");
        group.MapGet("/{code}/history", DossierHistory.HandleAsync).WithSummary("The process control sheet, oldest first.");
        group.MapPost("/{code}/documents", UploadDocument.HandleAsync).DisableAntiforgery()
            .WithSummary("Attach a file (multipart field `file`, optional `requiredDocumentCode`): PDF, JPEG or PNG, at most 10 MB.");
        group.MapGet("/{code}/documents/{id:long}", DownloadDocument.HandleAsync)
            .WithSummary("The content of an attached file, for whoever may see the dossier (citizens only their own).");
        group.MapGet("/{code}/receipt", DossierReceipt.HandleAsync).WithSummary("The printable receipt and appointment slip (HTML).");

        // POST, so the applicant's ID number travels in the body and never in a URL (access logs, proxies, history).
        api.MapPost("/public/dossiers/{code}", PublicTracking.LookupAsync).AllowAnonymous().RequireRateLimiting(RateLimits.PublicTracking)
            .DisableAntiforgery().WithTags("Public")
            .WithSummary("Status and due date of a dossier by its code and the applicant's ID number (body {idNumber}); no personal data.");
    }
}
