using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>The province administrator keeps reception points and agency codes of the province, and only of it.</summary>
public abstract class AdministrationApiTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Thoi_Son_has_two_reception_points_and_the_counter_may_pick_either()
    {
        using var anonymous = await App.ClientAsync();
        var unit = await anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/units/{ThoiSon}");
        var points = unit!["receptionPoints"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToList();
        Assert.Equal([$"{ThoiSon}-01", $"{ThoiSon}-02"], points);
        using var officer = await App.ClientAsync("officer");
        var body = await IntakeBodyAsync();
        body["receptionPointCode"] = $"{ThoiSon}-02";
        var response = await officer.PostAsJsonAsync("/api/v1/dossiers", body);
        await ExpectAsync(response, HttpStatusCode.Created);
        Assert.Equal($"{ThoiSon}-02", (await response.Content.ReadFromJsonAsync<JsonObject>())!["receptionPointCode"]!.GetValue<string>());
        body["receptionPointCode"] = $"{MyHiep}-01";
        var problem = await ProblemAsync(await officer.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest);
        Assert.Equal(["receptionPointCode"], ErrorKeys(problem));
    }

    [Fact]
    public async Task The_admin_adds_and_closes_a_reception_point_in_the_province_only()
    {
        using var admin = await App.ClientAsync("admin");
        var code = $"{ThoiSon}-T{Guid.NewGuid().ToString("N")[..6]}";
        var added = await admin.PostAsJsonAsync($"/api/v1/units/{ThoiSon}/reception-points", new { code, name = "Điểm tiếp nhận lưu động" });
        await ExpectAsync(added, HttpStatusCode.Created);
        await ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/units/{ThoiSon}/reception-points", new { code, name = "Trùng mã" }), HttpStatusCode.Conflict);
        var closed = await admin.PutAsJsonAsync($"/api/v1/units/{ThoiSon}/reception-points/{code}", new { name = "Điểm tiếp nhận lưu động", isActive = false });
        await ExpectAsync(closed, HttpStatusCode.OK);
        using var anonymous = await App.ClientAsync();
        var unit = await anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/units/{ThoiSon}");
        Assert.DoesNotContain(code, unit!["receptionPoints"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));

        await ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/units/{MyHiep}/reception-points", new { code = "x-123", name = "n" }), HttpStatusCode.NotFound);
        var invalid = await admin.PostAsJsonAsync($"/api/v1/units/{ThoiSon}/reception-points", new { code = "a b", name = "" });
        Assert.Equal(["code", "name"], ErrorKeys(await ProblemAsync(invalid, HttpStatusCode.BadRequest)));
        using var officer = await App.ClientAsync("officer");
        await ExpectAsync(await officer.PostAsJsonAsync($"/api/v1/units/{ThoiSon}/reception-points", new { code = "zz-999", name = "n" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_admin_sets_an_official_agency_code_used_by_the_next_dossier_codes()
    {
        using var admin = await App.ClientAsync("admin");
        var bad = await admin.PutAsJsonAsync("/api/v1/units/30505/agency-code", new { agencyCode = "H91" });
        Assert.Equal(["agencyCode"], ErrorKeys(await ProblemAsync(bad, HttpStatusCode.BadRequest)));
        var taken = await admin.PutAsJsonAsync("/api/v1/units/30505/agency-code", new { agencyCode = "000.00.00.H91" });
        await ProblemAsync(taken, HttpStatusCode.Conflict);
        await ExpectAsync(await admin.PutAsJsonAsync("/api/v1/units/30505/agency-code", new { agencyCode = "000.99.05.H91" }), HttpStatusCode.OK);
        var dossier = await ReceiveAsync(unit: "30505", user: "officer");
        Assert.StartsWith("000.00.28.H91-", Code(dossier)); // the receiving unit's code, not the competent unit's
        using var anonymous = await App.ClientAsync();
        Assert.Equal("000.99.05.H91", (await anonymous.GetFromJsonAsync<JsonObject>("/api/v1/units/30505"))!["agencyCode"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)] public sealed class AdministrationApiTests_Sqlite(SqliteApp app) : AdministrationApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class AdministrationApiTests_Postgres(PostgresApp app) : AdministrationApiTests(app);
