using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

public abstract class DossierLifecycleApiTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Officer_specialist_and_leader_carry_a_dossier_to_returned_and_every_step_is_on_the_control_sheet()
    {
        var d = await ReceiveAsync(MaritalStatus);
        Assert.Contains("assign", d["availableActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        d = await ActOkAsync("officer", d, "assign", assignee: "specialist");
        d = await ActOkAsync("specialist", d, "startProcessing");
        d = await ActOkAsync("specialist", d, "submitForApproval", note: "Đủ điều kiện");
        Assert.Equal("awaitingApproval", Status(d));
        d = await ActOkAsync("leader", d, "approve");
        d = await ActOkAsync("officer", d, "markResultReady");
        Assert.NotNull(d["completedAt"]);
        d = await ActOkAsync("officer", d, "returnResult");
        Assert.Equal("returned", Status(d));
        Assert.Equal("approved", d["outcome"]!.GetValue<string>());
        Assert.Empty(d["availableActions"]!.AsArray());

        using var client = await App.ClientAsync("officer");
        var history = await client.GetFromJsonAsync<JsonArray>($"/api/v1/dossiers/{Code(d)}/history");
        Assert.Equal(new[] { "receive", "assign", "startProcessing", "submitForApproval", "approve", "markResultReady", "returnResult" },
            history!.Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal(new[] { "officer", "officer", "specialist", "specialist", "leader", "officer", "officer" },
            history.Select(h => h!["actor"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, 7), history.Select(h => h!["sequence"]!.GetValue<int>()));
        Assert.Equal("specialist", history[1]!["assignee"]!.GetValue<string>());
        Assert.Equal("Đủ điều kiện", history[3]!["note"]!.GetValue<string>());
        Assert.Equal("processing", history[3]!["fromStatus"]!.GetValue<string>());
        Assert.Equal(7, Version(d)); // received as version 1, one more per action
    }

    [Fact]
    public async Task An_action_the_state_machine_refuses_is_409_with_a_clear_message_and_changes_nothing()
    {
        var d = await ReceiveAsync();
        var response = await ActAsync("leader", Code(d), "approve", Version(d));
        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Không thể thực hiện thao tác \"Phê duyệt\" khi hồ sơ đang ở trạng thái \"Đã tiếp nhận\".", problem["detail"]!.GetValue<string>());
        using var en = await App.ClientAsync("leader", "en");
        var enResponse = await en.PostAsJsonAsync($"/api/v1/dossiers/{Code(d)}/actions", new { action = "approve", version = Version(d) });
        Assert.Contains("not allowed", (await ProblemAsync(enResponse, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        using var client = await App.ClientAsync("officer");
        var again = await client.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(d)}");
        Assert.Equal(1, Version(again!));
        Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/api/v1/dossiers/{Code(d)}/history"))!);
    }

    [Fact]
    public async Task Wrong_role_is_403_and_unknown_action_or_missing_version_is_400()
    {
        var d = await ReceiveAsync();
        await ProblemAsync(await ActAsync("specialist", Code(d), "assign", 1, assignee: "specialist"), HttpStatusCode.Forbidden);
        var problem = await ProblemAsync(await ActAsync("officer", Code(d), "fly", 1), HttpStatusCode.BadRequest);
        Assert.Equal(["action"], ErrorKeys(problem));
        using var client = await App.ClientAsync("officer");
        var noVersion = await client.PostAsJsonAsync($"/api/v1/dossiers/{Code(d)}/actions", new { action = "assign", assignee = "specialist" });
        Assert.Equal(["version"], ErrorKeys(await ProblemAsync(noVersion, HttpStatusCode.BadRequest)));
        // Assigning to someone who is not a specialist of the unit.
        var notSpecialist = await ActAsync("officer", Code(d), "assign", 1, assignee: "leader");
        Assert.Equal(["assignee"], ErrorKeys(await ProblemAsync(notSpecialist, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Of_two_officers_acting_on_the_same_version_one_wins_and_the_other_gets_409()
    {
        await App.EnsureUserAsync("officer-b", "Officer", ThoiSon, AnGiang);
        var d = await ReceiveAsync();
        var first = ActAsync("officer", Code(d), "assign", 1, assignee: "specialist");
        var second = ActAsync("officer-b", Code(d), "requestSupplement", 1, note: "Thiếu giấy chứng sinh");
        var results = await Task.WhenAll(first, second);
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }.Order(), results.Select(r => r.StatusCode).Order());
        using var client = await App.ClientAsync("officer");
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonArray>($"/api/v1/dossiers/{Code(d)}/history"))!.Count);
        // A stale version is refused even when nothing runs at the same time.
        var stale = await ActAsync("officer", Code(d), "withdraw", 1);
        Assert.Contains("phiên bản", (await ProblemAsync(stale, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_supplement_request_stops_the_clock_and_resubmission_restarts_it_with_the_remaining_time()
    {
        App.Clock.SetVietnamTime(2026, 3, 2, 9); // Monday; 3 days → due Thursday 09:00
        var d = await ReceiveAsync(MaritalStatus, user: "citizen", channel: "online");
        Assert.Equal(Vn(2026, 3, 5, 9), Time(d, "dueAt"));
        d = await ActOkAsync("officer", d, "assign", assignee: "specialist");
        d = await ActOkAsync("specialist", d, "startProcessing");
        App.Clock.SetVietnamTime(2026, 3, 3, 9); // Tuesday 09:00: 2 working days (18 h) left
        d = await ActOkAsync("specialist", d, "requestSupplement", note: "Bổ sung bản sao giấy tờ tùy thân");
        Assert.True(d["clockStopped"]!.GetValue<bool>());
        App.Clock.SetVietnamTime(2026, 3, 10, 9); // a week later: not overdue while waiting for the applicant
        using (var officer = await App.ClientAsync("officer"))
        {
            var page = await officer.GetFromJsonAsync<JsonObject>("/api/v1/dossiers?overdue=true&pageSize=200");
            Assert.DoesNotContain(page!["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == Code(d));
        }
        d = await ActOkAsync("citizen", d, "resubmit", note: "Đã bổ sung");
        Assert.Equal("processing", Status(d));
        Assert.Equal(Vn(2026, 3, 12, 9), Time(d, "dueAt")); // Tuesday 10 Mar 09:00 + 18 working hours
        Assert.False(d["clockStopped"]!.GetValue<bool>());
        Assert.Equal(1, d["supplementCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_late_dossier_shows_as_overdue_and_an_apology_slip_sets_a_new_appointment()
    {
        App.Clock.SetVietnamTime(2026, 3, 2, 9);
        var d = await ReceiveAsync(BirthRegistration); // due Tuesday 3 Mar 09:00
        Assert.DoesNotContain("apologize", d["availableActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        App.Clock.SetVietnamTime(2026, 3, 4, 10);
        using var officer = await App.ClientAsync("officer");
        var page = await officer.GetFromJsonAsync<JsonObject>("/api/v1/dossiers?overdue=true&pageSize=200");
        var item = page!["items"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == Code(d));
        Assert.True(item!["overdue"]!.GetValue<bool>());
        d = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/dossiers/{Code(d)}"))!;
        Assert.Contains("apologize", d["availableActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        var noReason = await ActAsync("officer", Code(d), "apologize", Version(d), newDueAt: Vn(2026, 3, 6, 17));
        await ProblemAsync(noReason, HttpStatusCode.BadRequest);
        d = await ActOkAsync("officer", d, "apologize", note: "Chờ xác minh thông tin nơi sinh", newDueAt: Vn(2026, 3, 6, 17));
        Assert.Equal(Vn(2026, 3, 6, 17), Time(d, "dueAt"));
        Assert.False(d["overdue"]!.GetValue<bool>());
        var slip = d["apologySlips"]!.AsArray().Single();
        Assert.Equal(Vn(2026, 3, 3, 9), Time(slip!.AsObject(), "previousDueAt"));
        Assert.Equal("Chờ xác minh thông tin nơi sinh", slip["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_land_dossier_is_transferred_to_the_land_office_and_its_result_returned_at_the_commune()
    {
        var d = await ReceiveAsync(LandChange);
        d = await ActOkAsync("officer", d, "transfer", targetAgency: "Văn phòng đăng ký đất đai tỉnh An Giang");
        Assert.Equal("transferred", Status(d));
        Assert.Equal("Văn phòng đăng ký đất đai tỉnh An Giang", d["transferredTo"]!.GetValue<string>());
        d = await ActOkAsync("officer", d, "markResultReady", note: "Nhận kết quả từ Văn phòng đăng ký đất đai");
        d = await ActOkAsync("officer", d, "returnResult");
        Assert.Equal("settledElsewhere", d["outcome"]!.GetValue<string>());
        await ProblemAsync(await ActAsync("officer", Code(await ReceiveAsync(LandChange)), "transfer", 1), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_citizen_withdraws_their_own_dossier_but_not_another_one()
    {
        var mine = await ReceiveAsync(MaritalStatus, user: "citizen", channel: "online");
        var counter = await ReceiveAsync(MaritalStatus);
        var foreign = await ActAsync("citizen", Code(counter), "withdraw", 1);
        await ProblemAsync(foreign, HttpStatusCode.NotFound); // not visible to this citizen at all
        mine = await ActOkAsync("citizen", mine, "withdraw", note: "Không còn nhu cầu");
        Assert.Equal("withdrawn", Status(mine));
    }

    [Fact]
    public async Task Rejection_needs_a_reason_and_is_returned_to_the_applicant()
    {
        var d = await ReceiveAsync();
        await ProblemAsync(await ActAsync("officer", Code(d), "reject", 1), HttpStatusCode.BadRequest);
        d = await ActOkAsync("officer", d, "reject", note: "Không thuộc thẩm quyền giải quyết");
        d = await ActOkAsync("officer", d, "markResultReady");
        d = await ActOkAsync("officer", d, "returnResult");
        Assert.Equal("rejected", d["outcome"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)] public sealed class DossierLifecycleApiTests_Sqlite(SqliteApp app) : DossierLifecycleApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class DossierLifecycleApiTests_Postgres(PostgresApp app) : DossierLifecycleApiTests(app);
