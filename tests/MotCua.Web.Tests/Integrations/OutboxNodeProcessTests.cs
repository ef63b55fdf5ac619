using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using MotCua.Web.Integrations;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace MotCua.Web.Tests.Integrations;

/// <summary>
/// Two MotCua app nodes as real processes with their outbox workers on, on one PostgreSQL database, sending over TCP to
/// the partner simulators of this test process; one node is killed (SIGKILL) while it is sending and started again.
/// </summary>
public sealed class OutboxNodeProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private void Phase(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private const string MaritalStatus = ApiTestBase.MaritalStatus;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication _simulators = null!;
    private string _simulatorUrl = "";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _simulators = PartnerSimulatorHost.Build(["--urls", "http://127.0.0.1:0"]);
        await _simulators.StartAsync();
        _simulatorUrl = _simulators.Urls.First();
        _connectionString = await (await PostgresCluster.GetSharedAsync()).CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _simulators.DisposeAsync();

    [Fact]
    public async Task Two_nodes_share_the_outbox_and_a_node_killed_while_sending_loses_nothing_and_doubles_nothing_at_the_partner()
    {
        // The portal answers after 1.5 s (below the 3 s request timeout), so the nodes have messages in flight for long.
        await SetPortalAsync("slow", delayMs: 1500);
        Phase("start");
        var nodeA = await AppNodeProcess.StartAsync(Settings("node-a"));
        Phase("node a up");
        await using var nodeB = await AppNodeProcess.StartAsync(Settings("node-b"));
        Phase("node b up");
        AppNodeProcess? restarted = null;
        try
        {
            using var officerA = await SignedInAsync(nodeA, "officer");
            using var officerB = await SignedInAsync(nodeB, "officer");
            var form = await ApiTestBase.ValidFormDataAsync(officerA, MaritalStatus);
            var codes = new ConcurrentBag<string>();
            await Parallel.ForAsync(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                codes.Add(await ReceiveAsync(i % 2 == 0 ? officerA : officerB, form, i)));

            await WaitUntilAsync(() => Count("Delivered") >= 3 && InFlightOf("node-a").Count > 0, "node a is sending");
            Phase("node a sending");
            var before = InFlightOf("node-a");
            nodeA.Kill();
            var atKill = InFlightOf("node-a"); // claimed by node a when it died: some may have reached the partner
            Assert.NotEmpty(atKill);
            // A send may also be repeated if it was under way just before the kill and its outcome was not recorded.
            var cut = atKill.Union(before).ToHashSet();

            // The counter goes on through node b while node a is down.
            for (var i = 40; i < 50; i++) codes.Add(await ReceiveAsync(officerB, form, i));

            Phase("10 more through node b");
            restarted = await AppNodeProcess.StartAsync(Settings("node-a"));
            Phase("node a restarted");
            await SetPortalAsync("normal");
            await WaitUntilAsync(() => Count("Delivered") == codes.Count, "every message is delivered",
                () => $"{Count("Delivered")} of {codes.Count} delivered.\nnode a: {restarted.Log}\nnode b: {nodeB.Log}");

            Phase("all delivered");
            var messages = Messages();
            Assert.Equal(codes.Order(), messages.Select(m => m.DossierCode).Order()); // one receipt per dossier, none lost
            var received = (await Http.GetFromJsonAsync<JsonObject>($"{_simulatorUrl}/simulators/portal/received"))!;
            var keys = received["received"]!.AsArray().Select(r => r!["idempotencyKey"]!.GetValue<string>()).ToList();
            Assert.Equal(messages.Select(m => m.Key).Order(), keys.Order()); // each message recorded once by the partner
            var duplicates = received["duplicateKeys"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
            Assert.All(duplicates, k => Assert.Contains(k, cut)); // only a send cut by the kill was ever repeated
            Assert.All(messages.Where(m => atKill.Contains(m.Key)), m => Assert.True(m.Attempts >= 2, $"{m.Key} was taken over"));
        }
        finally
        {
            await nodeA.DisposeAsync();
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    private Dictionary<string, string> Settings(string node)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:MotCua"] = _connectionString,
            ["MotCua:Demo:Enabled"] = "true",
            ["MotCua:Demo:SampleDossiers"] = "false",
            ["MotCua:Seed:DemoPassword"] = MotCuaApp.Password,
            ["Jwt:SigningKey"] = MotCuaApp.SigningKey,
            ["RateLimits:LoginPerMinute"] = "100000",
            ["Integrations:Enabled"] = "true",
            ["Integrations:NodeId"] = node,
            ["Integrations:PollIntervalMs"] = "50",
            ["Integrations:RequestTimeoutSeconds"] = "3",
            ["Integrations:LeaseSeconds"] = "5",
            ["Integrations:BackoffFirstSeconds"] = "1",
        };
        foreach (var partner in Partners.All)
            settings[$"Integrations:Partners:{partner}:BaseUrl"] = $"{_simulatorUrl}/simulators/{partner}/";
        return settings;
    }

    private async Task SetPortalAsync(string mode, int? delayMs = null)
    {
        var response = await Http.PostAsJsonAsync($"{_simulatorUrl}/simulators/portal/mode", new { mode, delayMs });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpClient> SignedInAsync(AppNodeProcess node, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = MotCuaApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> ReceiveAsync(HttpClient officer, JsonObject form, int i)
    {
        var body = new JsonObject
        {
            ["procedureCode"] = MaritalStatus,
            ["unitCode"] = ApiTestBase.ThoiSon,
            ["channel"] = "counter",
            ["applicant"] = new JsonObject
            {
                ["fullName"] = $"Lê Văn Nút {i}",
                ["idNumber"] = $"0910950{i:00000}",
                ["dateOfBirth"] = "1995-05-12",
                ["address"] = "Khóm 3, phường Thới Sơn, tỉnh An Giang",
            },
            ["formData"] = form.DeepClone(),
        };
        var response = await officer.PostAsJsonAsync("/api/v1/dossiers", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
    }

    private sealed record Row(string Key, string DossierCode, int Sequence, string State, string? ClaimedBy, int Attempts);

    private List<Row> Messages()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("""
            SELECT "IdempotencyKey", "DossierCode", "Sequence", "State", "ClaimedBy", "Attempts"
            FROM outbox_messages WHERE "Partner" = 'portal' ORDER BY "Id"
            """, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5)));
        return rows;
    }

    private int Count(string state) => Messages().Count(m => m.State == state);

    private HashSet<string> InFlightOf(string node) =>
        Messages().Where(m => m.State == "InFlight" && m.ClaimedBy == node).Select(m => m.Key).ToHashSet();

    private static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}. {state?.Invoke()}");
            await Task.Delay(50);
        }
    }
}
