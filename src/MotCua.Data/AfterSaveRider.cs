using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MotCua.Data;

/// <summary>
/// Appends the statements queued with <see cref="MotCuaDbContext.ExecuteAfterSave"/> to the first command of the save in
/// progress (PostgreSQL), so they travel with the save's inserts instead of in a round trip of their own. Their errors
/// come back with the save's, and they commit or roll back with it. A save that sends no command leaves them to
/// <see cref="MotCuaDbContext.SaveChangesAsync(bool, CancellationToken)"/>, which runs them itself.
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
        if (eventData.CommandSource != CommandSource.SaveChanges || eventData.Context is not MotCuaDbContext db
            || db.TakeRiding() is not { } batch) return;
        // EF names the save's parameters (@p0…); the appended ones get names of their own.
        command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + ";\n"
            + SqlTexts.Get(Named, batch.Sql, sql => Placeholder().Replace(sql, m => "@after_save_" + m.Groups[1].Value));
        for (var i = 0; i < batch.Args.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "after_save_" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = batch.Args[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Named = new();

    /// <summary>A placeholder {n} of a queued statement.</summary>
    [GeneratedRegex(@"\{(\d+)\}")]
    internal static partial Regex Placeholder();
}
