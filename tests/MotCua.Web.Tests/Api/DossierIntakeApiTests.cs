using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Core.Dossiers;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

public abstract class DossierIntakeApiTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Counter_intake_gives_a_national_code_and_an_appointment_in_working_days()
    {
        App.Clock.SetVietnamTime(2026, 3, 2, 9); // Monday
        var dossier = await ReceiveAsync(MaritalStatus);
        Assert.True(DossierCode.TryParse(Code(dossier), out var agency, out var date, out _));
        Assert.Matches(@"^000\.\d{2}\.\d{2}\.H91$", agency);
        Assert.Equal(new DateOnly(2026, 3, 2), date);
        Assert.Equal("received", Status(dossier));
        Assert.Equal("counter", dossier["channel"]!.GetValue<string>());
        Assert.Equal(ThoiSon, dossier["receptionPointCode"]!.GetValue<string>()[..5]);
        Assert.Equal(Vn(2026, 3, 2, 9), Time(dossier, "receivedAt"));
        Assert.Equal(Vn(2026, 3, 5, 9), Time(dossier, "dueAt"));             // 3 working days
        Assert.EndsWith("+07:00", dossier["dueAt"]!.GetValue<string>());
        Assert.NotEmpty(dossier["missingDocuments"]!.AsArray());
    }

    [Fact]
    public async Task Appointment_skips_weekend_and_Tet_and_after_hours_counts_from_next_working_day()
    {
        App.Clock.SetVietnamTime(2026, 2, 12, 16, 30); // Thursday after the 15:00 cutoff, before Tết 2026 (14–22 Feb)
        var birth = await ReceiveAsync(BirthRegistration);
        // Counts from Friday 13 Feb 08:00; 1 working day ends Friday 17:00.
        Assert.Equal(Vn(2026, 2, 13, 17), Time(birth, "dueAt"));
        App.Clock.SetVietnamTime(2026, 2, 13, 10); // Friday 10:00, 3 days: Fri(7h) + Mon 23 Feb (9h) + Tue 24 Feb → Wed 25 Feb 10:00
        var marital = await ReceiveAsync(MaritalStatus);
        Assert.Equal(Vn(2026, 2, 25, 10), Time(marital, "dueAt"));
    }

    [Fact]
    public async Task The_application_form_filled_online_is_not_missing_but_at_the_counter_its_paper_must_be_checked()
    {
        var online = await ReceiveAsync(BirthRegistration, user: "citizen", channel: "online");
        Assert.Equal(["giay-chung-sinh"], online["missingDocuments"]!.AsArray().Select(m => m!.GetValue<string>()));

        var counter = await ReceiveAsync(BirthRegistration);
        Assert.Equal(["to-khai", "giay-chung-sinh"], counter["missingDocuments"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Empty(counter["papersChecked"]!.AsArray());
    }

    [Fact]
    public async Task Papers_checked_at_the_counter_are_recorded_and_count_as_handed_in()
    {
        using var officer = await App.ClientAsync("officer");
        var body = await IntakeBodyAsync(BirthRegistration);
        body["papersChecked"] = new JsonArray("to-khai", "giay-chung-sinh", "to-khai");
        var response = await officer.PostAsJsonAsync("/api/v1/dossiers", body);
        await ExpectAsync(response, HttpStatusCode.Created);
        var dossier = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["to-khai", "giay-chung-sinh"], dossier["papersChecked"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Empty(dossier["missingDocuments"]!.AsArray());
        var again = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(dossier)}");
        Assert.Equal(["to-khai", "giay-chung-sinh"], again!["papersChecked"]!.AsArray().Select(m => m!.GetValue<string>()));
        var receipt = await officer.GetStringAsync($"/api/v1/dossiers/{Code(dossier)}/receipt");
        Assert.Equal(2, receipt.Split("<td>Có</td>").Length - 1); // "Đã nộp" on form 01 for both papers

        body["papersChecked"] = new JsonArray("khong-co");
        Assert.Equal(["papersChecked"], ErrorKeys(await ProblemAsync(await officer.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest)));
        using var citizen = await App.ClientAsync("citizen");
        var online = await IntakeBodyAsync(BirthRegistration, channel: "online");
        online["papersChecked"] = new JsonArray("to-khai");
        Assert.Equal(["papersChecked"], ErrorKeys(await ProblemAsync(await citizen.PostAsJsonAsync("/api/v1/dossiers", online), HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Online_submission_by_a_citizen_is_owned_by_the_citizen()
    {
        var dossier = await ReceiveAsync(BirthRegistration, user: "citizen", channel: "online");
        Assert.Equal("online", dossier["channel"]!.GetValue<string>());
        Assert.Equal("citizen", dossier["ownerUserName"]!.GetValue<string>());
        Assert.Null(dossier["receptionPointCode"]);
        using var client = await App.ClientAsync("citizen");
        var mine = await client.GetFromJsonAsync<JsonObject>("/api/v1/dossiers?pageSize=200");
        Assert.Contains(mine!["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == Code(dossier));
    }

    [Fact]
    public async Task E_ID_level_1_cannot_submit_a_level_2_procedure_online_and_is_told_what_to_do()
    {
        await App.EnsureUserAsync("citizen-l1", "Citizen", null, AnGiang, eidLevel: 1);
        using var client = await App.ClientAsync("citizen-l1");
        var before = CountDossiers();
        var response = await client.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(BirthRegistration, channel: "online"));
        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("mức 2", problem["detail"]!.GetValue<string>());
        Assert.Contains("Một cửa", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, CountDossiers());
    }

    [Fact]
    public async Task A_procedure_not_offered_online_is_refused_online_but_received_at_the_counter()
    {
        using var citizen = await App.ClientAsync("citizen");
        var response = await citizen.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(CopyCertification, channel: "online"));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["channel"], ErrorKeys(problem));
        await ReceiveAsync(CopyCertification);
    }

    [Fact]
    public async Task Bad_input_gets_every_field_error_at_once_and_nothing_is_saved()
    {
        using var client = await App.ClientAsync("officer");
        var before = CountDossiers();
        var body = await IntakeBodyAsync(BirthRegistration);
        body["applicant"]!["idNumber"] = "12345";
        body["applicant"]!["phone"] = "abc";
        body["applicant"]!["email"] = "not-an-email";
        body["applicant"]!["fullName"] = "";
        body["formData"]!["noSuchField"] = "x";
        var response = await client.PostAsJsonAsync("/api/v1/dossiers", body);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(new[] { "applicant.email", "applicant.fullName", "applicant.idNumber", "applicant.phone", "formData.noSuchField" }, ErrorKeys(problem));
        Assert.Equal("Số định danh cá nhân gồm đúng 12 chữ số.", problem["errors"]!["applicant.idNumber"]![0]!.GetValue<string>());
        Assert.Equal(before, CountDossiers());

        var missing = new JsonObject { ["channel"] = "fax" };
        var problem2 = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", missing), HttpStatusCode.BadRequest);
        Assert.Equal(new[] { "applicant", "channel", "procedureCode", "unitCode" }, ErrorKeys(problem2));
        Assert.Equal(before, CountDossiers());
    }

    [Fact]
    public async Task Required_form_fields_and_choices_are_checked()
    {
        using var client = await App.ClientAsync("officer");
        var procedure = await client.GetFromJsonAsync<JsonObject>($"/api/v1/procedures/{BirthRegistration}");
        var required = procedure!["formFields"]!.AsArray().First(f => f!["required"]!.GetValue<bool>())!["key"]!.GetValue<string>();
        var choice = procedure["formFields"]!.AsArray().FirstOrDefault(f => f!["kind"]!.GetValue<string>() == "choice")?["key"]?.GetValue<string>();
        var body = await IntakeBodyAsync(BirthRegistration);
        body["formData"]!.AsObject().Remove(required);
        if (choice is not null) body["formData"]![choice] = "không có trong danh sách";
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest);
        Assert.Contains($"formData.{required}", ErrorKeys(problem));
        if (choice is not null) Assert.Contains($"formData.{choice}", ErrorKeys(problem));
    }

    [Fact]
    public async Task Back_entry_keeps_the_real_receipt_time_and_is_coded_on_that_day()
    {
        App.Clock.SetVietnamTime(2026, 3, 9, 10);
        using var client = await App.ClientAsync("officer");
        var body = await IntakeBodyAsync(MaritalStatus, channel: "backEntry");
        body["receivedAt"] = "2026-03-04T14:20:00+07:00";
        var response = await client.PostAsJsonAsync("/api/v1/dossiers", body);
        await ExpectAsync(response, HttpStatusCode.Created);
        var dossier = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("-260304-", Code(dossier));
        Assert.Equal(Vn(2026, 3, 4, 14, 20), Time(dossier, "receivedAt"));
        Assert.Equal(Vn(2026, 3, 9, 10), Time(dossier, "recordedAt"));
        Assert.Equal(Vn(2026, 3, 9, 14, 20), Time(dossier, "dueAt"));

        body.Remove("receivedAt");
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest);
        Assert.Equal(["receivedAt"], ErrorKeys(problem));
        var counter = await IntakeBodyAsync(MaritalStatus);
        counter["receivedAt"] = "2026-03-04T14:20:00+07:00";
        Assert.Equal(["receivedAt"], ErrorKeys(await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", counter), HttpStatusCode.BadRequest)));
        body["receivedAt"] = "2026-03-10T08:00:00+07:00";
        Assert.Equal(["receivedAt"], ErrorKeys(await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Any_reception_point_of_the_province_receives_for_another_unit_and_routes_it()
    {
        // Officer of Xã Mỹ Hiệp (Đồng Tháp) receives for Phường Thới Sơn of Đồng Tháp (28270).
        var dossier = await ReceiveAsync(BirthRegistration, user: "officer2", unit: "28270");
        Assert.Equal("28270", dossier["unitCode"]!.GetValue<string>());
        Assert.Equal(MyHiep, dossier["receivingUnitCode"]!.GetValue<string>());
        Assert.EndsWith(".H82", Code(dossier).Split('-')[0]);
        // ...but not for a unit of another province.
        using var client = await App.ClientAsync("officer2");
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(unit: ThoiSon)), HttpStatusCode.BadRequest);
        Assert.Equal(["unitCode"], ErrorKeys(problem));
    }

    [Fact]
    public async Task Concurrent_intakes_at_one_counter_get_distinct_consecutive_codes()
    {
        App.Clock.SetVietnamTime(2026, 3, 3, 10);
        var body = await IntakeBodyAsync(MaritalStatus);
        var client = await App.ClientAsync("officer");
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.PostAsJsonAsync("/api/v1/dossiers", body)));
        foreach (var r in responses) await ExpectAsync(r, HttpStatusCode.Created);
        var codes = new List<string>();
        foreach (var r in responses) codes.Add(Code((await r.Content.ReadFromJsonAsync<JsonObject>())!));
        Assert.Equal(16, codes.Distinct().Count());
        var serials = codes.Select(c => { DossierCode.TryParse(c, out _, out _, out var s); return s; }).Order().ToList();
        Assert.Equal(Enumerable.Range(serials[0], 16), serials);
    }

    [Fact]
    public async Task Staff_may_not_submit_online_and_citizens_may_not_receive_at_the_counter()
    {
        using var officer = await App.ClientAsync("officer");
        await ProblemAsync(await officer.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(channel: "online")), HttpStatusCode.Forbidden);
        using var citizen = await App.ClientAsync("citizen");
        await ProblemAsync(await citizen.PostAsJsonAsync("/api/v1/dossiers", await IntakeBodyAsync(channel: "counter")), HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)] public sealed class DossierIntakeApiTests_Sqlite(SqliteApp app) : DossierIntakeApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class DossierIntakeApiTests_Postgres(PostgresApp app) : DossierIntakeApiTests(app);
