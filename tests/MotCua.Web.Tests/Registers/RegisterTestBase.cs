using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Registers;

/// <summary>Helpers of the register tests: CSV files, import and search through the API.</summary>
public abstract class RegisterTestBase(MotCuaApp app) : ApiTestBase(app)
{
    public const string Header = "kind,unit_code,book_number,year,page,entry_number,registered_on,full_name,date_of_birth,sex,place_of_birth,father_name,mother_name,spouse_name,notes,scan_ref";
    // Units merged into Phường Thới Sơn (30502) in 2025: Nhà Bàng (30502, the code kept), Nhơn Hưng (30511), Thới Sơn (30517).
    public const string NhonHung = "30511";
    public const string OldThoiSon = "30517";

    /// <summary>A CSV row; the book year keeps each test's entries apart from the others' in the shared database.</summary>
    protected static string Row(int year, string entry, string name, string unit = "", string kind = "birth", string dob = "",
        string father = "", string mother = "", string sex = "") =>
        $"{kind},{unit},01,{year},1,{entry},,{name},{dob},{sex},,{father},{mother},,,";

    protected async Task<(HttpResponseMessage Response, JsonObject Body)> ImportAsync(string csv, string user = "officer", string unit = ThoiSon,
        string fileName = "so.csv")
    {
        using var client = await App.ClientAsync(user);
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName },
            { new StringContent(unit), "unitCode" },
        };
        var response = await client.PostAsync("/api/v1/registers/imports", content);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    protected async Task ImportOkAsync(params string[] rows)
    {
        var (response, body) = await ImportAsync(Header + "\n" + string.Join("\n", rows) + "\n");
        if (response.StatusCode != HttpStatusCode.OK) Assert.Fail($"import answered {(int)response.StatusCode}: {body.ToJsonString()}");
    }

    protected async Task<JsonArray> SearchAsync(string query, string user = "officer")
    {
        using var client = await App.ClientAsync(user);
        var response = await client.GetAsync("/api/v1/registers/entries?" + query);
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
    }

    protected static List<string> Names(JsonArray items) => items.Select(i => i!["fullName"]!.GetValue<string>()).ToList();

    protected static string Q(string text) => Uri.EscapeDataString(text);
}
