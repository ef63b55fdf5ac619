using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace MotCua.Data;

/// <summary>
/// PostgreSQL: a new dossier's id, drawn when it is added rather than returned by its insert, so that EF sends the
/// dossier and the rows that reference it (its first control sheet line) in one batch — one round trip of an intake
/// instead of two. The ids come from the column's own identity sequence, <see cref="BlockSize"/> at a time per app
/// process and database (one statement per block), so rows inserted without an id (bulk loads, SQL) keep drawing from
/// the same sequence and never collide. Ids of a block a process did not use are skipped; ids carry no meaning.
/// </summary>
public sealed class DossierIdBlocks : ValueGenerator<long>
{
    public const int BlockSize = 32;

    private static readonly string DrawSql =
        $"SELECT nextval(pg_get_serial_sequence('dossiers', 'Id')) FROM generate_series(1, {BlockSize})";

    // Per database (several test apps live in one process): host, port and database name.
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<long>> Blocks = new();

    public override bool GeneratesTemporaryValues => false;

    public override long Next(EntityEntry entry)
    {
        var (queue, connection, transaction) = Target(entry.Context);
        long id;
        while (!queue.TryDequeue(out id))
        {
            using var command = Command(connection, transaction);
            var opened = Open(connection);
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read()) queue.Enqueue(reader.GetInt64(0));
            }
            finally { if (opened) connection.Close(); }
        }
        return id;
    }

    public override ValueTask<long> NextAsync(EntityEntry entry, CancellationToken cancellationToken = default) =>
        NextAsync(entry.Context, cancellationToken);

    /// <summary>The next id for a dossier added without the change tracker (<see cref="MotCuaDbContext.AddReceivedDossierAsync"/>).</summary>
    public static async ValueTask<long> NextAsync(DbContext db, CancellationToken cancellationToken)
    {
        var (queue, connection, transaction) = Target(db);
        long id;
        while (!queue.TryDequeue(out id))
        {
            await using var command = Command(connection, transaction);
            var opened = connection.State != ConnectionState.Open;
            if (opened) await connection.OpenAsync(cancellationToken);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) queue.Enqueue(reader.GetInt64(0));
            }
            finally { if (opened) await connection.CloseAsync(); }
        }
        return id;
    }

    protected override object NextValue(EntityEntry entry) => Next(entry);

    private static (ConcurrentQueue<long>, DbConnection, DbTransaction?) Target(DbContext db)
    {
        var database = db.Database;
        var connection = database.GetDbConnection();
        var queue = Blocks.GetOrAdd(connection.DataSource + "/" + connection.Database, _ => new ConcurrentQueue<long>());
        return (queue, connection, database.CurrentTransaction?.GetDbTransaction());
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = DrawSql;
        command.Transaction = transaction;
        return command;
    }

    private static bool Open(DbConnection connection)
    {
        if (connection.State == ConnectionState.Open) return false;
        connection.Open();
        return true;
    }
}
