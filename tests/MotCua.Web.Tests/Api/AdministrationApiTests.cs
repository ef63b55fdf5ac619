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
    public async Task The_last_open_reception_point_of_a_unit_cannot_be_closed()
    {
        using var admin = await App.ClientAsync("admin");
        // The last commune of An Giang in code order, which no other test uses: its seeded points are closed, one new stays open.
        var communes = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/units?parent={AnGiang}&pageSize=500");
        var unit = communes!["items"]!.AsArray().Select(u => u!["code"]!.GetValue<string>()).Max(StringComparer.Ordinal)!;
        var seeded = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/units/{unit}"))!["receptionPoints"]!.AsArray()
            .Select(p => (Code: p!["code"]!.GetValue<string>(), Name: p["name"]!.GetValue<string>())).ToList();
        var kept = $"{unit}-L{Guid.NewGuid().ToString("N")[..6]}";
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/v1/units/{unit}/reception-points", new { code = kept, name = "Điểm tiếp nhận chính" }),
            HttpStatusCode.Created);
        foreach (var (code, name) in seeded)
            await ExpectAsync(await admin.PutAsJsonAsync($"/api/v1/units/{unit}/reception-points/{code}", new { name, isActive = false }), HttpStatusCode.OK);

        var refused = await admin.PutAsJsonAsync($"/api/v1/units/{unit}/reception-points/{kept}", new { name = "Điểm tiếp nhận chính", isActive = false });
        Assert.Contains("ít nhất một điểm tiếp nhận", (await ProblemAsync(refused, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        var open = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/units/{unit}"))!["receptionPoints"]!.AsArray();
        Assert.Equal(kept, Assert.Single(open)!["code"]!.GetValue<string>());

        // Reopened, the seeded points let the new one close.
        foreach (var (code, name) in seeded)
            await ExpectAsync(await admin.PutAsJsonAsync($"/api/v1/units/{unit}/reception-points/{code}", new { name, isActive = true }), HttpStatusCode.OK);
        await ExpectAsync(await admin.PutAsJsonAsync($"/api/v1/units/{unit}/reception-points/{kept}", new { name = "Điểm tiếp nhận chính", isActive = false }),
            HttpStatusCode.OK);
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
