using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Registers;

/// <summary>
/// Entries imported before the RegisterRelativeNames migration have the relatives' names folded together only: the
/// start-up backfill folds each name, found through a partial index that is empty once it has run.
/// </summary>
public abstract class RegisterRelativesBackfillTests(MotCuaApp app) : RegisterTestBase(app)
{
    [Fact]
    public async Task Entries_imported_before_the_relatives_were_folded_one_by_one_are_filled_and_found_by_the_exact_parent_step()
    {
        await ImportOkAsync(
            Row(1969, "1", "Phạm Thị Tư", father: "Đỗ Văn Đạt", mother: "LÊ THỊ HOA"),
            Row(1969, "2", "Hồ Văn Năm", mother: "Lê Thị Hoài"),
            Row(1969, "3", "Mai Văn Sáu"));
        // As the entries of that time are: the combined text only.
        App.WithDb(db => db.Database.ExecuteSqlRaw(
            "UPDATE register_entries SET \"FatherFolded\" = NULL, \"MotherFolded\" = NULL, \"SpouseFolded\" = NULL WHERE \"Year\" = 1969"));
        Assert.Equal(2, PendingCount());

        Assert.Equal(2, App.WithDb(db => RegisterRelativesBackfill.RunAsync(db).GetAwaiter().GetResult()));

        var entries = App.WithDb(db => db.RegisterEntries.Where(e => e.Year == 1969).OrderBy(e => e.EntryNumber)
            .Select(e => new { e.FatherFolded, e.MotherFolded, e.SpouseFolded, e.RelativesFolded }).ToList());
        Assert.Equal(new { FatherFolded = (string?)"do van dat", MotherFolded = (string?)"le thi hoa", SpouseFolded = (string?)null, RelativesFolded = "do van dat le thi hoa" }, entries[0]);
        Assert.Equal(new { FatherFolded = (string?)null, MotherFolded = (string?)"le thi hoai", SpouseFolded = (string?)null, RelativesFolded = "le thi hoai" }, entries[1]);
        Assert.Equal(new { FatherFolded = (string?)null, MotherFolded = (string?)null, SpouseFolded = (string?)null, RelativesFolded = "" }, entries[2]);
        Assert.Equal(0, PendingCount());
        Assert.Equal(0, App.WithDb(db => RegisterRelativesBackfill.RunAsync(db).GetAwaiter().GetResult()));

        // The exact mother's name again ranks first (the exact-parent step reads the filled column); "hoai" only holds the words.
        var found = await SearchAsync("parent=le+thi+hoa&year=1969");
        Assert.Equal(["Phạm Thị Tư", "Hồ Văn Năm"], Names(found));
        Assert.Equal(1, App.WithDb(db => db.RegisterEntries.Count(e => e.Year == 1969 && e.MotherFolded == "le thi hoa")));
    }

    [Fact]
    public void The_start_up_check_reads_the_partial_index_not_the_table()
    {
        var plan = App.WithDb(db =>
        {
            var connection = db.Database.GetDbConnection();
            connection.Open();
            using var tx = connection.BeginTransaction();
            if (db.IsPostgres)
                using (var off = connection.CreateCommand()) { off.Transaction = tx; off.CommandText = "SET LOCAL enable_seqscan = off"; off.ExecuteNonQuery(); }
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = (db.IsPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") +
                $"SELECT \"Id\" FROM register_entries WHERE {RegisterRelativesBackfill.Pending} ORDER BY \"Id\" LIMIT {RegisterRelativesBackfill.BatchSize}";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read()) lines.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
            return string.Join("\n", lines);
        });
        Assert.Contains(RegisterRelativesBackfill.IndexName, plan);
    }

    private int PendingCount() => App.WithDb(db =>
        db.Database.SqlQueryRaw<int>($"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM register_entries WHERE {RegisterRelativesBackfill.Pending}").Single());
}

[Collection(SqliteCollection.Name)] public sealed class RegisterRelativesBackfillTests_Sqlite(SqliteApp app) : RegisterRelativesBackfillTests(app);
[Collection(PostgresCollection.Name)] public sealed class RegisterRelativesBackfillTests_Postgres(PostgresApp app) : RegisterRelativesBackfillTests(app);
