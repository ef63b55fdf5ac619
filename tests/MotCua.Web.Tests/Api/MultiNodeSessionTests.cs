using System.Net;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Api;

/// <summary>
/// Two app nodes as real processes on one PostgreSQL database, as behind a load balancer without sticky sessions: the
/// sign-in page served by one node is posted to the other (its anti-forgery token must be accepted there), and the cookie
/// the second node issues opens the work queue on the first. Both need the data-protection key ring kept in the database.
/// </summary>
public sealed class MultiNodeSessionTests : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await (await PostgresCluster.GetSharedAsync()).CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_page_session_started_on_one_node_is_honoured_by_the_other()
    {
        await using var nodeA = await AppNodeProcess.StartAsync(Settings("node-a"));
        await using var nodeB = await AppNodeProcess.StartAsync(Settings("node-b"));
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        { Timeout = TimeSpan.FromSeconds(60) };

        var page = await browser.GetStringAsync($"{nodeA.BaseUrl}/dang-nhap");
        var token = PageForms.Antiforgery(page);
        // The anti-forgery cookie is for the host; the nodes differ only by port, so it reaches node B too.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "signin",
            ["Input.UserName"] = "officer",
            ["Input.Password"] = MotCuaApp.Password,
        });
        using var signIn = await browser.PostAsync($"{nodeB.BaseUrl}/dang-nhap", form);
        Assert.True(signIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"sign-in on node B answered {(int)signIn.StatusCode}: {Trim(await signIn.Content.ReadAsStringAsync())}\n{nodeB.Log}");

        using var queue = await browser.GetAsync($"{nodeA.BaseUrl}/cong-viec");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var html = await queue.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/dang-xuat\"", html);   // the signed-in layout: the sign-out form
        Assert.DoesNotContain("Input.Password", html);
    }

    private Dictionary<string, string> Settings(string node) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:MotCua"] = _connectionString,
        ["MotCua:Demo:Enabled"] = "true",
        ["MotCua:Demo:SampleDossiers"] = "false",
        ["MotCua:Seed:DemoPassword"] = MotCuaApp.Password,
        ["Jwt:SigningKey"] = MotCuaApp.SigningKey,
        ["Integrations:NodeId"] = node,
        // Separate machines: without this both processes would share ~/.aspnet/DataProtection-Keys and the test would
        // pass whatever the app does.
        ["HOME"] = Directory.CreateTempSubdirectory($"motcua-{node}-home-").FullName,
    };

    private static string Trim(string s) => s.Length > 500 ? s[..500] : s;
}
