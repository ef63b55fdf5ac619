using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>Shared helpers of the HTTP tests; every test class runs once per provider through a subclass.</summary>
public abstract class ApiTestBase : IDisposable
{
    public const string ThoiSon = "30502";      // Phường Thới Sơn, An Giang (demo unit)
    public const string AnGiang = "91";
    public const string MyHiep = "30112";       // Xã Mỹ Hiệp, Đồng Tháp
    public const string DongThap = "82";
    public const string BirthRegistration = "1.001193";          // 1 working day, cutoff 15:00, full online, e-ID 2
    public const string MaritalStatus = "1.004873";              // 3 working days, full online
    public const string CopyCertification = "2.000815";          // not online
    public const string LandChange = "1.013831";                 // settled by the province's land registration office

    protected ApiTestBase(MotCuaApp app)
    {
        App = app;
        App.Clock.Reset();
    }

    protected MotCuaApp App { get; }

    public void Dispose()
    {
        App.Clock.Reset();
        GC.SuppressFinalize(this);
    }

    protected static JsonObject Applicant(string name = "Nguyễn Văn An", string id = "091095001234") => new()
    {
        ["fullName"] = name,
        ["idNumber"] = id,
        ["dateOfBirth"] = "1995-05-12",
        ["phone"] = "0912345678",
        ["email"] = "an.nguyen@example.vn",
        ["address"] = "Khóm 3, phường Thới Sơn, tỉnh An Giang",
    };

    /// <summary>Form data that satisfies the required fields of the procedure in the seed catalog.</summary>
    protected async Task<JsonObject> ValidFormDataAsync(string procedureCode)
    {
        using var client = await App.ClientAsync();
        return await ValidFormDataAsync(client, procedureCode);
    }

    /// <summary>Form data that satisfies the required fields of the procedure, read from the catalog through <paramref name="client"/>.</summary>
    public static Task<JsonObject> ValidFormDataAsync(HttpClient client, string procedureCode) => SampleFormData.ForAsync(client, procedureCode);

    protected async Task<JsonObject> IntakeBodyAsync(string procedure = BirthRegistration, string unit = ThoiSon, string channel = "counter",
        JsonObject? applicant = null) => new()
    {
        ["procedureCode"] = procedure,
        ["unitCode"] = unit,
        ["channel"] = channel,
        ["applicant"] = applicant ?? Applicant(),
        ["formData"] = await ValidFormDataAsync(procedure),
    };

    /// <summary>Receives a dossier at the Thới Sơn counter and returns its JSON.</summary>
    protected async Task<JsonObject> ReceiveAsync(string procedure = BirthRegistration, string user = "officer", string channel = "counter",
        string unit = ThoiSon, JsonObject? applicant = null)
    {
        using var client = await App.ClientAsync(user);
        var response = await client.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(procedure, unit, channel, applicant));
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    protected async Task<HttpResponseMessage> ActAsync(string user, string code, string action, int version, string? note = null,
        string? assignee = null, DateTimeOffset? newDueAt = null, string? targetAgency = null)
    {
        using var client = await App.ClientAsync(user);
        var body = new JsonObject { ["action"] = action, ["version"] = version };
        if (note is not null) body["note"] = note;
        if (assignee is not null) body["assignee"] = assignee;
        if (newDueAt is not null) body["newDueAt"] = newDueAt.Value.ToString("O");
        if (targetAgency is not null) body["targetAgency"] = targetAgency;
        return await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/actions", body);
    }

    /// <summary>Acts and expects success; returns the dossier after the action.</summary>
    protected async Task<JsonObject> ActOkAsync(string user, JsonObject dossier, string action, string? note = null, string? assignee = null,
        DateTimeOffset? newDueAt = null, string? targetAgency = null)
    {
        var response = await ActAsync(user, Code(dossier), action, Version(dossier), note, assignee, newDueAt, targetAgency);
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    protected static string Code(JsonObject dossier) => dossier["code"]!.GetValue<string>();
    protected static int Version(JsonObject dossier) => dossier["version"]!.GetValue<int>();
    protected static string Status(JsonObject dossier) => dossier["status"]!.GetValue<string>();

    protected static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
    }

    protected static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ExpectAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    protected static IReadOnlyList<string> ErrorKeys(JsonObject problem) =>
        problem["errors"]!.AsObject().Select(e => e.Key).Order().ToList();

    protected int CountDossiers() => App.WithDb(db => db.Dossiers.Count());

    protected static DateTimeOffset Vn(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(7));

    protected static DateTimeOffset Time(JsonObject o, string property) =>
        DateTimeOffset.Parse(o[property]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
