using Microsoft.EntityFrameworkCore;

namespace MotCua.Data;

/// <summary>
/// The loop of the start-up backfills: the ids a raw query selects (until it selects none), loaded, changed, saved, in
/// batches. The change must take each row out of what the query selects, or the loop would not end.
/// </summary>
public static class BatchRewrite
{
    /// <param name="pendingIds">SQL selecting the next batch of ids as <c>"Value"</c> (with its own LIMIT).</param>
    /// <returns>The rows rewritten.</returns>
    public static async Task<int> RunAsync<T>(MotCuaDbContext db, string pendingIds, Func<List<long>, IQueryable<T>> load,
        Action<T> change, CancellationToken ct) where T : class
    {
        var done = 0;
        while (true)
        {
            var ids = await db.Database.SqlQueryRaw<long>(pendingIds).ToListAsync(ct);
            if (ids.Count == 0) return done;
            var rows = await load(ids).ToListAsync(ct);
            foreach (var row in rows) change(row);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += rows.Count;
        }
    }
}
