using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>Units, catalog, calendar and the OpenAPI document, as a province would read them.</summary>
public abstract class ReferenceDataApiTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task All_34_provinces_and_3321_commune_level_units_are_loaded()
    {
        using var client = await App.ClientAsync();
        var provinces = await client.GetFromJsonAsync<JsonObject>("/api/v1/units?kind=province&pageSize=100");
        Assert.Equal(34, provinces!["total"]!.GetValue<int>());
        var all = await client.GetFromJsonAsync<JsonObject>("/api/v1/units?pageSize=1");
        Assert.Equal(34 + 3321, all!["total"]!.GetValue<int>());
        var anGiang = await client.GetFromJsonAsync<JsonObject>($"/api/v1/units?parent={AnGiang}&q=thoi son");
        var items = anGiang!["items"]!.AsArray();
        Assert.Contains(items, i => i!["code"]!.GetValue<string>() == ThoiSon && i["name"]!.GetValue<string>() == "Phường Thới Sơn");
    }

    [Fact]
    public async Task Bac_Giang_ward_lists_the_seven_old_wards_it_merged_from()
    {
        using var client = await App.ClientAsync();
        var unit = await client.GetFromJsonAsync<JsonObject>("/api/v1/units/07210");
        Assert.Equal("Phường Bắc Giang", unit!["name"]!.GetValue<string>());
        Assert.Equal("24", unit["parentCode"]!.GetValue<string>());
        var names = unit["predecessors"]!.AsArray().Where(p => !p!["code"]!.GetValue<string>().StartsWith('X'))
            .Select(p => p!["name"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(new[] { "Phường Dĩnh Kế", "Phường Hoàng Văn Thụ", "Phường Ngô Quyền", "Phường Thọ Xương", "Phường Trần Phú",
            "Phường Xương Giang", "Phường Dĩnh Trì" }.Order(), names);
        Assert.NotEmpty(unit["receptionPoints"]!.AsArray());
        Assert.Matches(@"^\d{3}\.\d{2}\.\d{2}\.H24$", unit["agencyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_old_unit_code_resolves_to_the_unit_it_merged_into()
    {
        using var client = await App.ClientAsync();
        var old = await client.GetFromJsonAsync<JsonObject>("/api/v1/units/30517"); // old Xã Thới Sơn, Tịnh Biên
        Assert.NotNull(old!["effectiveTo"]);
        Assert.Contains(ThoiSon, old["successors"]!.AsArray().Select(s => s!.GetValue<string>()));
        await ExpectAsync(await client.GetAsync("/api/v1/units/99999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unaccented_search_finds_the_birth_registration_and_the_detail_lists_documents()
    {
        using var client = await App.ClientAsync();
        var found = await client.GetFromJsonAsync<JsonArray>("/api/v1/procedures?q=dang ky khai sinh");
        Assert.Contains(found!, p => p!["code"]!.GetValue<string>() == BirthRegistration);
        var all = await client.GetFromJsonAsync<JsonArray>("/api/v1/procedures");
        Assert.True(all!.Count >= 15);
        Assert.True(all.Select(p => p!["fieldCode"]!.GetValue<string>()).Distinct().Count() >= 5);
        var byField = await client.GetFromJsonAsync<JsonArray>("/api/v1/procedures?field=CTH");
        Assert.All(byField!, p => Assert.Equal("CTH", p!["fieldCode"]!.GetValue<string>()));
        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/procedures/{BirthRegistration}");
        Assert.Equal(1m, detail!["processingDays"]!.GetValue<decimal>());
        Assert.NotEmpty(detail["requiredDocuments"]!.AsArray());
        Assert.NotEmpty(detail["workflowSteps"]!.AsArray());
        await ExpectAsync(await client.GetAsync("/api/v1/procedures/9.999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_procedure_version_applies_from_its_date_and_leaves_earlier_dossiers_alone()
    {
        var before = await ReceiveAsync(MaritalStatus);
        using var admin = await App.ClientAsync("admin");
        var current = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/procedures/{MaritalStatus}");
        var definition = (JsonObject)current!.DeepClone();
        foreach (var k in new[] { "version", "effectiveFrom", "effectiveTo", "fieldName" }) definition.Remove(k);
        definition["processingDays"] = 5;
        var tomorrow = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime).AddDays(1);
        var response = await admin.PostAsJsonAsync($"/api/v1/procedures/{MaritalStatus}/versions",
            new JsonObject { ["effectiveFrom"] = tomorrow.ToString("yyyy-MM-dd"), ["definition"] = definition });
        await ExpectAsync(response, HttpStatusCode.Created);
        var today = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/procedures/{MaritalStatus}");
        var later = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/procedures/{MaritalStatus}?on={tomorrow.AddDays(1):yyyy-MM-dd}");
        Assert.Equal(3m, today!["processingDays"]!.GetValue<decimal>());
        Assert.Equal(5m, later!["processingDays"]!.GetValue<decimal>());
        var again = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(before)}");
        Assert.Equal(before["procedureVersion"]!.GetValue<int>(), again!["procedureVersion"]!.GetValue<int>());
        Assert.Equal(Time(before, "dueAt"), Time(again, "dueAt"));

        using var officer = await App.ClientAsync("officer");
        await ExpectAsync(await officer.PostAsJsonAsync($"/api/v1/procedures/{MaritalStatus}/versions",
            new JsonObject { ["effectiveFrom"] = tomorrow.AddDays(5).ToString("yyyy-MM-dd"), ["definition"] = definition.DeepClone() }), HttpStatusCode.Forbidden);
        var invalid = (JsonObject)definition.DeepClone();
        invalid["processingDays"] = 0;
        var bad = await admin.PostAsJsonAsync($"/api/v1/procedures/{MaritalStatus}/versions",
            new JsonObject { ["effectiveFrom"] = tomorrow.AddDays(5).ToString("yyyy-MM-dd"), ["definition"] = invalid });
        await ProblemAsync(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Calendar_2026_has_Tet_and_admins_may_edit_a_year()
    {
        using var anonymous = await App.ClientAsync();
        var y2026 = await anonymous.GetFromJsonAsync<JsonObject>("/api/v1/calendar/2026");
        var holidays = y2026!["holidays"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains("2026-02-17", holidays); // Tết Bính Ngọ
        Assert.Contains("2026-09-02", holidays);
        var computed = await anonymous.GetFromJsonAsync<JsonObject>("/api/v1/calendar/2031");
        Assert.Contains("2031-01-01", computed!["holidays"]!.AsArray().Select(d => d!.GetValue<string>()));

        var body = new JsonObject { ["year"] = 2030, ["holidays"] = new JsonArray("2030-01-01", "2030-02-04"), ["workingWeekends"] = new JsonArray("2030-02-09") };
        using var officer = await App.ClientAsync("officer");
        await ExpectAsync(await officer.PutAsJsonAsync("/api/v1/calendar/2030", body), HttpStatusCode.Forbidden);
        using var admin = await App.ClientAsync("admin");
        await ExpectAsync(await admin.PutAsJsonAsync("/api/v1/calendar/2030", body), HttpStatusCode.OK);
        var stored = await anonymous.GetFromJsonAsync<JsonObject>("/api/v1/calendar/2030");
        Assert.Equal(["2030-01-01", "2030-02-04"], stored!["holidays"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["2030-02-09"], stored["workingWeekends"]!.AsArray().Select(d => d!.GetValue<string>()));

        var wrong = new JsonObject { ["year"] = 2030, ["holidays"] = new JsonArray("2029-12-31"), ["workingWeekends"] = new JsonArray("2030-02-11") };
        var problem = await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/calendar/2030", wrong), HttpStatusCode.BadRequest);
        Assert.Equal(["holidays[0]", "workingWeekends[0]"], ErrorKeys(problem));

        // The source (the decision the days come from) is kept to 2,000 characters, as on the calendar admin page.
        var longSource = new JsonObject { ["year"] = 2030, ["holidays"] = new JsonArray("2030-01-01"), ["workingWeekends"] = new JsonArray(),
            ["source"] = new string('x', 2001) };
        Assert.Equal(["source"], ErrorKeys(await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/calendar/2030", longSource), HttpStatusCode.BadRequest)));
        var mismatch = new JsonObject { ["year"] = 2031, ["holidays"] = new JsonArray(), ["workingWeekends"] = new JsonArray() };
        Assert.Equal(["year"], ErrorKeys(await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/calendar/2030", mismatch), HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task OpenApi_document_lists_the_public_paths()
    {
        using var client = await App.ClientAsync();
        var doc = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = doc!["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/api/v1/auth/login", "/api/v1/me", "/api/v1/units", "/api/v1/units/{code}", "/api/v1/procedures",
                     "/api/v1/procedures/{code}", "/api/v1/calendar/{year}", "/api/v1/dossiers", "/api/v1/dossiers/{code}",
                     "/api/v1/dossiers/{code}/actions", "/api/v1/dossiers/{code}/documents", "/api/v1/dossiers/{code}/history",
                     "/api/v1/dossiers/{code}/receipt", "/api/v1/public/dossiers/{code}" })
            Assert.Contains(path, paths);
    }
}

[Collection(SqliteCollection.Name)] public sealed class ReferenceDataApiTests_Sqlite(SqliteApp app) : ReferenceDataApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class ReferenceDataApiTests_Postgres(PostgresApp app) : ReferenceDataApiTests(app);
