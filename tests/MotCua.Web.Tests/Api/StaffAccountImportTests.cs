using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// Bulk creation of a unit's staff accounts from CSV by the province administrator: all rows or none, with the refused
/// rows and why; each new account gets a one-time password and can do nothing else, on the API or the pages, until its
/// holder has set a password of their own.
/// </summary>
public abstract class StaffAccountImportTests(MotCuaApp app) : ApiTestBase(app)
{
    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..6];

    private static MultipartFormDataContent Csv(string text, string name = "accounts.csv") =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name } };

    private async Task<HttpResponseMessage> ImportAsync(string csv, string user = "admin")
    {
        using var client = await App.ClientAsync(user);
        return await client.PostAsync("/api/v1/accounts/imports", Csv(csv));
    }

    private bool Exists(string userName) => App.WithDb(db => db.Users.Any(u => u.UserName == userName));

    [Fact]
    public async Task One_refused_row_refuses_the_file_and_the_report_says_which_and_why()
    {
        var p = Prefix();
        await App.EnsureUserAsync(p + "-taken", "Officer", ThoiSon, AnGiang);
        var csv = $"""
            userName,fullName,role,unitCode
            {p}-a,Trần Văn Bình,Officer,{ThoiSon}
            {p}-b,Lê Thị Cúc,Specialist,{MyHiep}
            {p}-a,Võ Minh Đức,Leader,{ThoiSon}
            {p}-c,,Chief,{ThoiSon}
            {p}-taken,Đặng Văn Em,Officer,{ThoiSon}
            """;
        var response = await ImportAsync(csv);
        await ExpectAsync(response, HttpStatusCode.UnprocessableEntity);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(report["created"]!.GetValue<bool>());
        Assert.Equal(5, report["rows"]!.GetValue<int>());
        Assert.Empty(report["accounts"]!.AsArray());
        var refused = report["refused"]!.AsArray().ToDictionary(r => r!["row"]!.GetValue<long>(), r => r!["errors"]!.AsObject());
        Assert.Equal(4, refused.Count);
        Assert.All(refused.Keys, row => Assert.InRange(row, 2, 6));
        Assert.Equal(["unitCode"], refused.Values.ElementAt(0).Select(e => e.Key));      // another province's unit
        Assert.Contains("lặp lại", refused.Values.ElementAt(1)["userName"]![0]!.GetValue<string>());
        Assert.Equal(["fullName", "role"], refused.Values.ElementAt(2).Select(e => e.Key).Order());
        Assert.Equal(["userName"], refused.Values.ElementAt(3).Select(e => e.Key));      // taken
        Assert.False(Exists(p + "-a"));
        Assert.False(Exists(p + "-b"));

        var missing = await ProblemAsync(await ImportAsync("userName,fullName\nx,y\n"), HttpStatusCode.BadRequest);
        Assert.Contains("role, unitcode", missing["errors"]!["file"]![0]!.GetValue<string>());
        await ProblemAsync(await ImportAsync("userName,fullName,role,unitCode\n"), HttpStatusCode.BadRequest);
        await ProblemAsync(await ImportAsync($"userName,fullName,role,unitCode\n{p}-z,Nguyễn Văn Z,Officer,{ThoiSon}\n", user: "leader"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task New_accounts_get_a_one_time_password_and_the_api_refuses_everything_until_it_is_changed()
    {
        var p = Prefix();
        var response = await ImportAsync($"userName,fullName,role,unitCode\n{p}-o,Trần Văn Bình,officer,{ThoiSon}\n{p}-l,Võ Minh Đức,Leader,{ThoiSon}\n");
        await ExpectAsync(response, HttpStatusCode.OK);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(report["created"]!.GetValue<bool>());
        var accounts = report["accounts"]!.AsArray();
        Assert.Equal([$"{p}-o", $"{p}-l"], accounts.Select(a => a!["userName"]!.GetValue<string>()));
        Assert.Equal(["Officer", "Leader"], accounts.Select(a => a!["role"]!.GetValue<string>()));
        var otp = accounts[0]!["oneTimePassword"]!.GetValue<string>();
        Assert.Equal(16, otp.Length);
        Assert.NotEqual(otp, accounts[1]!["oneTimePassword"]!.GetValue<string>());

        using var anonymous = await App.ClientAsync();
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = $"{p}-o", password = otp });
        await ExpectAsync(login, HttpStatusCode.OK);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        var refused = await ProblemAsync(await client.GetAsync("/api/v1/dossiers"), HttpStatusCode.Forbidden);
        Assert.Contains("mật khẩu một lần", refused["detail"]!.GetValue<string>());
        await ProblemAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { }), HttpStatusCode.Forbidden);
        await ExpectAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        var wrong = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "nope-nope-nope", newPassword = "Binh-Mat-Khau-2026" }), HttpStatusCode.BadRequest);
        Assert.Equal(["currentPassword"], ErrorKeys(wrong));
        var weak = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = otp, newPassword = "short" }), HttpStatusCode.BadRequest);
        Assert.Equal(["newPassword"], ErrorKeys(weak));
        var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = otp, newPassword = "Binh-Mat-Khau-2026" });
        await ExpectAsync(changed, HttpStatusCode.OK);
        using var fresh = App.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", (await changed.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        await ExpectAsync(await fresh.GetAsync("/api/v1/dossiers"), HttpStatusCode.OK);
        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = $"{p}-o", password = otp }), HttpStatusCode.Unauthorized);
        // A new sign-in gives a token without the requirement.
        var again = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = $"{p}-o", password = "Binh-Mat-Khau-2026" });
        using var third = App.CreateClient();
        third.DefaultRequestHeaders.Authorization = new("Bearer", (await again.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        await ExpectAsync(await third.GetAsync("/api/v1/dossiers"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task On_the_pages_the_admin_imports_and_the_new_officer_must_change_the_password_first()
    {
        var p = Prefix();
        using var admin = await PageSession.SignedInAsync(App, "admin");
        var form = await admin.GetStringAsync("/quan-tri/tai-khoan/nhap");
        var upload = Csv($"userName,fullName,role,unitCode\n{p}-o,Trần Văn Bình,Officer,{ThoiSon}\n");
        upload.Add(new StringContent("acc-import"), "_handler");
        upload.Add(new StringContent(PageSession.Antiforgery(form)), "__RequestVerificationToken");
        var html = await (await admin.PostAsync("/quan-tri/tai-khoan/nhap", upload)).Content.ReadAsStringAsync();
        Assert.Contains("Đã tạo 1 tài khoản", html);
        var otp = System.Text.RegularExpressions.Regex.Match(html, "<code>([A-Za-z0-9]{16})</code>").Groups[1].Value;
        Assert.Equal(16, otp.Length);

        using var officer = PageSession.Anonymous(App);
        var signIn = await PageSession.PostSignInAsync(officer, $"{p}-o", otp);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using (var queue = await officer.GetAsync("/cong-viec"))
        {
            Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
            Assert.Equal("/doi-mat-khau", queue.Headers.Location?.OriginalString);
        }
        var page = await officer.GetStringAsync("/doi-mat-khau");
        Assert.Contains("id=\"must-change\"", page);
        async Task<HttpResponseMessage> ChangeAsync(string current, string next, string again) =>
            await officer.PostAsync("/doi-mat-khau", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "change-password", ["__RequestVerificationToken"] = PageSession.Antiforgery(await officer.GetStringAsync("/doi-mat-khau")),
                ["Input.Current"] = current, ["Input.Next"] = next, ["Input.Again"] = again,
            }));
        var mismatch = await ChangeAsync(otp, "Binh-Mat-Khau-2026", "Binh-Mat-Khau-2027");
        Assert.Contains("không giống nhau", await mismatch.Content.ReadAsStringAsync());
        var ok = await ChangeAsync(otp, "Binh-Mat-Khau-2026", "Binh-Mat-Khau-2026");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var after = await officer.GetAsync("/cong-viec");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        using var demoOfficer = await PageSession.SignedInAsync(App, "officer");
        using var denied = await demoOfficer.GetAsync("/quan-tri/tai-khoan/nhap");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}

[Collection(SqliteCollection.Name)] public sealed class StaffAccountImportTests_Sqlite(SqliteApp app) : StaffAccountImportTests(app);
[Collection(PostgresCollection.Name)] public sealed class StaffAccountImportTests_Postgres(PostgresApp app) : StaffAccountImportTests(app);
