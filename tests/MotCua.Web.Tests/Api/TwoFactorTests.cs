using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Data.Entities;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// TOTP two-factor for leaders and province administrators: enrolment on the page (key and QR code, confirmed by a
/// code), then no page session and no API token without a current code; before enrolment no use of the app with a password
/// alone; each code good once. The codes are computed here with RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits) from the
/// key the page shows, as an authenticator app would, at the host's clock (frozen by each test, moved a step at a time).
/// </summary>
public abstract class TwoFactorTests : ApiTestBase
{
    protected TwoFactorTests(MotCuaApp app) : base(app) => App.Clock.Set(DateTimeOffset.UtcNow);

    /// <summary>The code of the host's current time step.</summary>
    private string Now(string key) => Totp(key, App.Clock.GetUtcNow());

    /// <summary>Moves the host's clock to the next 30-second step (a new code).</summary>
    private void NextStep() => App.Clock.Advance(TimeSpan.FromSeconds(30));

    private async Task<string> NewAccountAsync(string role, string? unit = ThoiSon)
    {
        var name = role.ToLowerInvariant()[..4] + "-" + Guid.NewGuid().ToString("N")[..8];
        await App.EnsureUserAsync(name, role, unit, AnGiang, enrolTwoFactor: false);
        return name;
    }

    private async Task<HttpResponseMessage> LoginAsync(string userName, string? code = null)
    {
        using var client = await App.ClientAsync();
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = MotCuaApp.Password, code });
    }

    private async Task<bool> EnabledAsync(string userName)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByNameAsync(userName))!);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, string field, string value,
        params (string Name, string Value)[] more)
    {
        var page = await client.GetStringAsync(path);
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = handler, ["__RequestVerificationToken"] = PageSession.Antiforgery(page), [field] = value,
        };
        foreach (var (name, v) in more) fields[name] = v;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Enrols the account through the pages; returns the key the page showed.</summary>
    private async Task<string> EnrolAsync(string userName)
    {
        using var client = PageSession.Anonymous(App);
        var signIn = await PageSession.PostSignInAsync(client, userName, MotCuaApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/tai-khoan/hai-buoc", signIn.Headers.Location?.PathAndQuery);
        var html = await client.GetStringAsync("/tai-khoan/hai-buoc");
        Assert.Contains("src=\"data:image/png;base64,", html);
        var key = System.Text.RegularExpressions.Regex.Match(html, "id=\"key\"[^>]*>([a-z2-7 ]+)</code>").Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        Assert.Equal(32, key.Length);

        var wrong = await PostFormAsync(client, "/tai-khoan/hai-buoc", "enrol", "Code", WrongCode(key));
        Assert.Contains("Mã xác thực không đúng", await wrong.Content.ReadAsStringAsync());
        Assert.False(await EnabledAsync(userName));
        var right = await PostFormAsync(client, "/tai-khoan/hai-buoc", "enrol", "Code", Now(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(await EnabledAsync(userName));
        Assert.Contains("id=\"two-factor-on\"", await client.GetStringAsync("/tai-khoan/hai-buoc"));
        // The session is free to go now (the sign-in was refreshed without the enrolment requirement).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(SignInHome(userName))).StatusCode);
        NextStep(); // the enrolment's code is used
        return key;
    }

    private static string SignInHome(string userName) => userName.StartsWith("prov", StringComparison.Ordinal) ? "/quan-tri" : "/phe-duyet";

    [Fact]
    public async Task An_enrolled_leader_gets_no_api_token_without_a_current_code()
    {
        var leader = await NewAccountAsync("Leader");
        var key = await EnrolAsync(leader);

        var missing = await ProblemAsync(await LoginAsync(leader), HttpStatusCode.Unauthorized);
        Assert.True(missing["twoFactorRequired"]!.GetValue<bool>());
        Assert.Null(missing["accessToken"]);
        var wrong = await ProblemAsync(await LoginAsync(leader, WrongCode(key)), HttpStatusCode.Unauthorized);
        Assert.Contains("Mã xác thực không đúng", wrong["detail"]!.GetValue<string>());

        var ok = await LoginAsync(leader, Now(key));
        await ExpectAsync(ok, HttpStatusCode.OK);
        var token = (await ok.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(leader, (await client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout()
    {
        var admin = await NewAccountAsync("ProvinceAdmin", unit: AnGiang);
        var key = await EnrolAsync(admin);
        for (var i = 0; i < 4; i++) await ProblemAsync(await LoginAsync(admin, WrongCode(key)), HttpStatusCode.Unauthorized);
        var locked = await ProblemAsync(await LoginAsync(admin, WrongCode(key)), HttpStatusCode.Unauthorized);
        Assert.Contains("tạm khóa", locked["detail"]!.GetValue<string>());
        await ProblemAsync(await LoginAsync(admin, Now(key)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_enrolled_leader_has_no_page_session_until_the_code_is_given()
    {
        var leader = await NewAccountAsync("Leader");
        var key = await EnrolAsync(leader);

        using var client = PageSession.Anonymous(App);
        var signIn = await PageSession.PostSignInAsync(client, leader, MotCuaApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/dang-nhap/hai-buoc", signIn.Headers.Location?.PathAndQuery);
        // The password alone gives no session.
        using (var before = await client.GetAsync("/phe-duyet"))
        {
            Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
            Assert.StartsWith("/dang-nhap", before.Headers.Location!.AbsolutePath);
        }
        var wrong = await PostFormAsync(client, "/dang-nhap/hai-buoc", "second-step", "Code", WrongCode(key));
        Assert.Contains("Mã xác thực không đúng", await wrong.Content.ReadAsStringAsync());
        var right = await PostFormAsync(client, "/dang-nhap/hai-buoc", "second-step", "Code", Now(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/phe-duyet", right.Headers.Location?.PathAndQuery);
        using var after = await client.GetAsync("/phe-duyet");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Other_staff_are_not_asked_to_enrol()
    {
        var officer = await NewAccountAsync("Officer");
        using var client = PageSession.Anonymous(App);
        var signIn = await PageSession.PostSignInAsync(client, officer, MotCuaApp.Password);
        Assert.Equal("/tiep-nhan", signIn.Headers.Location?.PathAndQuery);
        using var enrol = await client.GetAsync("/tai-khoan/hai-buoc");
        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        Assert.StartsWith("/khong-co-quyen", enrol.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_leader_or_administrator_not_enrolled_cannot_use_the_app_with_a_password_alone()
    {
        foreach (var (role, unit, home) in new[] { ("Leader", ThoiSon, "/phe-duyet"), ("ProvinceAdmin", AnGiang, "/quan-tri") })
        {
            var name = await NewAccountAsync(role, unit);
            // The API gives no token: 403 telling them to enrol on the pages; a wrong password is still a 401.
            var refused = await ProblemAsync(await LoginAsync(name), HttpStatusCode.Forbidden);
            Assert.True(refused["twoFactorEnrolmentRequired"]!.GetValue<bool>());
            Assert.Contains("/tai-khoan/hai-buoc", refused["detail"]!.GetValue<string>());
            Assert.Null(refused["accessToken"]);
            using (var anonymous = await App.ClientAsync())
                await ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = "Wrong-Password-1" }),
                    HttpStatusCode.Unauthorized);

            // The pages send every request to enrolment, whatever the address.
            using var client = PageSession.Anonymous(App);
            var signIn = await PageSession.PostSignInAsync(client, name, MotCuaApp.Password);
            Assert.Equal("/tai-khoan/hai-buoc", signIn.Headers.Location?.PathAndQuery);
            foreach (var path in new[] { home, "/cong-viec", "/thong-ke", "/quan-tri/nhat-ky-truy-cap", "/ho-so/X-1" })
            {
                using var page = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
                Assert.Equal("/tai-khoan/hai-buoc", page.Headers.Location?.OriginalString);
            }
            using (var signOutPage = await client.GetAsync("/dang-nhap"))
                Assert.Equal(HttpStatusCode.OK, signOutPage.StatusCode); // sign-in and out stay open

            var key = await EnrolAsync(name); // and then the pages are open (checked inside)
            await ExpectAsync(await LoginAsync(name, Now(key)), HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_new_leader_with_a_one_time_password_changes_it_first_then_enrols()
    {
        var leader = await NewAccountAsync("Leader");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.AddClaimAsync((await users.FindByNameAsync(leader))!, MotCua.Web.Accounts.PasswordChange.Claim);
        }
        using var client = PageSession.Anonymous(App);
        await PageSession.PostSignInAsync(client, leader, MotCuaApp.Password);
        using (var first = await client.GetAsync("/phe-duyet"))
            Assert.Equal("/doi-mat-khau", first.Headers.Location?.OriginalString);
        var changed = await PostFormAsync(client, "/doi-mat-khau", "change-password", "Input.Current", MotCuaApp.Password,
            ("Input.Next", "Lanh-Dao-Moi-2026"), ("Input.Again", "Lanh-Dao-Moi-2026"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // The password is the holder's own now, but a password alone is still not enough.
        using (var next = await client.GetAsync("/phe-duyet"))
            Assert.Equal("/tai-khoan/hai-buoc", next.Headers.Location?.OriginalString);
        using (var anonymous = await App.ClientAsync())
            await ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = leader, password = "Lanh-Dao-Moi-2026" }),
                HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_demo_leader_and_admin_are_exempt_in_demo_mode_only_from_enrolment()
    {
        // The test host runs in demo mode: the seeded accounts sign in with the password (as `dotnet run` prints it).
        await ExpectAsync(await LoginAsync("leader"), HttpStatusCode.OK);
        await ExpectAsync(await LoginAsync("admin"), HttpStatusCode.OK);
        using var client = PageSession.Anonymous(App);
        Assert.Equal("/quan-tri", (await PageSession.PostSignInAsync(client, "admin", MotCuaApp.Password)).Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri")).StatusCode);
        // Not when demo mode is off (as in Production), nor for any other name.
        var user = new MotCua.Data.Entities.AppUser { UserName = "admin" };
        Assert.True(MotCua.Web.Accounts.TwoFactor.IsDemoExempt(user, new MotCua.Web.Demo.DemoOptions { Enabled = true }));
        Assert.False(MotCua.Web.Accounts.TwoFactor.IsDemoExempt(user, new MotCua.Web.Demo.DemoOptions { Enabled = false }));
        Assert.False(MotCua.Web.Accounts.TwoFactor.IsDemoExempt(new MotCua.Data.Entities.AppUser { UserName = "admin-x" },
            new MotCua.Web.Demo.DemoOptions { Enabled = true }));
    }

    [Fact]
    public async Task A_code_is_accepted_once()
    {
        var leader = await NewAccountAsync("Leader");
        var key = await EnrolAsync(leader);
        var code = Now(key);
        await ExpectAsync(await LoginAsync(leader, code), HttpStatusCode.OK);
        // The same code again, within its 30 seconds: refused, on the API and on the page's second step.
        var replay = await ProblemAsync(await LoginAsync(leader, code), HttpStatusCode.Unauthorized);
        Assert.Contains("đã được dùng", replay["detail"]!.GetValue<string>());
        using (var client = PageSession.Anonymous(App))
        {
            await PageSession.PostSignInAsync(client, leader, MotCuaApp.Password);
            var page = await PostFormAsync(client, "/dang-nhap/hai-buoc", "second-step", "Code", code);
            Assert.Contains("Mã xác thực không đúng", await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/phe-duyet")).StatusCode);
        }
        // The previous step's code is still within the window, but older than the one used: refused too.
        await ProblemAsync(await LoginAsync(leader, Totp(key, App.Clock.GetUtcNow().AddSeconds(-30))), HttpStatusCode.Unauthorized);
        // The next step's code works once.
        NextStep();
        var next = Now(key);
        await ExpectAsync(await LoginAsync(leader, next), HttpStatusCode.OK);
        await ProblemAsync(await LoginAsync(leader, next), HttpStatusCode.Unauthorized);
        // The step is kept on the account (an Identity user token), not in memory.
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var saved = await users.GetAuthenticationTokenAsync((await users.FindByNameAsync(leader))!, "[MotCuaAuthenticator]", "LastStep");
        Assert.Equal((App.Clock.GetUtcNow().ToUnixTimeSeconds() / 30).ToString(System.Globalization.CultureInfo.InvariantCulture), saved);
    }

    /// <summary>The current RFC 6238 code of a base32 key (what an authenticator app shows).</summary>
    public static string Totp(string base32Key, DateTimeOffset? at = null)
    {
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(Base32(base32Key), message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is not valid now nor in the steps around now.</summary>
    private string WrongCode(string key)
    {
        var valid = Enumerable.Range(-3, 7).Select(step => Totp(key, App.Clock.GetUtcNow().AddSeconds(30 * step))).ToHashSet();
        var candidate = 0;
        while (valid.Contains(candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))) candidate++;
        return candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }
}

[Collection(SqliteCollection.Name)] public sealed class TwoFactorTests_Sqlite(SqliteApp app) : TwoFactorTests(app);
[Collection(PostgresCollection.Name)] public sealed class TwoFactorTests_Postgres(PostgresApp app) : TwoFactorTests(app);
