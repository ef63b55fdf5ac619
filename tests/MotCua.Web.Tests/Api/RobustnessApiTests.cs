using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>The cases a review found: races, malformed input, local times without offset, and scope corners.</summary>
public abstract class RobustnessApiTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Eight_simultaneous_actions_on_one_version_give_one_success_and_seven_conflicts()
    {
        var d = await ReceiveAsync();
        var users = new[] { "officer", "officer", "leader", "officer", "leader", "officer", "leader", "officer" };
        var responses = await Task.WhenAll(users.Select((u, i) => i % 2 == 0
            ? ActAsync(u, Code(d), "assign", 1, assignee: "specialist")
            : ActAsync(u, Code(d), "reject", 1, note: "Không đủ điều kiện")));
        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == 200));
        Assert.Equal(7, codes.Count(c => c == 409));
        using var client = await App.ClientAsync("officer");
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonArray>($"/api/v1/dossiers/{Code(d)}/history"))!.Count);
    }

    [Fact]
    public async Task An_apology_is_refused_before_the_dossier_is_late()
    {
        var d = await ReceiveAsync(MaritalStatus);
        var response = await ActAsync("officer", Code(d), "apologize", 1, note: "x", newDueAt: DateTimeOffset.UtcNow.AddDays(200));
        Assert.Contains("quá hạn", (await ProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_assignee_typed_in_capitals_is_stored_as_the_account_name_and_can_work()
    {
        var d = await ReceiveAsync();
        d = await ActOkAsync("officer", d, "assign", assignee: "SPECIALIST");
        Assert.Equal("specialist", d["assignee"]!.GetValue<string>());
        await ActOkAsync("specialist", d, "startProcessing");
    }

    [Fact]
    public async Task A_dossier_cannot_be_routed_to_the_province_itself()
    {
        using var client = await App.ClientAsync("officer");
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(unit: AnGiang)), HttpStatusCode.BadRequest);
        Assert.Equal(["unitCode"], ErrorKeys(problem));
    }

    [Fact]
    public async Task A_receipt_time_without_offset_is_Vietnam_time()
    {
        App.Clock.SetVietnamTime(2026, 3, 9, 10);
        using var client = await App.ClientAsync("officer");
        var body = await IntakeBodyAsync(MaritalStatus, channel: "backEntry");
        body["receivedAt"] = "2026-03-04T09:00:00";
        var response = await client.PostAsJsonAsync("/api/v1/dossiers", body);
        await ExpectAsync(response, HttpStatusCode.Created);
        var d = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Vn(2026, 3, 4, 9), Time(d, "receivedAt"));
        Assert.Equal(Vn(2026, 3, 9, 9), Time(d, "dueAt"));
    }

    [Fact]
    public async Task Unreadable_bodies_are_400_problems_that_name_the_field()
    {
        using var client = await App.ClientAsync("officer");
        var broken = await client.PostAsync("/api/v1/dossiers", new StringContent("{\"channel\":\"counter\"", Encoding.UTF8, "application/json"));
        var p1 = await ProblemAsync(broken, HttpStatusCode.BadRequest);
        Assert.NotNull(p1["errors"]);
        var body = await IntakeBodyAsync();
        body["applicant"]!["dateOfBirth"] = "12/05/1995";
        var badDate = await client.PostAsJsonAsync("/api/v1/dossiers", body);
        Assert.Equal(["applicant.dateOfBirth"], ErrorKeys(await ProblemAsync(badDate, HttpStatusCode.BadRequest)));
        var d = await ReceiveAsync();
        var badVersion = await client.PostAsync($"/api/v1/dossiers/{Code(d)}/actions",
            new StringContent("{\"action\":\"assign\",\"version\":\"abc\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(["version"], ErrorKeys(await ProblemAsync(badVersion, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task The_province_admin_reads_but_cannot_change_a_dossier()
    {
        var d = await ReceiveAsync();
        using var admin = await App.ClientAsync("admin");
        var seen = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(d)}");
        Assert.Empty(seen!["availableActions"]!.AsArray());
        using var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 x"u8.ToArray()), "file", "a.pdf" } };
        await ProblemAsync(await admin.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", content), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Search_by_name_ignores_accents_and_case_and_by_code_ignores_case()
    {
        var d = await ReceiveAsync(applicant: Applicant("Trần Thị Ánh Nguyệt", "091195007777"));
        using var client = await App.ClientAsync("officer");
        foreach (var q in new[] { "tran thi anh nguyet", "TRẦN THỊ ÁNH", "anh nguyet", Code(d).ToLowerInvariant() })
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers?pageSize=200&q={Uri.EscapeDataString(q)}");
            Assert.Contains(page!["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == Code(d));
        }
    }
}

[Collection(SqliteCollection.Name)] public sealed class RobustnessApiTests_Sqlite(SqliteApp app) : RobustnessApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class RobustnessApiTests_Postgres(PostgresApp app) : RobustnessApiTests(app);
