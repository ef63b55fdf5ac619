using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Data.Entities;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// Password guessing: five wrong passwords lock a staff account for 15 minutes (HostSetup), on the API's token endpoint
/// and on the sign-in page alike; while locked, the right password is refused too. ASP.NET Core Identity reads the real
/// clock for lockouts (not the injected TimeProvider), so the end of the lockout is checked on the stored lock state and
/// by moving that end into the past.
/// </summary>
public abstract class LockoutTests(MotCuaApp app) : ApiTestBase(app)
{
    private async Task<string> NewOfficerAsync()
    {
        var name = "lock-" + Guid.NewGuid().ToString("N")[..8];
        await App.EnsureUserAsync(name, "Officer", ThoiSon, AnGiang);
        return name;
    }

    private async Task<HttpResponseMessage> LoginAsync(string userName, string password, string? language = null)
    {
        using var client = await App.ClientAsync(language: language);
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
    }

    private async Task<T> WithUserAsync<T>(string userName, Func<UserManager<AppUser>, AppUser, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await action(users, (await users.FindByNameAsync(userName))!);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_then_fails_until_the_lock_ends()
    {
        var name = await NewOfficerAsync();
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await ProblemAsync(await LoginAsync(name, "wrong-password-" + i), HttpStatusCode.Unauthorized);
            Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", wrong["detail"]!.GetValue<string>());
        }
        Assert.False(await WithUserAsync(name, (u, x) => u.IsLockedOutAsync(x)));
        var fifth = await ProblemAsync(await LoginAsync(name, "wrong-password-5"), HttpStatusCode.Unauthorized);
        Assert.Contains("tạm khóa", fifth["detail"]!.GetValue<string>());

        var lockEnd = await WithUserAsync(name, (u, x) => u.GetLockoutEndDateAsync(x));
        Assert.NotNull(lockEnd);
        Assert.InRange(lockEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        // The right password is refused while locked, in the caller's language, and gives no token.
        var right = await ProblemAsync(await LoginAsync(name, MotCuaApp.Password, "en"), HttpStatusCode.Unauthorized);
        Assert.Equal("The account is locked after too many wrong passwords. Try again in 15 minutes.", right["detail"]!.GetValue<string>());
        Assert.Null(right["accessToken"]);
        // The sign-in page refuses it as well and sets no cookie.
        using var page = PageSession.Anonymous(App);
        var answer = await PageSession.PostSignInAsync(page, name, MotCuaApp.Password);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần", await answer.Content.ReadAsStringAsync());
        Assert.False(answer.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("motcua.auth=", StringComparison.Ordinal)));

        // When the 15 minutes are over the right password works again, and the failures start from zero.
        await WithUserAsync(name, (u, x) => u.SetLockoutEndDateAsync(x, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var token = await LoginAsync(name, MotCuaApp.Password);
        await ExpectAsync(token, HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty((await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>()));
        Assert.Equal(0, await WithUserAsync(name, (u, x) => u.GetAccessFailedCountAsync(x)));
    }

    [Fact]
    public async Task Wrong_passwords_on_the_sign_in_page_count_towards_the_same_lockout()
    {
        var name = await NewOfficerAsync();
        using var page = PageSession.Anonymous(App);
        for (var i = 0; i < 3; i++)
        {
            var answer = await PageSession.PostSignInAsync(page, name, "not-the-password");
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await answer.Content.ReadAsStringAsync());
        }
        await ProblemAsync(await LoginAsync(name, "not-the-password"), HttpStatusCode.Unauthorized);
        var locked = await ProblemAsync(await LoginAsync(name, "not-the-password"), HttpStatusCode.Unauthorized);
        Assert.Contains("tạm khóa", locked["detail"]!.GetValue<string>());
        Assert.True(await WithUserAsync(name, (u, x) => u.IsLockedOutAsync(x)));
        // A correct sign-in before the fifth failure resets the count: another account is not affected.
        var other = await NewOfficerAsync();
        await ProblemAsync(await LoginAsync(other, "not-the-password"), HttpStatusCode.Unauthorized);
        await ExpectAsync(await LoginAsync(other, MotCuaApp.Password), HttpStatusCode.OK);
        Assert.Equal(0, await WithUserAsync(other, (u, x) => u.GetAccessFailedCountAsync(x)));
    }
}

[Collection(SqliteCollection.Name)] public sealed class LockoutTests_Sqlite(SqliteApp app) : LockoutTests(app);
[Collection(PostgresCollection.Name)] public sealed class LockoutTests_Postgres(PostgresApp app) : LockoutTests(app);
