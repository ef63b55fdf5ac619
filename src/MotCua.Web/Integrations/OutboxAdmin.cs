using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Integrations;

/// <summary>
/// The province administrator's view of the outbox, for the API and the page alike: counts per partner and state, the
/// messages with their last error, re-send and cancel. Only messages of the administrator's province are seen or moved.
/// </summary>
public sealed class OutboxAdmin(MotCuaDbContext db, TimeProvider time, ProblemResults problems)
{
    public sealed record Filter(string? Partner = null, string? State = null, string? Dossier = null, int? Page = null, int? PageSize = null);

    public sealed record OutboxCount(string Partner, OutboxMessageState State, int Count);

    public sealed record OutboxMessageDto(long Id, string Partner, string DossierCode, string UnitCode, OutboxMessageKind Kind,
        string IdempotencyKey, int Sequence, OutboxMessageState State, int Attempts, DateTimeOffset NextAttemptAt, string? ClaimedBy,
        DateTimeOffset? ClaimExpiresAt, string? LastError, string? ResultReference, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

    public sealed record OutboxPage(IReadOnlyList<OutboxCount> Counts, IReadOnlyList<OutboxMessageDto> Items, int Page, int PageSize, int Total);

    public static readonly OutboxMessageState[] Resendable = [OutboxMessageState.Dead, OutboxMessageState.Failing, OutboxMessageState.Cancelled];
    public static readonly OutboxMessageState[] Cancellable = [OutboxMessageState.Pending, OutboxMessageState.Failing, OutboxMessageState.Dead];

    /// <summary>A state by its name (any case), not by its number; null when it names none.</summary>
    public static OutboxMessageState? ParseState(string? name) =>
        Enum.TryParse<OutboxMessageState>(name, ignoreCase: true, out var s) && !int.TryParse(name, out _) ? s : null;

    public async Task<Outcome<OutboxPage>> ListAsync(CurrentUser user, Filter filter, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var partner = Partners.Canonical(filter.Partner);
        if (!string.IsNullOrWhiteSpace(filter.Partner) && partner is null)
            errors.Add("partner", problems.Text["Integrations.PartnerInvalid", string.Join(", ", Partners.All)]);
        OutboxMessageState? state = null;
        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            state = ParseState(filter.State);
            if (state is null) errors.Add("state", problems.Text["Integrations.StateInvalid", "pending, inFlight, delivered, failing, dead, cancelled"]);
        }
        if (errors.Any) return Outcome<OutboxPage>.Invalid(errors);
        var size = Math.Clamp(filter.PageSize ?? 50, 1, 200);
        var number = Math.Max(1, filter.Page ?? 1);

        var scoped = OfProvince(user);
        var counts = await scoped.GroupBy(m => new { m.Partner, m.State })
            .Select(g => new { g.Key.Partner, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        var query = scoped;
        if (partner is not null) query = query.Where(m => m.Partner == partner);
        if (state is { } st) query = query.Where(m => m.State == st);
        if (!string.IsNullOrWhiteSpace(filter.Dossier)) query = query.Where(m => m.DossierCode == filter.Dossier.Trim());
        var total = await query.CountAsync(ct);
        var items = await query.AsNoTracking().OrderByDescending(m => m.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Outcome<OutboxPage>.Ok(new OutboxPage(
            counts.OrderBy(c => c.Partner).ThenBy(c => c.State).Select(c => new OutboxCount(c.Partner, c.State, c.Count)).ToList(),
            items.Select(ToDto).ToList(), number, size, total));
    }

    /// <summary>A dead, failing or cancelled message goes back to pending, due now, with the same idempotency key.</summary>
    public Task<Outcome<OutboxMessageDto>> ResendAsync(CurrentUser user, long id, CancellationToken ct = default) =>
        MoveAsync(user, id, Resendable, OutboxMessageState.Pending, DossierLegStatus.Pending, "Integrations.CannotResend", ct);

    /// <summary>A pending, failing or dead message is cancelled: never sent. Cancelling a civil-status registration also
    /// cancels the legs that wait for its registration number.</summary>
    public Task<Outcome<OutboxMessageDto>> CancelAsync(CurrentUser user, long id, CancellationToken ct = default) =>
        MoveAsync(user, id, Cancellable, OutboxMessageState.Cancelled, DossierLegStatus.Cancelled, "Integrations.CannotCancel", ct);

    private IQueryable<OutboxMessage> OfProvince(CurrentUser user)
    {
        var units = db.CurrentUnits().Where(u => u.ParentCode == user.ProvinceCode || u.Code == user.ProvinceCode).Select(u => u.Code);
        return db.OutboxMessages.Where(m => units.Contains(m.UnitCode));
    }

    /// <summary>
    /// Moves a message between states with one conditional UPDATE, so a worker that claims it at the same moment either
    /// wins (409 here) or sees the new state.
    /// </summary>
    private async Task<Outcome<OutboxMessageDto>> MoveAsync(CurrentUser user, long id, OutboxMessageState[] from, OutboxMessageState to,
        DossierLegStatus legStatus, string refusedKey, CancellationToken ct)
    {
        var message = await OfProvince(user).AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return problems.Fail<OutboxMessageDto>(StatusCodes.Status404NotFound, "Integrations.MessageNotFound", id);
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
            {
                await db.DossierLegs.Where(l => l.DossierCode == message.DossierCode && l.Partner == message.Partner)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, legStatus).SetProperty(l => l.UpdatedAt, now), ct);
                if (to == OutboxMessageState.Cancelled && message.Kind == OutboxMessageKind.CivilStatusRegistration)
                    await db.DossierLegs.Where(l => l.DossierCode == message.DossierCode && l.Status == DossierLegStatus.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, DossierLegStatus.Cancelled).SetProperty(l => l.UpdatedAt, now), ct);
            }
            await tx.CommitAsync(ct);
            return rows == 1;
        });
        if (!moved)
        {
            var current = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id).Select(m => m.State).SingleAsync(ct);
            return problems.Fail<OutboxMessageDto>(StatusCodes.Status409Conflict, refusedKey, problems.Text["Outbox.State." + current]);
        }
        return Outcome<OutboxMessageDto>.Ok(ToDto(await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct)));
    }

    private static OutboxMessageDto ToDto(OutboxMessage m) => new(m.Id, m.Partner, m.DossierCode, m.UnitCode, m.Kind, m.IdempotencyKey,
        m.Sequence, m.State, m.Attempts, m.NextAttemptAt.ToVietnam(), m.ClaimedBy, m.ClaimExpiresAt.ToVietnam(), m.LastError,
        m.ResultReference, m.CreatedAt.ToVietnam(), m.DeliveredAt.ToVietnam());
}
