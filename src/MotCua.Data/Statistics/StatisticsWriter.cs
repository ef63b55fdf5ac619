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
    /// <param name="provinces">The provinces that count <paramref name="unitCode"/> (<see cref="StatisticsProvinces"/>): each
    /// gets its roll-up rows, one for the procedure and one for the unit code.</param>
    public static void Add(MotCuaDbContext db, string unitCode, string procedureCode, IntakeChannel channel, FigureEvent e,
        IReadOnlyList<string> provinces)
    {
        foreach (var (sql, args) in Commands(db, unitCode, procedureCode, channel, e, provinces))
            db.Database.ExecuteSqlRaw(sql, args);
    }

    public static async Task AddAsync(MotCuaDbContext db, string unitCode, string procedureCode, IntakeChannel channel, FigureEvent e,
        IReadOnlyList<string> provinces, CancellationToken ct)
    {
        foreach (var (sql, args) in Commands(db, unitCode, procedureCode, channel, e, provinces))
            await db.Database.ExecuteSqlRawAsync(sql, args, ct);
    }

    private static readonly string[] ProvinceKeys = ["ProvinceCode", "Day", "UnitCode", "ProcedureCode", "Channel"];

    private static IEnumerable<(string Sql, object[] Args)> Commands(MotCuaDbContext db, string unitCode, string procedureCode,
        IntakeChannel channel, FigureEvent e, IReadOnlyList<string> provinces)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Statistics are written inside the transaction of the dossier change.");
        var values = e.Counts.ToArray();
        if (values.Any(v => v != 0))
        {
            var month = new DateOnly(e.Day.Year, e.Day.Month, 1);
            yield return (CountsUpsert("statistics_daily", values), [unitCode, Date(db, e.Day), procedureCode, (int)channel]);
            yield return (CountsUpsert("statistics_monthly", values), [unitCode, Date(db, month), procedureCode, (int)channel]);
            foreach (var province in provinces)
            {
                var upsert = Upsert("statistics_province_monthly", ProvinceKeys, FigureCounts.Names, values);
                yield return (upsert, [province, Date(db, month), "", procedureCode, (int)channel]);
                yield return (upsert, [province, Date(db, month), unitCode, "", (int)channel]);
            }
        }
        if (e.Officer is { } officer && e.OfficerCounts is { } o)
        {
            string[] names = ["Handled", "HandledOnTime", "HandledWithSupplement", "Rated", "RatingSum"];
            long[] officerValues = [o.Handled, o.HandledOnTime, o.HandledWithSupplement, o.Rated, o.RatingSum];
            yield return (Upsert("statistics_officer_daily", ["UnitCode", "Day", "UserName"], names, officerValues),
                [unitCode, Date(db, e.Day), officer]);
        }
    }

    private static string CountsUpsert(string table, long[] values) =>
        Upsert(table, ["UnitCode", "Day", "ProcedureCode", "Channel"], FigureCounts.Names, values);

    /// <summary>Keys as parameters {0}..; counts as integer literals (computed here, never user input).</summary>
    private static string Upsert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> names, long[] values)
    {
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(table).Append(" (");
        sql.AppendJoin(", ", keys.Concat(names).Select(n => $"\"{n}\""));
        sql.Append(") VALUES (");
        sql.AppendJoin(", ", keys.Select((_, i) => $"{{{i}}}").Concat(values.Select(v => v.ToString(CultureInfo.InvariantCulture))));
        sql.Append(") ON CONFLICT (").AppendJoin(", ", keys.Select(k => $"\"{k}\"")).Append(") DO UPDATE SET ");
        sql.AppendJoin(", ", names.Select((n, i) => (n, i)).Where(x => values[x.i] != 0)
            .Select(x => $"\"{x.n}\" = {table}.\"{x.n}\" + EXCLUDED.\"{x.n}\""));
        return sql.ToString();
    }

    /// <summary>SQLite keeps dates as yyyy-MM-dd text (as EF Core writes them); PostgreSQL as date.</summary>
    internal static object Date(MotCuaDbContext db, DateOnly day) =>
        db.IsPostgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
