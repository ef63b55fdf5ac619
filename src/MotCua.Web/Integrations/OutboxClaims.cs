using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Data.Entities;

namespace MotCua.Web.Integrations;

/// <summary>
/// Claims due messages of one partner for one node. Due: pending or failing with its next attempt come, or in flight
/// with an expired lease (its node died). A message is only due when no earlier message of the same dossier and partner
/// is undelivered, so each dossier's messages reach the partner in order. On PostgreSQL the candidates are locked with
/// <c>FOR UPDATE SKIP LOCKED</c> in a short transaction, so nodes never claim the same message; on SQLite (one writer)
/// a conditional UPDATE does the same. A claim sets a fresh token: only its holder may record the outcome.
/// Candidates are read oldest first along a partial index of the undelivered messages (partner, id), so a claim stops
/// after its batch instead of sorting the whole backlog: a province's backlog after a long outage drains in linear time.
/// </summary>
public static class OutboxClaims
{
    public static async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(MotCuaDbContext db, string partner, string node, int batchSize,
        DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        var token = Guid.NewGuid().ToString("N");
        var expires = now + lease;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            List<long> ids;
            if (db.IsPostgres)
            {
                ids = await db.Database.SqlQuery<long>($"""
                    SELECT m."Id" AS "Value" FROM outbox_messages AS m
                    WHERE m."Partner" = {partner}
                      AND ((m."State" IN ('Pending', 'Failing') AND m."NextAttemptAt" <= {now})
                           OR (m."State" = 'InFlight' AND m."ClaimExpiresAt" <= {now}))
                      AND NOT EXISTS (SELECT 1 FROM outbox_messages AS e
                                      WHERE e."DossierCode" = m."DossierCode" AND e."Partner" = m."Partner" AND e."Sequence" < m."Sequence"
                                        AND e."State" IN ('Pending', 'InFlight', 'Failing', 'Dead'))
                    ORDER BY m."Id"
                    LIMIT {batchSize}
                    FOR UPDATE OF m SKIP LOCKED
                    """).ToListAsync(ct);
            }
            else
            {
                ids = await Due(db.OutboxMessages, partner, now)
                    .Where(m => !db.OutboxMessages.Any(e => e.DossierCode == m.DossierCode && e.Partner == m.Partner && e.Sequence < m.Sequence
                        && (e.State == OutboxMessageState.Pending || e.State == OutboxMessageState.InFlight
                            || e.State == OutboxMessageState.Failing || e.State == OutboxMessageState.Dead)))
                    .OrderBy(m => m.Id).Select(m => m.Id).Take(batchSize).ToListAsync(ct);
            }
            if (ids.Count == 0)
            {
                await tx.CommitAsync(ct);
                return (IReadOnlyList<OutboxMessage>)[];
            }
            // The due condition again: on SQLite another claim may have come between the read and this write.
            await Due(db.OutboxMessages, partner, now).Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxMessageState.InFlight)
                .SetProperty(m => m.ClaimedBy, node)
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.ClaimExpiresAt, expires)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            var claimed = await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(ct);
            await tx.CommitAsync(ct);
            return claimed;
        });
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, string partner, DateTimeOffset now) =>
        messages.Where(m => m.Partner == partner
            && (((m.State == OutboxMessageState.Pending || m.State == OutboxMessageState.Failing) && m.NextAttemptAt <= now)
                || (m.State == OutboxMessageState.InFlight && m.ClaimExpiresAt <= now)));
}
