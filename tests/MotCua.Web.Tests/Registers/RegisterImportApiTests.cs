using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Registers;

/// <summary>Import of register files: all rows or none, with the refused rows and why.</summary>
public abstract class RegisterImportApiTests(MotCuaApp app) : RegisterTestBase(app)
{
    [Fact]
    public async Task The_sample_file_in_docs_imports()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RootOf(), "docs/samples/registers-sample.csv"));
        // A rerun of the same file is refused as a whole: its entries are there already.
        var (first, report) = await ImportAsync(sample, fileName: "sample.csv");
        Assert.True(first.StatusCode == HttpStatusCode.OK, report.ToJsonString());
        Assert.Equal(4, report["rows"]!.GetValue<int>());
        var (again, refused) = await ImportAsync(sample, fileName: "sample.csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("alreadyImported", refused["problems"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_excel_sample_in_docs_imports()
    {
        using var client = await App.ClientAsync("officer");
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RootOf(), "docs/samples/registers-sample.xlsx"))), "file", "so.xlsx" },
            { new StringContent(ThoiSon), "unitCode" },
        };
        var response = await client.PostAsync("/api/v1/registers/imports", content);
        await ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonObject>())!["rows"]!.GetValue<int>());
        var found = Assert.Single(await SearchAsync("q=vo+thi+diem&year=1986"));
        Assert.Equal("1986-01-28", found!["dateOfBirth"]!.GetValue<string>());
        Assert.Single(await SearchAsync("parent=bui+thi+mai&year=1990"));
    }

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_reports_every_refused_row()
    {
        var before = App.WithDb(db => db.RegisterEntries.Count());
        var csv = Header + "\n" + string.Join("\n",
            Row(1971, "1", "Vũ Văn Tốt"),
            Row(1971, "2", "", dob: "1971-13-01"),
            Row(1971, "3", "Vũ Thị Tư", unit: "30112"),
            Row(1971, "1", "Vũ Văn Tốt"),
            Row(1971, "5", "Vũ Văn Năm", kind: "baptism", sex: "x"),
            Row(3000, "6", "Vũ Văn Sáu")) + "\n";
        var (response, report) = await ImportAsync(csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(report["imported"]!.GetValue<bool>());
        Assert.Equal(6, report["rows"]!.GetValue<int>());
        Assert.Equal(5, report["refused"]!.GetValue<int>());
        var problems = report["problems"]!.AsArray().Select(p => (p!["row"]!.GetValue<int>(), p["column"]!.GetValue<string>(), p["code"]!.GetValue<string>())).ToList();
        Assert.Equal([
            (3, "full_name", "required"), (3, "date_of_birth", "invalid"),
            (4, "unit_code", "unitNotInLineage"),
            (5, "entry_number", "duplicateInFile"),
            (6, "kind", "invalid"), (6, "sex", "invalid"),
            (7, "year", "outOfRange"),
        ], problems);
        Assert.All(report["problems"]!.AsArray(), p => Assert.False(string.IsNullOrWhiteSpace(p!["message"]!.GetValue<string>())));
        Assert.Equal(before, App.WithDb(db => db.RegisterEntries.Count()));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_and_only_the_units_staff_may_import()
    {
        var (response, report) = await ImportAsync("kind,year,full_name\nbirth,1972,Lý Văn Bảy\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["book_number", "entry_number"], report["problems"]!.AsArray().Select(p => p!["column"]!.GetValue<string>()).ToList());

        var csv = Header + "\n" + Row(1972, "1", "Lý Văn Bảy") + "\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(csv, user: "officer2")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(csv, user: "specialist")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(csv, user: "citizen")).Response.StatusCode);
        var (byAdmin, _) = await ImportAsync(csv, user: "admin");
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public async Task A_found_entry_starts_an_extract_dossier_linked_to_it()
    {
        await ImportOkAsync(Row(1973, "1", "Hoàng Thị Mến", dob: "1973-04-05"));
        var id = (await SearchAsync("q=hoang+thi+men&year=1973"))[0]!["id"]!.GetValue<long>();
        using var client = await App.ClientAsync("officer");
        var response = await client.PostAsJsonAsync($"/api/v1/registers/entries/{id}/extract-dossier",
            new { applicant = Applicant(), copies = 2 });
        await ExpectAsync(response, HttpStatusCode.Created);
        var dossier = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("2.000635", dossier["procedureCode"]!.GetValue<string>());
        Assert.Equal("Hoàng Thị Mến", dossier["formData"]!["subjectFullName"]!.GetValue<string>());
        Assert.Equal("1973-04-05", dossier["formData"]!["subjectDateOfBirth"]!.GetValue<string>());
        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/registers/entries/{id}");
        Assert.Equal(Code(dossier), detail!["dossiers"]![0]!.GetValue<string>());

        using var other = await App.ClientAsync("officer2");
        await ProblemAsync(await other.PostAsJsonAsync($"/api/v1/registers/entries/{id}/extract-dossier", new { applicant = Applicant() }), HttpStatusCode.NotFound);
    }

    private static string RootOf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MotCua.sln"))) return dir.FullName;
        throw new InvalidOperationException("MotCua.sln not found");
    }
}

[Collection(SqliteCollection.Name)] public sealed class RegisterImportApiTests_Sqlite(SqliteApp app) : RegisterImportApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class RegisterImportApiTests_Postgres(PostgresApp app) : RegisterImportApiTests(app);
