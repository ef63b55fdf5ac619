using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>Who sees what: staff their unit, a citizen their own, the province admin the province; anything else is 404.</summary>
public abstract class DossierScopeApiTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Another_units_officer_gets_404_on_every_dossier_endpoint()
    {
        var d = await ReceiveAsync();
        using var other = await App.ClientAsync("officer2");
        foreach (var path in new[] { "", "/history", "/receipt" })
            await ProblemAsync(await other.GetAsync($"/api/v1/dossiers/{Code(d)}{path}"), HttpStatusCode.NotFound);
        await ProblemAsync(await ActAsync("officer2", Code(d), "assign", 1, assignee: "specialist"), HttpStatusCode.NotFound);
        using var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 test"u8.ToArray()), "file", "a.pdf" } };
        await ProblemAsync(await other.PostAsync($"/api/v1/dossiers/{Code(d)}/documents", content), HttpStatusCode.NotFound);
        var list = await other.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers?q={Code(d)}");
        Assert.Equal(0, list!["total"]!.GetValue<int>());
        var unitFilter = await other.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers?unit={ThoiSon}");
        Assert.Equal(0, unitFilter!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_citizen_sees_only_their_own_dossiers()
    {
        var mine = await ReceiveAsync(MaritalStatus, user: "citizen", channel: "online");
        var counter = await ReceiveAsync(MaritalStatus);
        await App.EnsureUserAsync("citizen-b", "Citizen", null, AnGiang);
        using var other = await App.ClientAsync("citizen-b");
        await ProblemAsync(await other.GetAsync($"/api/v1/dossiers/{Code(mine)}"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonObject>("/api/v1/dossiers"))!["total"]!.GetValue<int>());
        using var citizen = await App.ClientAsync("citizen");
        await ExpectAsync(await citizen.GetAsync($"/api/v1/dossiers/{Code(mine)}"), HttpStatusCode.OK);
        await ProblemAsync(await citizen.GetAsync($"/api/v1/dossiers/{Code(counter)}"), HttpStatusCode.NotFound);
        var list = await citizen.GetFromJsonAsync<JsonObject>("/api/v1/dossiers?pageSize=200");
        Assert.All(list!["items"]!.AsArray(), i => Assert.NotEqual(Code(counter), i!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_province_admin_sees_every_unit_of_the_province_but_not_another_province()
    {
        var thoiSon = await ReceiveAsync();
        var dongThap = await ReceiveAsync(user: "officer2", unit: MyHiep);
        using var admin = await App.ClientAsync("admin");
        await ExpectAsync(await admin.GetAsync($"/api/v1/dossiers/{Code(thoiSon)}"), HttpStatusCode.OK);
        await ProblemAsync(await admin.GetAsync($"/api/v1/dossiers/{Code(dongThap)}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_of_the_receiving_unit_see_the_dossier_for_its_receipt_but_cannot_act_on_it()
    {
        var d = await ReceiveAsync(BirthRegistration, user: "officer2", unit: "28270");
        using var receiving = await App.ClientAsync("officer2");
        var seen = await receiving.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(d)}");
        Assert.Empty(seen!["availableActions"]!.AsArray());
        await ExpectAsync(await receiving.GetAsync($"/api/v1/dossiers/{Code(d)}/receipt"), HttpStatusCode.OK);
        await ProblemAsync(await ActAsync("officer2", Code(d), "reject", 1, note: "x"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_receiving_units_queue_merges_its_own_dossiers_and_those_received_for_another_unit_newest_first()
    {
        // Mỹ Hiệp's counter receives for itself and for commune 28270, interleaved: the queue reads them as two halves
        // (what it settles, what it received for others) and must merge them page by page.
        var applicant = Applicant("Âu Dương Phân Trang", "091195004322");
        var received = new List<string>();
        foreach (var unit in new[] { MyHiep, "28270", MyHiep, "28270", "28270", MyHiep, MyHiep })
            received.Add(Code(await ReceiveAsync(BirthRegistration, user: "officer2", unit: unit, applicant: (JsonObject)applicant.DeepClone())));
        using var client = await App.ClientAsync("officer2");
        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var list = await client.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers?q=Phân Trang&pageSize=2&page={page}");
            Assert.Equal(received.Count, list!["total"]!.GetValue<int>());
            Assert.False(list["totalCapped"]!.GetValue<bool>());
            seen.AddRange(list["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
        }
        Assert.Equal(Enumerable.Reverse(received), seen);
        // The competent unit's own queue has only its half.
        var forOthers = await client.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers?q=Phân Trang&unit=28270");
        Assert.Equal(3, forOthers!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_work_queue_filters_by_status_and_search_and_pages()
    {
        var applicant = Applicant("Trịnh Thị Quỳnh Như", "091195004321");
        var d = await ReceiveAsync(MaritalStatus, applicant: applicant);
        await ActOkAsync("officer", d, "assign", assignee: "specialist");
        using var client = await App.ClientAsync("officer");
        var byName = await client.GetFromJsonAsync<JsonObject>("/api/v1/dossiers?q=Quỳnh Như&status=assigned");
        Assert.Contains(byName!["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == Code(d));
        Assert.All(byName["items"]!.AsArray(), i => Assert.Equal("assigned", i!["status"]!.GetValue<string>()));
        var byCode = await client.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers?q={Code(d)}");
        Assert.Equal(1, byCode!["total"]!.GetValue<int>());
        var page = await client.GetFromJsonAsync<JsonObject>("/api/v1/dossiers?pageSize=1&page=1");
        Assert.Single(page!["items"]!.AsArray());
        await ProblemAsync(await client.GetAsync("/api/v1/dossiers?pageSize=1000"), HttpStatusCode.BadRequest);
        await ProblemAsync(await client.GetAsync("/api/v1/dossiers?status=flying"), HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)] public sealed class DossierScopeApiTests_Sqlite(SqliteApp app) : DossierScopeApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class DossierScopeApiTests_Postgres(PostgresApp app) : DossierScopeApiTests(app);
