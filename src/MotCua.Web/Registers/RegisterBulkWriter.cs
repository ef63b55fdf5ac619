using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MotCua.Core.Registers;
using MotCua.Core.Units;
using Npgsql;
using NpgsqlTypes;

namespace MotCua.Web.Registers;

/// <summary>
/// Writes validated rows into register_entries inside the caller's open transaction: binary COPY on PostgreSQL, one
/// prepared INSERT reused for every row on SQLite (the FTS5 triggers index each row).
/// </summary>
public abstract class RegisterBulkWriter : IAsyncDisposable
{
    /// <summary>Every column written, in order.</summary>
    protected static readonly string[] Columns =
    [
        "Kind", "BookUnitCode", "UnitCode", "ProvinceCode", "BookNumber", "Year", "Page", "EntryNumber", "RegisteredOn", "FullName",
        "NameFolded", "NameSpelling", "DateOfBirth", "BirthYear", "Sex", "PlaceOfBirth", "FatherName", "MotherName", "SpouseName",
        "RelativesFolded", "FatherFolded", "MotherFolded", "SpouseFolded", "Notes", "ScanReference", "ImportId", "CreatedAt", "CreatedBy",
    ];

    public sealed record Context(string UnitCode, string ProvinceCode, long ImportId, DateTimeOffset At, string By);

    public static async Task<RegisterBulkWriter> OpenAsync(DbConnection connection, DbTransaction transaction, Context context, CancellationToken ct) =>
        connection switch
        {
            NpgsqlConnection pg => await PostgresWriter.OpenAsync(pg, context, ct),
            SqliteConnection sqlite => SqliteWriter.Open(sqlite, (SqliteTransaction)transaction, context),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };

    public abstract ValueTask WriteAsync(RegisterRow row, CancellationToken ct);

    /// <summary>Ends the write; without it the rows written are dropped with the transaction.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    private sealed class PostgresWriter(NpgsqlBinaryImporter copy, Context c) : RegisterBulkWriter
    {
        public static async Task<RegisterBulkWriter> OpenAsync(NpgsqlConnection connection, Context c, CancellationToken ct)
        {
            var sql = $"COPY register_entries ({string.Join(", ", Columns.Select(x => $"\"{x}\""))}) FROM STDIN (FORMAT BINARY)";
            return new PostgresWriter(await connection.BeginBinaryImportAsync(sql, ct), c);
        }

        public override async ValueTask WriteAsync(RegisterRow r, CancellationToken ct)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.Kind.ToString(), NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.BookUnitCode, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(c.UnitCode, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(c.ProvinceCode, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.BookNumber, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Year, NpgsqlDbType.Integer, ct);
            await Nullable(r.Page, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.EntryNumber, NpgsqlDbType.Varchar, ct);
            await Nullable(r.RegisteredOn, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(r.FullName, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.NameFolded, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.NameSpelling, NpgsqlDbType.Varchar, ct);
            await Nullable(r.DateOfBirth, NpgsqlDbType.Date, ct);
            await Nullable(r.BirthYear, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Sex.ToString(), NpgsqlDbType.Varchar, ct);
            await Text(r.PlaceOfBirth, ct);
            await Text(r.FatherName, ct);
            await Text(r.MotherName, ct);
            await Text(r.SpouseName, ct);
            await copy.WriteAsync(r.RelativesFolded, NpgsqlDbType.Varchar, ct);
            await Text(r.FatherFolded, ct);
            await Text(r.MotherFolded, ct);
            await Text(r.SpouseFolded, ct);
            await Text(r.Notes, ct);
            await Text(r.ScanReference, ct);
            await copy.WriteAsync(c.ImportId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(c.At.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(c.By, NpgsqlDbType.Varchar, ct);
        }

        private async Task Nullable<T>(T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
        {
            if (value is { } v) await copy.WriteAsync(v, type, ct);
            else await copy.WriteNullAsync(ct);
        }

        private async Task Text(string? value, CancellationToken ct)
        {
            if (value is null) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);
        }

        public override async ValueTask CompleteAsync(CancellationToken ct) => await copy.CompleteAsync(ct);

        public override ValueTask DisposeAsync() => copy.DisposeAsync();
    }

    private sealed class SqliteWriter : RegisterBulkWriter
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _p;
        private readonly Context _c;

        private SqliteWriter(SqliteCommand insert, SqliteParameter[] p, Context c) => (_insert, _p, _c) = (insert, p, c);

        public static RegisterBulkWriter Open(SqliteConnection connection, SqliteTransaction transaction, Context c)
        {
            var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO register_entries ({string.Join(", ", Columns.Select(x => $"\"{x}\""))}) " +
                                 $"VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
            var p = Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            insert.Prepare();
            return new SqliteWriter(insert, p, c);
        }

        public override async ValueTask WriteAsync(RegisterRow r, CancellationToken ct)
        {
            object?[] values =
            [
                r.Kind.ToString(), r.BookUnitCode, _c.UnitCode, _c.ProvinceCode, r.BookNumber, r.Year, r.Page, r.EntryNumber, Day(r.RegisteredOn),
                r.FullName, r.NameFolded, r.NameSpelling, Day(r.DateOfBirth), r.BirthYear, r.Sex.ToString(),
                r.PlaceOfBirth, r.FatherName, r.MotherName, r.SpouseName, r.RelativesFolded, r.FatherFolded, r.MotherFolded, r.SpouseFolded, r.Notes, r.ScanReference, _c.ImportId,
                _c.At.UtcTicks, _c.By,
            ];
            for (var i = 0; i < values.Length; i++) _p[i].Value = values[i] ?? DBNull.Value;
            await _insert.ExecuteNonQueryAsync(ct);
        }

        // EF Core stores DateOnly as TEXT yyyy-MM-dd on SQLite.
        private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public override ValueTask CompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;

        public override ValueTask DisposeAsync()
        {
            _insert.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
