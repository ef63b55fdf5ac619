using System.Net;
using MotCua.Web.Registers;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Registers;

/// <summary>
/// How an import writes its rows: sorted by folded name in chunks of <see cref="ImportRegister.SortedRows"/> (the name
/// btrees' inserts then follow each other); the report and all-or-nothing are those of a file written in its own order.
/// </summary>
public abstract class RegisterImportBatchTests(MotCuaApp app) : RegisterTestBase(app)
{
    private static readonly string[] Families = ["Trần", "Nguyễn", "Võ", "Lê", "Đặng", "Bùi", "Phạm", "Hồ", "Đỗ", "Huỳnh"];
    private static readonly string[] Given = ["Yến", "An", "Tư", "Bình", "Hoa", "Mến", "Cường", "Đạt", "Lan", "Sáu", "Khoa"];

    /// <summary>The name of the i-th row of a test file: families and given names in no order, so the file is not sorted.</summary>
    private static string NameOf(int i) => $"{Families[i % Families.Length]} {(i % 2 == 0 ? "Văn" : "Thị")} {Given[i / Families.Length % Given.Length]}";

    [Fact]
    public async Task Rows_are_written_in_name_order_and_each_entry_keeps_its_own_fields()
    {
        const int year = 1958;
        const int count = 300;
        var rows = Enumerable.Range(0, count).Select(i => Row(year, $"{i + 1}", NameOf(i), dob: $"{1900 + i % 50}", father: NameOf(i + 7))).ToList();
        var (response, report) = await ImportAsync(Header + "\n" + string.Join("\n", rows) + "\n");
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToJsonString());
        Assert.Equal(count, report["rows"]!.GetValue<int>());

        var entries = App.WithDb(db => db.RegisterEntries.Where(e => e.Year == year).OrderBy(e => e.Id)
            .Select(e => new { e.EntryNumber, e.FullName, e.NameFolded, e.BirthYear, e.FatherName }).ToList());
        Assert.Equal(count, entries.Count);
        // Every entry has the fields of its own line of the file.
        foreach (var e in entries)
        {
            var i = int.Parse(e.EntryNumber) - 1;
            Assert.Equal((NameOf(i), 1900 + i % 50, NameOf(i + 7)), (e.FullName, e.BirthYear!.Value, e.FatherName!));
        }
        // The file is not in name order; the entries were inserted (ids given) in name order.
        var fileOrder = Enumerable.Range(0, count).Select(i => entries.Single(e => e.EntryNumber == $"{i + 1}").NameFolded).ToList();
        Assert.NotEqual(fileOrder.Order(StringComparer.Ordinal), fileOrder);
        Assert.Equal(entries.Select(e => e.NameFolded).Order(StringComparer.Ordinal), entries.Select(e => e.NameFolded));
        // Found by the words of the name in any order (the full-text index of each provider).
        Assert.Contains("Bùi Thị Mến", Names(await SearchAsync($"q=men+bui&year={year}")));
    }

    [Fact]
    public async Task A_bad_row_after_the_first_sorted_chunk_keeps_nothing_and_is_reported_with_its_line()
    {
        const int year = 1957;
        var count = ImportRegister.SortedRows + 20;
        var bad = ImportRegister.SortedRows + 10; // in the second chunk: the first one was already written
        var lines = Enumerable.Range(0, count).Select(i => i == bad ? Row(year, $"{i + 1}", "") : Row(year, $"{i + 1}", NameOf(i)));
        var (response, report) = await ImportAsync(Header + "\n" + string.Join("\n", lines) + "\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(count, report["rows"]!.GetValue<int>());
        Assert.Equal(1, report["refused"]!.GetValue<int>());
        var problem = Assert.Single(report["problems"]!.AsArray())!;
        // The header is row 1.
        Assert.Equal((bad + 2, "full_name", "required"),
            (problem["row"]!.GetValue<int>(), problem["column"]!.GetValue<string>(), problem["code"]!.GetValue<string>()));
        Assert.Equal(0, App.WithDb(db => db.RegisterEntries.Count(e => e.Year == year)));
    }
}

[Collection(SqliteCollection.Name)] public sealed class RegisterImportBatchTests_Sqlite(SqliteApp app) : RegisterImportBatchTests(app);
[Collection(PostgresCollection.Name)] public sealed class RegisterImportBatchTests_Postgres(PostgresApp app) : RegisterImportBatchTests(app);
