using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Integrations;

/// <summary>
/// The outbox for province administrators (counts per partner and state, the messages with their last error, re-send,
/// cancel) and the legs of a dossier for the staff who may see it.
/// </summary>
public static class IntegrationEndpoints
{
    public sealed record DossierLegDto(string Partner, DossierLegStatus Status, int Attempts, string? ResultReference, string? LastError,
        DateTimeOffset UpdatedAt);

    public static IEndpointRouteBuilder MapIntegrationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/integrations/outbox").WithTags("Integrations")
            .RequireAuthorization(p => p.RequireRole(Roles.ProvinceAdmin));
        group.MapGet("/", ListAsync)
            .WithSummary("Outbox of the province: counts per partner and state, and the messages (filter partner, state; newest first).");
        group.MapPost("/{id:long}/resend", ResendAsync)
            .WithSummary("A dead, failing or cancelled message goes back to pending now, with the same idempotency key.");
        group.MapPost("/{id:long}/cancel", CancelAsync).WithSummary("A pending, failing or dead message is cancelled (never sent).");
        api.MapGet("/dossiers/{code}/legs", LegsAsync).RequireAuthorization().WithTags("Integrations")
            .WithSummary("The partner legs of a dossier (linked procedures), for the staff who may see it.");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, OutboxAdmin outbox, ProblemResults problems, string? partner,
        string? state, int? page, int? pageSize, string? dossier, CancellationToken ct) =>
        (await outbox.ListAsync(CurrentUser.From(http.User), new(partner, state, dossier, page, pageSize), ct)).ToResult(problems, Results.Ok);

    private static async Task<IResult> ResendAsync(long id, HttpContext http, OutboxAdmin outbox, ProblemResults problems, CancellationToken ct) =>
        (await outbox.ResendAsync(CurrentUser.From(http.User), id, ct)).ToResult(problems, Results.Ok);

    private static async Task<IResult> CancelAsync(long id, HttpContext http, OutboxAdmin outbox, ProblemResults problems, CancellationToken ct) =>
        (await outbox.CancelAsync(CurrentUser.From(http.User), id, ct)).ToResult(problems, Results.Ok);

    private static async Task<IResult> LegsAsync(string code, HttpContext http, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var dossier = user.IsStaff ? await db.FindVisibleAsync(code, user, ct) : null;
        if (dossier is null) return problems.NotFound("Dossiers.NotFound", code);
        var legs = await db.LegsOfAsync(dossier.Code, ct);
        return Results.Ok(legs.Select(l => new DossierLegDto(l.Partner, l.Status, l.Attempts, l.ResultReference, l.LastError,
            l.UpdatedAt.ToVietnam())).ToList());
    }
}
