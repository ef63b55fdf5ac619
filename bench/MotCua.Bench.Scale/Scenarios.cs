using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Bench.Scale;

/// <summary>
/// The requests of each scenario, as the real users send them: the API with bearer tokens (citizen, officer, specialist,
/// leader of Phường Thới Sơn, the demo accounts), the officer's work queue page with the sign-in cookie, public tracking
/// with a code and its ID number. One connection pool per node; request i goes to node i mod n.
/// </summary>
public sealed class Scenarios : IAsyncDisposable
{
    public const string Password = "Bench-Password-2026";
    public const string ThoiSon = "30502";
    /// <summary>Birth registration, offered online at level 2, one of the busiest procedures.</summary>
    public const string Procedure = "1.001193";

    private readonly List<Node> _nodes = [];
    private readonly IReadOnlyList<string> _onlineUnits;
    private readonly IReadOnlyList<(string Code, string IdNumber)> _tracked;
    private JsonObject _form = new();
    private long _applicant;

    private sealed record Node(HttpClient Anonymous, HttpClient Citizen, HttpClient Officer, HttpClient Specialist, HttpClient Leader, HttpClient Page);

    private Scenarios(IReadOnlyList<string> onlineUnits, IReadOnlyList<(string, string)> tracked)
    {
        _onlineUnits = onlineUnits;
        _tracked = tracked;
    }

    public static async Task<Scenarios> ConnectAsync(IReadOnlyList<string> baseUrls, IReadOnlyList<string> onlineUnits,
        IReadOnlyList<(string, string)> tracked)
    {
        var scenarios = new Scenarios(onlineUnits, tracked);
        foreach (var url in baseUrls)
        {
            scenarios._nodes.Add(new Node(Client(url), await SignedInAsync(url, "citizen"), await SignedInAsync(url, "officer"),
                await SignedInAsync(url, "specialist"), await SignedInAsync(url, "leader"), await PageSessionAsync(url, "officer")));
        }
        scenarios._form = await SampleFormData.ForAsync(scenarios._nodes[0].Anonymous, Procedure);
        return scenarios;
    }

    private Node NodeFor(long i) => _nodes[(int)(i % _nodes.Count)];

    /// <summary>
    /// A scenario's load: its request (<paramref name="One"/> of a connected <see cref="Scenarios"/>), the requests in flight,
    /// and for an open loop its rate. <paramref name="Compared"/>: measured in the A/B mode (<see cref="Comparison"/>) too.
    /// </summary>
    public sealed record Load(string Name, string Description, Func<Scenarios, Func<long, Task<Attempt>>> One, int Concurrency,
        double? Rate, bool Compared);

    /// <summary>Requests in flight at most in the open-loop scenarios: tracking and its reference run the same load.</summary>
    private const int OpenLoopSlots = 256;

    /// <summary>Every scenario, in the order of a pass, with the loads <paramref name="options"/> ask for.</summary>
    public static IReadOnlyList<Load> Loads(ScaleOptions options, int communes) =>
    [
        new("constant", "GET /health: a constant answer, no database (the web stack's limit on this machine)",
            s => s.ConstantAsync, options.Concurrency, null, Compared: false),
        new("constantAtRate", $"GET /health open loop at {options.TrackingRate}/s: the web stack's latency at tracking's rate (tracking's reference)",
            s => s.ConstantAsync, OpenLoopSlots, options.TrackingRate, Compared: false),
        new("submitOnline", $"POST /api/v1/dossiers by the citizen, procedure {Procedure}, online, to each of the {communes} communes in turn",
            s => s.SubmitOnlineAsync, options.Concurrency, null, Compared: true),
        new("counterIntake", "POST /api/v1/dossiers by Thới Sơn's officer at the counter (one agency: one code counter row)",
            s => s.CounterIntakeAsync, options.Concurrency, null, Compared: true),
        new("tracking", $"POST /api/v1/public/dossiers/{{code}} {{idNumber}} of generated dossiers, open loop at {options.TrackingRate}/s",
            s => s.TrackAsync, OpenLoopSlots, options.TrackingRate, Compared: true),
        new("workQueue", "GET /cong-viec (the officer's work queue page, signed-in cookie) of Thới Sơn, the busiest commune",
            s => s.WorkQueuePageAsync, options.QueueConcurrency, null, Compared: true),
        new("lifecycle", "a dossier's whole life over the API: receive, assign, start, submit, approve, result ready, return (7 requests)",
            s => s.LifecycleAsync, Math.Max(1, options.Concurrency / 4), null, Compared: false),
    ];

    /// <summary>The web stack's own limit: <c>/health</c> answers a constant, no database.</summary>
    public async Task<Attempt> ConstantAsync(long i)
    {
        using var response = await NodeFor(i).Anonymous.GetAsync("/health");
        return await Expect(response, HttpStatusCode.OK);
    }

    /// <summary>A citizen submits online to one of the province's communes: code, dossier, control sheet, outbox, statistics.</summary>
    public async Task<Attempt> SubmitOnlineAsync(long i)
    {
        var unit = _onlineUnits[(int)(i % _onlineUnits.Count)];
        using var response = await NodeFor(i).Citizen.PostAsJsonAsync("/api/v1/dossiers", Body(unit, "online"));
        return await Expect(response, HttpStatusCode.Created);
    }

    /// <summary>The Thới Sơn counter receives a paper dossier (one agency, so one code counter row for all of them).</summary>
    public async Task<Attempt> CounterIntakeAsync(long i)
    {
        using var response = await NodeFor(i).Officer.PostAsJsonAsync("/api/v1/dossiers", Body(ThoiSon, "counter"));
        return await Expect(response, HttpStatusCode.Created);
    }

    /// <summary>Public tracking of a generated dossier by its code and the applicant's ID number.</summary>
    public async Task<Attempt> TrackAsync(long i)
    {
        var (code, idNumber) = _tracked[(int)(i * 7919 % _tracked.Count)];
        using var response = await NodeFor(i).Anonymous.PostAsJsonAsync($"/api/v1/public/dossiers/{Uri.EscapeDataString(code)}", new { idNumber });
        return await Expect(response, HttpStatusCode.OK);
    }

    /// <summary>The officer opens the work queue page (first page, newest first) of Thới Sơn, the unit with the most dossiers.</summary>
    public async Task<Attempt> WorkQueuePageAsync(long i)
    {
        using var response = await NodeFor(i).Page.GetAsync("/cong-viec");
        var attempt = await Expect(response, HttpStatusCode.OK);
        return attempt.Ok && response.RequestMessage?.RequestUri?.AbsolutePath != "/cong-viec"
            ? new Attempt(false, 0, $"redirected to {response.RequestMessage?.RequestUri}") : attempt;
    }

    /// <summary>
    /// A whole life at the counter, seven requests: receive, assign, start, submit for approval, approve, result ready,
    /// return. Latency is for the whole life.
    /// </summary>
    public async Task<Attempt> LifecycleAsync(long i)
    {
        var node = NodeFor(i);
        using var received = await node.Officer.PostAsJsonAsync("/api/v1/dossiers", Body(ThoiSon, "counter"));
        var first = await Expect(received, HttpStatusCode.Created, keepBody: true);
        if (!first.Ok) return first;
        var dossier = (await received.Content.ReadFromJsonAsync<JsonObject>())!;
        var code = dossier["code"]!.GetValue<string>();
        var version = dossier["version"]!.GetValue<int>();
        long bytes = first.Bytes;
        foreach (var (client, action, assignee) in new[]
                 {
                     (node.Officer, "assign", "specialist"), (node.Specialist, "startProcessing", null),
                     (node.Specialist, "submitForApproval", null), (node.Leader, "approve", null),
                     (node.Officer, "markResultReady", null), (node.Officer, "returnResult", null),
                 })
        {
            var body = new JsonObject { ["action"] = action, ["version"] = version };
            if (assignee is not null) body["assignee"] = assignee;
            using var response = await client.PostAsJsonAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}/actions", body);
            if (response.StatusCode != HttpStatusCode.OK)
                return new Attempt(false, 0, $"{action}: {(int)response.StatusCode} {Trim(await response.Content.ReadAsStringAsync())}");
            var after = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            version = after["version"]!.GetValue<int>();
            bytes += response.Content.Headers.ContentLength ?? 0;
        }
        return new Attempt(true, bytes);
    }

    private JsonObject Body(string unit, string channel)
    {
        var n = Interlocked.Increment(ref _applicant);
        return new JsonObject
        {
            ["procedureCode"] = Procedure,
            ["unitCode"] = unit,
            ["channel"] = channel,
            ["applicant"] = new JsonObject
            {
                ["fullName"] = $"Nguyễn Thị Bench {n}",
                ["idNumber"] = $"091190{n % 1_000_000:D6}",
                ["dateOfBirth"] = "1990-03-15",
                ["phone"] = "0912345678",
                ["address"] = "Khóm 3, phường Thới Sơn, tỉnh An Giang",
            },
            ["formData"] = _form.DeepClone(),
        };
    }

    private static async Task<Attempt> Expect(HttpResponseMessage response, HttpStatusCode expected, bool keepBody = false)
    {
        if (response.StatusCode != expected)
            return new Attempt(false, 0, $"{(int)response.StatusCode} {Trim(await response.Content.ReadAsStringAsync())}");
        if (keepBody) return new Attempt(true, response.Content.Headers.ContentLength ?? 0);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new Attempt(true, body.Length);
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] : s;

    private static HttpClient Client(string baseUrl, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = true,
        })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<HttpClient> SignedInAsync(string baseUrl, string userName)
    {
        var client = Client(baseUrl);
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        if (!login.IsSuccessStatusCode)
            throw new InvalidOperationException($"sign-in of {userName} failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in on the sign-in page as a browser does (anti-forgery token, form post), keeping the cookie.</summary>
    private static async Task<HttpClient> PageSessionAsync(string baseUrl, string userName)
    {
        var client = Client(baseUrl, new CookieContainer());
        var page = await client.GetStringAsync("/dang-nhap");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageForms.Antiforgery(page),
            ["_handler"] = "signin",
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
        });
        using var response = await client.PostAsync("/dang-nhap", form);
        using var queue = await client.GetAsync("/cong-viec");
        if (queue.StatusCode != HttpStatusCode.OK || queue.RequestMessage?.RequestUri?.AbsolutePath != "/cong-viec")
            throw new InvalidOperationException($"page sign-in of {userName} failed: {(int)response.StatusCode}, queue at {queue.RequestMessage?.RequestUri}");
        return client;
    }


    public ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            foreach (var client in new[] { node.Anonymous, node.Citizen, node.Officer, node.Specialist, node.Leader, node.Page })
                client.Dispose();
        return ValueTask.CompletedTask;
    }
}
