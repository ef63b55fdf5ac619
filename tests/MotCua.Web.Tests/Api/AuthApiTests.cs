using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

public abstract class AuthApiTests(MotCuaApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Login_returns_a_bearer_token_and_me_tells_the_unit_and_roles()
    {
        var client = await App.ClientAsync("officer");
        var me = await client.GetFromJsonAsync<JsonObject>("/api/v1/me");
        Assert.Equal("officer", me!["userName"]!.GetValue<string>());
        Assert.Equal(ThoiSon, me["unitCode"]!.GetValue<string>());
        Assert.Equal(["Officer"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Wrong_password_is_401_with_a_vietnamese_message()
    {
        using var client = await App.ClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "leader", password = "wrong-password" });
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("mật khẩu", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_fields_are_a_validation_problem_in_the_requested_language()
    {
        using var client = await App.ClientAsync(language: "en");
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "" });
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["password", "userName"], ErrorKeys(problem));
        Assert.Equal("This field is required.", problem["errors"]!["userName"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await App.EnsureUserAsync("lockme", "Officer", ThoiSon, AnGiang);
        using var client = await App.ClientAsync();
        for (var i = 0; i < 5; i++)
            await ExpectAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "lockme", password = "nope-nope-nope" }), HttpStatusCode.Unauthorized);
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "lockme", password = MotCuaApp.Password });
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("khóa", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Protected_endpoints_need_a_token()
    {
        using var client = await App.ClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/dossiers")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)] public sealed class AuthApiTests_Sqlite(SqliteApp app) : AuthApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class AuthApiTests_Postgres(PostgresApp app) : AuthApiTests(app);
