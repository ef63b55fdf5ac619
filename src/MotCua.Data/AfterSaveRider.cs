using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MotCua.Data;

/// <summary>
/// Appends the statements queued with <see cref="MotCuaDbContext.ExecuteAfterSave"/> to the first command of the save in
/// progress (PostgreSQL), so they travel with the save's inserts instead of in a round trip of their own. Their errors
/// come back with the save's, and they commit or roll back with it. A save that sends no command leaves them to
/// <see cref="MotCuaDbContext.SaveChangesAsync(bool, CancellationToken)"/>, which runs them itself. For
/// <see cref="MotCuaDbContext.SaveChangesAndCommitAsync"/>, when the save may carry it, the command ends with the COMMIT.
/// </summary>
public sealed partial class AfterSaveRider : DbCommandInterceptor
{
    public static readonly AfterSaveRider Instance = new();

    private AfterSaveRider() { }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Ride(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Ride(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Ride(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource != CommandSource.SaveChanges || eventData.Context is not MotCuaDbContext db) return;
        // MotCuaDbContext lets the COMMIT ride only with a save of one command; a second one would run outside the
        // transaction, so it is refused before it is sent.
        if (db.CommitSent)
            throw new InvalidOperationException("This save was committed with its first command; a second command of the same save is refused.");
        var batch = db.TakeRiding();
        var commit = db.TakeCommit();
        if (batch is null && !commit) return;
        // EF names the save's parameters (@p0…); the appended ones get names of their own.
        var text = command.CommandText.TrimEnd().TrimEnd(';') + ";\n";
        if (batch is { } queued)
        {
            text += SqlTexts.Get(Named, queued.Sql, sql => Placeholder().Replace(sql, m => "@after_save_" + m.Groups[1].Value));
            for (var i = 0; i < queued.Args.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "after_save_" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = queued.Args[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
        }
        command.CommandText = commit ? text.TrimEnd().TrimEnd(';') + ";\nCOMMIT;" : text;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Named = new();

    /// <summary>A placeholder {n} of a queued statement.</summary>
    [GeneratedRegex(@"\{(\d+)\}")]
    internal static partial Regex Placeholder();
}
