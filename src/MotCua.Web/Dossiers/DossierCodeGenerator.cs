using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MotCua.Core.Dossiers;
using MotCua.Data;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Hands out the next serial of the day for an agency with one atomic upsert on <c>dossier_code_counters</c>, inside the
/// caller's transaction: on PostgreSQL the row lock serializes concurrent intakes of the same agency and day until commit
/// (several app nodes included); on SQLite the database has a single writer. The unique index on the code is the last guard.
/// </summary>
public static class DossierCodeGenerator
{
    public static async Task<string> NextAsync(MotCuaDbContext db, string agencyCode, DateOnly receiptDate, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Dossier codes are handed out inside the intake transaction.");
        command.CommandText =
            """
            INSERT INTO dossier_code_counters ("AgencyCode", "Date", "LastSerial") VALUES (@agency, @date, 1)
            ON CONFLICT ("AgencyCode", "Date") DO UPDATE SET "LastSerial" = dossier_code_counters."LastSerial" + 1
            RETURNING "LastSerial";
            """;
        AddParameter(command, "@agency", agencyCode);
        AddParameter(command, "@date", db.IsPostgres ? receiptDate : receiptDate.ToString("yyyy-MM-dd"));
        var serial = Convert.ToInt32(await command.ExecuteScalarAsync(ct));
        return DossierCode.Format(agencyCode, receiptDate, serial);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
