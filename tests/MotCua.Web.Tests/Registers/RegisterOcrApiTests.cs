using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Registers;

/// <summary>A fact that runs only where Debian's tesseract with the Vietnamese data is installed (test.sh installs it).</summary>
public sealed class TesseractFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("tesseract", "--list-langs") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return output.Split('\n').Any(l => l.Trim() == "vie");
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    });

    public TesseractFactAttribute()
    {
        if (!Installed.Value)
            Skip = "tesseract with Vietnamese data is not installed: apt-get install tesseract-ocr tesseract-ocr-vie (./test.sh does)";
    }
}

/// <summary>Scanned pages: OCR with Tesseract, the text searchable without accents, entries typed from a page.</summary>
public abstract class RegisterOcrApiTests(MotCuaApp app) : RegisterTestBase(app)
{
    [TesseractFact]
    public async Task An_uploaded_page_is_read_in_vietnamese_searchable_and_turned_into_an_entry()
    {
        var image = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Registers", "ocr-sample.png"));
        using var client = await App.ClientAsync("officer");
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(image), "file", "page.png" },
            { new StringContent("birth"), "kind" }, { new StringContent(OldThoiSon), "bookUnitCode" },
            { new StringContent("01"), "bookNumber" }, { new StringContent("1978"), "year" }, { new StringContent("12"), "pageNumber" },
        };
        var response = await client.PostAsync("/api/v1/registers/pages", content);
        await ExpectAsync(response, HttpStatusCode.Created);
        var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var text = page["ocrText"]!.GetValue<string>();
        Assert.Contains("Nguyễn Thị Hằng", text);
        Assert.Contains("Trần Văn Đức", text);
        var id = page["id"]!.GetValue<long>();

        var hits = await client.GetFromJsonAsync<JsonArray>("/api/v1/registers/pages?q=nguyen+thi+hang+tran+van+duc");
        Assert.Contains(hits!, h => h!["id"]!.GetValue<long>() == id);
        using var other = await App.ClientAsync("officer2");
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonArray>("/api/v1/registers/pages?q=nguyen+thi+hang"))!, h => h!["id"]!.GetValue<long>() == id);
        var imageResponse = await client.GetAsync($"/api/v1/registers/pages/{id}/image");
        Assert.Equal("image/png", imageResponse.Content.Headers.ContentType?.MediaType);

        var typed = await client.PostAsJsonAsync($"/api/v1/registers/pages/{id}/entries", new Dictionary<string, string>
        {
            ["entryNumber"] = "12-ocr", ["fullName"] = "Nguyễn Thị Hằng", ["dateOfBirth"] = "1978-03-05", ["sex"] = "nữ",
            ["fatherName"] = "Trần Văn Đức", ["motherName"] = "Lê Thị Ánh",
        });
        await ExpectAsync(typed, HttpStatusCode.Created);
        var found = await SearchAsync("q=nguyen+thi+hang&parent=tran+van+duc&year=1978");
        Assert.Contains(found, e => e!["pageId"]!.GetValue<long?>() == id && e["bookUnitCode"]!.GetValue<string>() == OldThoiSon);

        var invalid = await client.PostAsJsonAsync($"/api/v1/registers/pages/{id}/entries", new Dictionary<string, string> { ["fullName"] = "" });
        var problem = await ProblemAsync(invalid, HttpStatusCode.BadRequest);
        Assert.Equal(["entryNumber", "fullName"], ErrorKeys(problem));
    }
}

[Collection(SqliteCollection.Name)] public sealed class RegisterOcrApiTests_Sqlite(SqliteApp app) : RegisterOcrApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class RegisterOcrApiTests_Postgres(PostgresApp app) : RegisterOcrApiTests(app);
