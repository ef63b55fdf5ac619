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
    public sealed record OutboxCount(string Partner, OutboxMessageState State, int Count);

    public sealed record OutboxMessageDto(long Id, string Partner, string DossierCode, string UnitCode, OutboxMessageKind Kind,
        string IdempotencyKey, int Sequence, OutboxMessageState State, int Attempts, DateTimeOffset NextAttemptAt, string? ClaimedBy,
        DateTimeOffset? ClaimExpiresAt, string? LastError, string? ResultReference, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

    public sealed record OutboxPage(IReadOnlyList<OutboxCount> Counts, IReadOnlyList<OutboxMessageDto> Items, int Page, int PageSize, int Total);

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

    private static IQueryable<OutboxMessage> OfProvince(MotCuaDbContext db, CurrentUser user)
    {
        var units = db.CurrentUnits().Where(u => u.ParentCode == user.ProvinceCode || u.Code == user.ProvinceCode).Select(u => u.Code);
        return db.OutboxMessages.Where(m => units.Contains(m.UnitCode));
    }

    private static async Task<IResult> ListAsync(HttpContext http, MotCuaDbContext db, string? partner, string? state, int? page,
        int? pageSize, string? dossier, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var errors = new Dictionary<string, string[]>();
        var partnerName = Partners.Canonical(partner);
        if (!string.IsNullOrWhiteSpace(partner) && partnerName is null) errors["partner"] = [$"one of {string.Join(", ", Partners.All)}"];
        OutboxMessageState? stateFilter = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (Enum.TryParse<OutboxMessageState>(state, ignoreCase: true, out var s) && !int.TryParse(state, out _)) stateFilter = s;
            else errors["state"] = ["one of pending, inFlight, delivered, failing, dead, cancelled"];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var number = Math.Max(1, page ?? 1);

        var scoped = OfProvince(db, user);
        var counts = await scoped.GroupBy(m => new { m.Partner, m.State })
            .Select(g => new { g.Key.Partner, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        var query = scoped;
        if (partnerName is not null) query = query.Where(m => m.Partner == partnerName);
        if (stateFilter is { } st) query = query.Where(m => m.State == st);
        if (!string.IsNullOrWhiteSpace(dossier)) query = query.Where(m => m.DossierCode == dossier.Trim());
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new OutboxPage(
            counts.OrderBy(c => c.Partner).ThenBy(c => c.State).Select(c => new OutboxCount(c.Partner, c.State, c.Count)).ToList(),
            items.Select(ToDto).ToList(), number, size, total));
    }

    private static Task<IResult> ResendAsync(long id, HttpContext http, MotCuaDbContext db, TimeProvider time, CancellationToken ct) =>
        MoveAsync(id, http, db, time, [OutboxMessageState.Dead, OutboxMessageState.Failing, OutboxMessageState.Cancelled],
            OutboxMessageState.Pending, DossierLegStatus.Pending, "re-sent", ct);

    private static Task<IResult> CancelAsync(long id, HttpContext http, MotCuaDbContext db, TimeProvider time, CancellationToken ct) =>
        MoveAsync(id, http, db, time, [OutboxMessageState.Pending, OutboxMessageState.Failing, OutboxMessageState.Dead],
            OutboxMessageState.Cancelled, DossierLegStatus.Cancelled, "cancelled", ct);

    /// <summary>
    /// Moves a message between states with one conditional UPDATE, so a worker that claims it at the same moment either
    /// wins (409 here) or sees the new state. A re-sent message keeps its idempotency key and is due at once.
    /// </summary>
    private static async Task<IResult> MoveAsync(long id, HttpContext http, MotCuaDbContext db, TimeProvider time,
        OutboxMessageState[] from, OutboxMessageState to, DossierLegStatus legStatus, string verb, CancellationToken ct)
    {
        var scoped = OfProvince(db, CurrentUser.From(http.User)).Where(m => m.Id == id);
        var message = await scoped.AsNoTracking().SingleOrDefaultAsync(ct);
        if (message is null) return Results.Problem(statusCode: 404, title: "Not found", detail: $"Outbox message {id} not found.");
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var moved = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.OutboxMessages.Where(m => m.Id == id && from.Contains(m.State)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, to)
                .SetProperty(m => m.NextAttemptAt, m => to == OutboxMessageState.Pending ? now : m.NextAttemptAt), ct);
            if (rows == 1 && message.Kind is not (OutboxMessageKind.Receipt or OutboxMessageKind.StatusChanged or OutboxMessageKind.Result))
                await db.DossierLegs.Where(l => l.DossierCode == message.DossierCode && l.Partner == message.Partner)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, legStatus).SetProperty(l => l.UpdatedAt, now), ct);
            await tx.CommitAsync(ct);
            return rows == 1;
        });
        if (!moved)
            return Results.Problem(statusCode: 409, title: "Conflict", detail: $"A {message.State} message cannot be {verb}.");
        return Results.Ok(ToDto(await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct)));
    }

    private static async Task<IResult> LegsAsync(string code, HttpContext http, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var dossier = user.IsStaff ? await db.FindVisibleAsync(code, user, ct) : null;
        if (dossier is null) return problems.NotFound("Dossiers.NotFound", code);
        var legs = await db.DossierLegs.AsNoTracking().Where(l => l.DossierCode == dossier.Code).OrderBy(l => l.Id).ToListAsync(ct);
        return Results.Ok(legs.Select(l => new DossierLegDto(l.Partner, l.Status, l.Attempts, l.ResultReference, l.LastError,
            l.UpdatedAt.ToVietnam())).ToList());
    }

    private static OutboxMessageDto ToDto(OutboxMessage m) => new(m.Id, m.Partner, m.DossierCode, m.UnitCode, m.Kind, m.IdempotencyKey,
        m.Sequence, m.State, m.Attempts, m.NextAttemptAt.ToVietnam(), m.ClaimedBy, m.ClaimExpiresAt.ToVietnam(), m.LastError,
        m.ResultReference, m.CreatedAt.ToVietnam(), m.DeliveredAt.ToVietnam());
}
