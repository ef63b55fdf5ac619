using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;

namespace MotCua.Data.Statistics;

/// <summary>
/// Adds a <see cref="FigureEvent"/> to the daily, monthly and officer rows with atomic upserts
/// (<c>INSERT … ON CONFLICT DO UPDATE SET x = x + n</c>, on SQLite and PostgreSQL alike): two dossiers changing the same row
/// at once both count, since neither reads the row first. Runs in the caller's transaction, so the counts commit with the
/// dossier change or not at all; on PostgreSQL the row lock holds concurrent changes of the same row until commit.
/// </summary>
public static class StatisticsWriter
{
    /// <summary>
    /// Queues the upserts to run right after the caller's next SaveChanges (<see cref="MotCuaDbContext.ExecuteAfterSave"/>):
    /// last in the transaction, so the province-wide rows that every dossier of a procedure updates stay locked only until
    /// the commit, and never by a thread that blocks on them.
    /// </summary>
    /// <param name="provinces">The provinces that count <paramref name="unitCode"/> (<see cref="StatisticsProvinces"/>): each
    /// gets its roll-up rows, one for the procedure and one for the unit code.</param>
    public static void AddAfterSave(MotCuaDbContext db, string unitCode, string procedureCode, IntakeChannel channel, FigureEvent e,
        IReadOnlyList<string> provinces)
    {
        foreach (var (sql, args) in Commands(db, unitCode, procedureCode, channel, e, provinces))
            db.ExecuteAfterSave(sql, args);
    }

    private static readonly string[] ProvinceKeys = ["ProvinceCode", "Day", "UnitCode", "ProcedureCode", "Channel", "Stripe"];

    /// <summary>
    /// Rows per (province, month, procedure, channel) key (<see cref="Entities.StatisticsProvinceMonth.Stripe"/>): a change
    /// adds to one at random, so concurrent intakes of the same procedure across a province rarely wait for each other's
    /// commit. Readers sum; <see cref="FoldStripesAsync"/> folds past months back into stripe 0.
    /// </summary>
    public const int ProcedureStripes = 64;

    private static IEnumerable<(string Sql, object[] Args)> Commands(MotCuaDbContext db, string unitCode, string procedureCode,
        IntakeChannel channel, FigureEvent e, IReadOnlyList<string> provinces)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Statistics are written inside the transaction of the dossier change.");
        var values = e.Counts.ToArray();
        if (values.Any(v => v != 0))
        {
            var month = new DateOnly(e.Day.Year, e.Day.Month, 1);
            var counts = Counts(values);
            yield return (Upsert("statistics_daily", CountKeys, FigureCounts.Names, values), [unitCode, Date(db, e.Day), procedureCode, (int)channel, .. counts]);
            yield return (Upsert("statistics_monthly", CountKeys, FigureCounts.Names, values), [unitCode, Date(db, month), procedureCode, (int)channel, .. counts]);
            foreach (var province in provinces)
            {
                var upsert = Upsert("statistics_province_monthly", ProvinceKeys, FigureCounts.Names, values);
                yield return (upsert, [province, Date(db, month), "", procedureCode, (int)channel, (short)Random.Shared.Next(ProcedureStripes), .. counts]);
                yield return (upsert, [province, Date(db, month), unitCode, "", (int)channel, (short)0, .. counts]);
            }
        }
        if (e.Officer is { } officer && e.OfficerCounts is { } o)
        {
            long[] officerValues = [o.Handled, o.HandledOnTime, o.HandledWithSupplement, o.Rated, o.RatingSum];
            yield return (Upsert("statistics_officer_daily", OfficerKeys, OfficerNames, officerValues),
                [unitCode, Date(db, e.Day), officer, .. Counts(officerValues)]);
        }
    }

    /// <summary>
    /// Folds the stripes of the months before <paramref name="before"/> into stripe 0, so a province's past years read one
    /// row per key; the sums are the same before and after, at every instant a reader can see. Adds exactly the rows it
    /// deletes (one statement on PostgreSQL; on SQLite the transaction holds the only write lock), so a change that lands
    /// in a folded month meanwhile is not lost. Returns the number of keys folded.
    /// </summary>
    public static async Task<int> FoldStripesAsync(MotCuaDbContext db, DateOnly before, CancellationToken ct)
    {
        const string table = "statistics_province_monthly";
        const string keys = "\"ProvinceCode\", \"Day\", \"UnitCode\", \"ProcedureCode\", \"Channel\"";
        const string striped = "\"Day\" < {0} AND \"Stripe\" <> 0";
        var counts = FigureCounts.Names.Select(n => $"\"{n}\"").ToList();
        string Insert(string from) => $"""
            INSERT INTO {table} ({keys}, "Stripe", {string.Join(", ", counts)})
            SELECT {keys}, 0, {string.Join(", ", counts.Select(c => $"SUM({c})"))} FROM {from}
            GROUP BY {keys}
            ON CONFLICT ({keys}, "Stripe") DO UPDATE SET {string.Join(", ", counts.Select(c => $"{c} = {table}.{c} + EXCLUDED.{c}"))}
            """;
        var day = Date(db, before);
        if (db.IsPostgres)
            return await db.Database.ExecuteSqlRawAsync($"WITH gone AS (DELETE FROM {table} WHERE {striped} RETURNING *) {Insert("gone")}", [day], ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var folded = await db.Database.ExecuteSqlRawAsync(Insert($"{table} WHERE {striped}"), [day], ct);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table} WHERE {striped}", [day], ct);
        await tx.CommitAsync(ct);
        return folded;
    }

    private static readonly string[] CountKeys = ["UnitCode", "Day", "ProcedureCode", "Channel"];
    private static readonly string[] OfficerKeys = ["UnitCode", "Day", "UserName"];
    private static readonly string[] OfficerNames = ["Handled", "HandledOnTime", "HandledWithSupplement", "Rated", "RatingSum"];

    // One text per table and set of counts that change (an intake: "Received" only), so the same statement is sent every
    // time: no SQL built per change, and the database's prepared statements (Npgsql's auto-prepare) are reused.
    private static readonly ConcurrentDictionary<(string Table, ulong Changed), string> Texts = new();

    /// <summary>The counts that change, as parameters after the keys.</summary>
    private static object[] Counts(long[] values) => [.. values.Where(v => v != 0).Select(v => (object)v)];

    /// <summary>Keys as parameters {0}.., then the non-zero counts as parameters; zero counts as literals.</summary>
    private static string Upsert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> names, long[] values)
    {
        if (values.Length > 64) throw new ArgumentOutOfRangeException(nameof(values), "At most 64 counts per row.");
        var changed = 0UL;
        for (var i = 0; i < values.Length; i++) if (values[i] != 0) changed |= 1UL << i;
        return Texts.GetOrAdd((table, changed), _ =>
        {
            var sql = new StringBuilder();
            sql.Append("INSERT INTO ").Append(table).Append(" (");
            sql.AppendJoin(", ", keys.Concat(names).Select(n => $"\"{n}\""));
            sql.Append(") VALUES (");
            var next = keys.Count;
            sql.AppendJoin(", ", keys.Select((_, i) => $"{{{i}}}").Concat(values.Select(v => v == 0 ? "0" : $"{{{next++}}}")));
            sql.Append(") ON CONFLICT (").AppendJoin(", ", keys.Select(k => $"\"{k}\"")).Append(") DO UPDATE SET ");
            sql.AppendJoin(", ", names.Select((n, i) => (n, i)).Where(x => values[x.i] != 0)
                .Select(x => $"\"{x.n}\" = {table}.\"{x.n}\" + EXCLUDED.\"{x.n}\""));
            return sql.ToString();
        });
    }

    /// <summary>SQLite keeps dates as yyyy-MM-dd text (as EF Core writes them); PostgreSQL as date.</summary>
    internal static object Date(MotCuaDbContext db, DateOnly day) =>
        db.IsPostgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
