// Outbox delivery benchmark (issue 4): throughput of the outbox workers draining a backlog, and the delay from a
// dossier change to its delivery at the partner in steady state. Everything real: a throwaway PostgreSQL cluster,
// MotCua app nodes as processes (dotnet MotCua.Web.dll), dossiers received through the HTTP API, partner simulators
// over TCP. See bench/README.md.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MotCua.Bench.Outbox;
using MotCua.Web.Integrations;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try { options = BenchOptions.Parse(args); }
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options.Help) { Console.WriteLine(BenchOptions.Usage); return 0; }

Console.CancelKeyPress += (_, _) => Nodes.KillAll();
var startedAt = DateTimeOffset.UtcNow;
var loadAtStart = Machine.LoadAverage();
Log($"load average at start: {loadAtStart}; {Environment.ProcessorCount} cores");

await using var cluster = await PostgresCluster.StartAsync();
Log($"PostgreSQL {cluster.MajorVersion} up in {cluster.StartupTime.TotalSeconds:0.0} s");
// The test cluster runs without autovacuum; a production server has it (and with it the planner's statistics).
if (options.Statistics)
{
    await using var admin = new NpgsqlConnection(cluster.AdminConnectionString);
    await admin.OpenAsync();
    await using var command = new NpgsqlCommand("ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();", admin);
    await command.ExecuteNonQueryAsync();
}
await using var simulators = PartnerSimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"]);
await simulators.StartAsync();
var simUrl = simulators.Urls.First().TrimEnd('/');
Log($"partner simulators at {simUrl}");

var runs = new List<object>();
foreach (var nodeCount in options.NodeCounts)
    runs.Add(await new BenchRun(options, cluster, simUrl, nodeCount).RunAsync());

var loadAtEnd = Machine.LoadAverage();
var result = new
{
    benchmark = "outbox delivery (issue 4)",
    startedAt,
    finishedAt = DateTimeOffset.UtcNow,
    command = "dotnet run -c Release --project bench/MotCua.Bench.Outbox -- " + string.Join(' ', args),
    machine = new
    {
        cores = Environment.ProcessorCount,
        cpu = Machine.CpuModel(),
        memoryGiB = Machine.MemoryGiB(),
        os = RuntimeInformation.OSDescription,
        dotnet = RuntimeInformation.FrameworkDescription,
        postgres = cluster.ServerVersion,
        postgresSettings = "throwaway test cluster (PostgresCluster.cs): fsync, synchronous_commit, full_page_writes off; shared_buffers 32MB; " +
            (options.Statistics ? "autovacuum switched back on by the bench" : "autovacuum off (--no-statistics)"),
        loadAverageAtStart = loadAtStart,
        loadAverageAtEnd = loadAtEnd,
        shared = Machine.IsLoaded(loadAtStart) || Machine.IsLoaded(loadAtEnd),
        note = options.Note ?? (Machine.IsLoaded(loadAtStart) || Machine.IsLoaded(loadAtEnd)
            ? "the machine was shared with other builds/tests while this ran (1-minute load average above the core count): figures are lower bounds"
            : "no other notable load"),
    },
    parameters = new
    {
        dossiers = options.Dossiers,
        nodes = options.NodeCounts,
        steadyRatesPerSecond = options.Rates,
        steadySeconds = options.Seconds,
        intakeConcurrency = options.IntakeConcurrency,
        statistics = options.Statistics ? "autovacuum on, ANALYZE once the backlog is in" : "none: autovacuum off, no ANALYZE (--no-statistics)",
        pollIntervalMs = options.PollMs,
        procedure = Api.Procedure,
        unit = Api.Unit,
        nodeSettings = options.ExtraSettings,
        workerDefaults = "BatchSize 50, Concurrency 8 per partner and node, LeaseSeconds 120 (appsettings.json) unless set",
    },
    runs,
};
var outPath = Path.GetFullPath(options.Out);
Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
await File.WriteAllTextAsync(outPath + ".tmp", JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
File.Move(outPath + ".tmp", outPath, overwrite: true);

Console.WriteLine();
Console.WriteLine($"Outbox benchmark  {startedAt:yyyy-MM-dd HH:mm} UTC  {Environment.ProcessorCount} cores  load {loadAtStart} → {loadAtEnd}");
Console.WriteLine($"  {cluster.ServerVersion.Split(" on ")[0]}, {RuntimeInformation.FrameworkDescription}, poll {options.PollMs} ms");
foreach (var summary in BenchRun.Summaries) Console.WriteLine(summary);
Console.WriteLine($"  written to {outPath}");
return BenchRun.Summaries.Any(s => s.Contains("INCOMPLETE") || s.Contains("DUPLICATES")) ? 1 : 0;

static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

namespace MotCua.Bench.Outbox
{
    /// <summary>One benchmark pass with a given number of worker nodes, on a fresh database.</summary>
    internal sealed class BenchRun(BenchOptions options, PostgresCluster cluster, string simUrl, int nodeCount)
    {
        public static readonly List<string> Summaries = [];
        private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
        private string _db = "";
        private readonly SortedDictionary<string, long> _inFlightSeen = [];

        public async Task<object> RunAsync()
        {
            _db = await cluster.CreateDatabaseAsync($"bench_{nodeCount}_nodes");
            await ResetSimulatorsAsync();

            // ---- Scenario A: backlog drain. A node without a worker receives the dossiers (the outbox records their
            // messages anyway, nothing is sent); it stops; then the worker nodes start and drain the backlog.
            Log($"[{nodeCount} node(s)] A: migrating, seeding and receiving {options.Dossiers} dossiers through a node without worker");
            var loader = await Nodes.StartAsync(Settings("loader", worker: false));
            var intakeA = await Api.ReceiveAsync([loader], options.Dossiers, ratePerSecond: null, options.IntakeConcurrency);
            await Nodes.StopAsync(loader);
            var backlog = await ScalarAsync<long>("SELECT count(*) FROM outbox_messages");
            // A real backlog builds up over minutes or hours, long enough for autovacuum to ANALYZE the table; this one
            // took a minute. Without statistics the planner runs the claim's NOT EXISTS as a nested loop over every
            // message of the partner (quadratic: seconds per claim with a few thousand messages): --no-statistics shows it.
            if (options.Statistics) await ExecuteAsync("ANALYZE");
            Log($"[{nodeCount} node(s)] A: backlog of {backlog} messages ({intakeA.Failed} intake failures); starting {nodeCount} worker node(s)");

            var nodes = await Task.WhenAll(Enumerable.Range(1, nodeCount).Select(i => Nodes.StartAsync(Settings($"node-{i}", worker: true))));
            var allUp = DateTimeOffset.UtcNow;
            var deliveredWhenUp = await DeliveredAsync(0);
            var drained = await WaitDeliveredAsync(0, backlog);
            var a = await FiguresAsync(0);
            var drainSeconds = a.LastDelivered is { } last ? (last - allUp).TotalSeconds : double.NaN;
            var drainRate = (a.Delivered - deliveredWhenUp) / drainSeconds;
            var spanRate = (a.Delivered - 1) / (a.LastDelivered - a.FirstDelivered)?.TotalSeconds;
            var deciles = await DecilesAsync(allUp);
            Log($"[{nodeCount} node(s)] A: {a.Delivered}/{backlog} delivered, {drainRate:0.0} msg/s from all nodes up");

            // ---- Scenario B: steady state, one step per rate. Partners normal, dossiers received at a steady rate
            // through the worker nodes (round robin); per message delay = DeliveredAt − CreatedAt (the app's clock).
            var steady = new List<object>();
            var steadyLines = new List<string>();
            var steadyDone = true;
            foreach (var rate in options.Rates)
            {
                var lastId = await ScalarAsync<long>("SELECT coalesce(max(\"Id\"), 0) FROM outbox_messages");
                var count = (int)Math.Round(rate * options.Seconds);
                Log($"[{nodeCount} node(s)] B: {count} dossiers at {rate}/s through {nodeCount} node(s)");
                var intake = await Api.ReceiveAsync(nodes, count, rate, options.IntakeConcurrency);
                var expected = await ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE \"Id\" > {lastId}");
                steadyDone &= await WaitDeliveredAsync(lastId, expected);
                var b = await FiguresAsync(lastId);
                Log($"[{nodeCount} node(s)] B: {rate}/s: p50 {b.P50:0} ms, p99 {b.P99:0} ms");
                steadyLines.Add(
                    $"    B steady {rate:0.#}/s for {options.Seconds:0.#} s: intake {intake.PerSecond:0.0} dossiers/s, {b.Delivered} messages, {b.PerSecond:0.0} msg/s\n" +
                    $"      delay change→delivery ms: p50 {b.P50:0} p95 {b.P95:0} p99 {b.P99:0} max {b.Max:0}  (mean {b.Mean:0})");
                steady.Add(new
                {
                    targetDossiersPerSecond = rate,
                    seconds = options.Seconds,
                    dossiers = count,
                    intakeFailures = intake.Failed,
                    intakeDossiersPerSecond = Math.Round(intake.PerSecond, 1),
                    intakeResponseMs = intake.ResponseMs,
                    messages = b.Delivered,
                    messagesPerSecond = Math.Round(b.PerSecond, 1),
                    delayMs = b.Delays,
                });
            }
            var received = await SimulatorCountsAsync();
            var states = await StatesAsync();
            foreach (var node in nodes) await Nodes.StopAsync(node);
            await cluster.DropDatabaseAsync(_db);

            var complete = drained && steadyDone;
            Summaries.Add(string.Join('\n', [
                $"  {nodeCount} worker node(s){(complete ? "" : "  INCOMPLETE (timed out)")}{(received.Duplicates > 0 ? $"  DUPLICATES: {received.Duplicates}" : "")}",
                $"    A backlog drain: {a.Delivered} of {backlog} messages in {drainSeconds:0.00} s from all nodes up = {drainRate:0.0} msg/s" +
                $"  (first→last delivery {spanRate:0.0} msg/s; intake {intakeA.PerSecond:0.0} dossiers/s)",
                $"      10 %, 20 % ... delivered after s: {string.Join(' ', deciles)}",
                .. steadyLines,
                $"    partner simulators: {received.Hits} hits, {received.Duplicates} duplicates; in-flight claims seen per node: " +
                string.Join(", ", _inFlightSeen.Select(kv => $"{kv.Key} {kv.Value}"))]));

            return new
            {
                workerNodes = nodeCount,
                complete,
                backlogDrain = new
                {
                    dossiers = options.Dossiers,
                    intakeFailures = intakeA.Failed,
                    intakeDossiersPerSecond = Math.Round(intakeA.PerSecond, 1),
                    messages = backlog,
                    delivered = a.Delivered,
                    deliveredBeforeAllNodesUp = deliveredWhenUp,
                    secondsFromAllNodesUpToLastDelivery = Math.Round(drainSeconds, 3),
                    messagesPerSecond = Math.Round(drainRate, 1),
                    messagesPerSecondFirstToLastDelivery = spanRate is { } s ? Math.Round(s, 1) : (double?)null,
                    secondsUntil10Percent20PercentEtcDelivered = deciles,
                },
                steadyState = steady,
                steadyStateNote = "messagesPerSecond = delivered / (last DeliveredAt − first CreatedAt); at most --concurrency intake requests in flight, so an overloaded node shows as intake below the target rate",
                partnerSimulators = new { hits = received.Hits, duplicates = received.Duplicates },
                inFlightClaimsSeenPerNode = _inFlightSeen,
                inFlightNote = "a delivered message no longer names its node (ClaimedBy is cleared), so the split is sampled: rows InFlight per ClaimedBy, every 100 ms while waiting, summed",
                finalStates = states,
            };
        }

        private Dictionary<string, string> Settings(string nodeId, bool worker)
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:MotCua"] = _db,
                ["MotCua:Demo:Enabled"] = "true",
                ["MotCua:Demo:SampleDossiers"] = "false",
                ["MotCua:Seed:DemoPassword"] = Api.Password,
                ["Jwt:SigningKey"] = Api.SigningKey,
                ["RateLimits:LoginPerMinute"] = "100000",
                ["Integrations:Enabled"] = worker ? "true" : "false",
                ["Integrations:NodeId"] = nodeId,
                ["Integrations:PollIntervalMs"] = options.PollMs.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var partner in Partners.All)
                settings[$"Integrations:Partners:{partner}:BaseUrl"] = $"{simUrl}/simulators/{partner}/";
            foreach (var (key, value) in options.ExtraSettings) settings[key] = value;
            return settings;
        }

        private async Task ResetSimulatorsAsync()
        {
            foreach (var partner in Partners.All)
            {
                (await Http.PostAsJsonAsync($"{simUrl}/simulators/{partner}/mode", new { mode = "normal" })).EnsureSuccessStatusCode();
                (await Http.DeleteAsync($"{simUrl}/simulators/{partner}/received")).EnsureSuccessStatusCode();
            }
        }

        private async Task<(long Hits, long Duplicates)> SimulatorCountsAsync()
        {
            long hits = 0, duplicates = 0;
            foreach (var partner in Partners.All)
            {
                var received = (await Http.GetFromJsonAsync<JsonObject>($"{simUrl}/simulators/{partner}/received"))!;
                hits += received["hits"]!.GetValue<long>();
                duplicates += received["duplicates"]!.GetValue<long>();
            }
            return (hits, duplicates);
        }

        private Task<long> DeliveredAsync(long afterId) =>
            ScalarAsync<long>($"SELECT count(*) FILTER (WHERE \"State\" = 'Delivered') FROM outbox_messages WHERE \"Id\" > {afterId}");

        private async Task<bool> WaitDeliveredAsync(long afterId, long expected)
        {
            var deadline = Stopwatch.StartNew();
            while (await DeliveredAsync(afterId) < expected)
            {
                if (deadline.Elapsed.TotalSeconds > options.TimeoutSeconds)
                {
                    Log($"timed out after {options.TimeoutSeconds} s waiting for {expected} deliveries");
                    return false;
                }
                await SampleInFlightAsync();
                await Task.Delay(100);
            }
            return true;
        }

        private sealed record Figures(long Delivered, DateTimeOffset? FirstDelivered, DateTimeOffset? LastDelivered,
            double P50, double P95, double P99, double Max, double Mean, double PerSecond)
        {
            public object Delays => new { p50 = Math.Round(P50, 1), p95 = Math.Round(P95, 1), p99 = Math.Round(P99, 1), max = Math.Round(Max, 1), mean = Math.Round(Mean, 1) };
        }

        /// <summary>Delays (ms) of the delivered messages with an id above <paramref name="afterId"/>, computed by PostgreSQL.</summary>
        private async Task<Figures> FiguresAsync(long afterId)
        {
            await using var connection = new NpgsqlConnection(_db);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                WITH d AS (
                    SELECT "CreatedAt" AS c, "DeliveredAt" AS t,
                           EXTRACT(EPOCH FROM "DeliveredAt" - "CreatedAt")::double precision * 1000 AS ms
                    FROM outbox_messages WHERE "Id" > {afterId} AND "State" = 'Delivered')
                SELECT count(*), min(t), max(t),
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms), avg(ms),
                       EXTRACT(EPOCH FROM max(t) - min(c))::double precision
                FROM d
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var count = reader.GetInt64(0);
            if (count == 0) return new Figures(0, null, null, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            DateTimeOffset At(int i) => new(DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc));
            return new Figures(count, At(1), At(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5),
                reader.GetDouble(6), reader.GetDouble(7), count / reader.GetDouble(8));
        }

        /// <summary>When 10 %, 20 % ... 100 % of the messages had been delivered, in seconds from <paramref name="from"/>: shows whether the drain slows down as it goes.</summary>
        private async Task<double[]> DecilesAsync(DateTimeOffset from)
        {
            await using var connection = new NpgsqlConnection(_db);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT percentile_disc(ARRAY[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]) WITHIN GROUP
                       (ORDER BY EXTRACT(EPOCH FROM "DeliveredAt" - @from)::double precision)
                FROM outbox_messages WHERE "State" = 'Delivered'
                """, connection);
            command.Parameters.AddWithValue("from", from.UtcDateTime);
            var values = (double[])(await command.ExecuteScalarAsync())!;
            return values.Select(v => Math.Round(v, 2)).ToArray();
        }

        private async Task SampleInFlightAsync()
        {
            await using var connection = new NpgsqlConnection(_db);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT "ClaimedBy", count(*) FROM outbox_messages WHERE "State" = 'InFlight' AND "ClaimedBy" IS NOT NULL GROUP BY 1
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                _inFlightSeen[reader.GetString(0)] = _inFlightSeen.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
        }

        private async Task<Dictionary<string, long>> StatesAsync()
        {
            var result = new Dictionary<string, long>();
            await using var connection = new NpgsqlConnection(_db);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT "State", count(*), sum(CASE WHEN "Attempts" > 1 THEN 1 ELSE 0 END) FROM outbox_messages GROUP BY 1 ORDER BY 1
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result[reader.GetString(0)] = reader.GetInt64(1);
                result[reader.GetString(0) + "WithRetries"] = reader.GetInt64(2);
            }
            return result;
        }

        private async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(_db);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        private async Task<T> ScalarAsync<T>(string sql)
        {
            await using var connection = new NpgsqlConnection(_db);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
        }

        private static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
    }

    /// <summary>The app's HTTP API as the front desk uses it: sign in, receive dossiers.</summary>
    internal static class Api
    {
        public const string Procedure = "1.004873"; // marital status confirmation: one portal message per receipt
        public const string Unit = "30502";         // Phường Thới Sơn, the demo officer's unit
        public const string Password = "Bench-Password-2026";
        public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 3)).ToArray());
        private static int _applicant;

        public sealed record Intake(int Ok, int Failed, double PerSecond, object ResponseMs);

        /// <summary>
        /// Receives <paramref name="count"/> dossiers round robin through <paramref name="nodes"/>: as fast as
        /// <paramref name="concurrency"/> requests at a time allow, or open loop at <paramref name="ratePerSecond"/>.
        /// </summary>
        public static async Task<Intake> ReceiveAsync(IReadOnlyList<AppNodeProcess> nodes, int count, double? ratePerSecond, int concurrency)
        {
            var clients = new List<HttpClient>();
            foreach (var node in nodes) clients.Add(await SignInAsync(node.BaseUrl));
            var form = await SampleFormData.ForAsync(clients[0], Procedure);
            var times = new ConcurrentBag<double>();
            var failures = 0;
            string? firstError = null;

            async Task One(int i)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await clients[i % clients.Count].PostAsJsonAsync("/api/v1/dossiers", Body(form));
                    if (response.StatusCode == System.Net.HttpStatusCode.Created) { times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); return; }
                    firstError ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                }
                catch (Exception e) { firstError ??= e.Message; }
                Interlocked.Increment(ref failures);
            }

            var clock = Stopwatch.StartNew();
            if (ratePerSecond is { } rate)
            {
                // Paced: request i starts at i / rate seconds, or later when `concurrency` requests are still
                // unanswered (unbounded, an overloaded node collapses under hundreds of waiting requests).
                var pending = new List<Task>(count);
                using var slots = new SemaphoreSlim(concurrency);
                for (var i = 0; i < count; i++)
                {
                    var due = TimeSpan.FromSeconds(i / rate);
                    if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                    await slots.WaitAsync();
                    var n = i;
                    pending.Add(Task.Run(async () => { try { await One(n); } finally { slots.Release(); } }));
                }
                await Task.WhenAll(pending);
            }
            else
                await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => await One(i));
            var seconds = clock.Elapsed.TotalSeconds;
            foreach (var client in clients) client.Dispose();
            if (firstError is not null) Console.WriteLine($"  {failures} intake failure(s), first: {firstError}");
            if (failures == count) throw new InvalidOperationException($"every dossier was refused: {firstError}");
            var sorted = times.Order().ToArray();
            double P(double q) => sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 1);
            return new Intake(sorted.Length, failures, sorted.Length / seconds, new { p50 = P(0.50), p95 = P(0.95), max = P(1.0) });
        }

        private static async Task<HttpClient> SignInAsync(string baseUrl)
        {
            var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "officer", password = Password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        private static JsonObject Body(JsonObject form)
        {
            var i = Interlocked.Increment(ref _applicant);
            return new JsonObject
            {
                ["procedureCode"] = Procedure,
                ["unitCode"] = Unit,
                ["channel"] = "counter",
                ["applicant"] = new JsonObject
                {
                    ["fullName"] = $"Lê Văn Đo {i}",
                    ["idNumber"] = $"091095{i:000000}",
                    ["dateOfBirth"] = "1995-05-12",
                    ["address"] = "Khóm 3, phường Thới Sơn, tỉnh An Giang",
                },
                ["formData"] = form.DeepClone(),
            };
        }
    }

    /// <summary>The app node processes of this run, killed on Ctrl+C too.</summary>
    internal static class Nodes
    {
        private static readonly ConcurrentDictionary<AppNodeProcess, byte> Live = new();

        public static async Task<AppNodeProcess> StartAsync(Dictionary<string, string> settings)
        {
            var node = await AppNodeProcess.StartAsync(settings, timeout: TimeSpan.FromMinutes(5));
            Live[node] = 0;
            return node;
        }

        public static async Task StopAsync(AppNodeProcess node)
        {
            Live.TryRemove(node, out _);
            await node.DisposeAsync();
        }

        public static void KillAll()
        {
            foreach (var node in Live.Keys) node.Kill();
        }
    }

    internal static class Machine
    {
        public static string LoadAverage()
        {
            try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (IOException) { return "?"; }
        }

        public static bool IsLoaded(string loadAverage) =>
            double.TryParse(loadAverage.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var one) && one > Environment.ProcessorCount;

        public static string CpuModel()
        {
            try { return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?"; }
            catch (IOException) { return "?"; }
        }

        public static double? MemoryGiB()
        {
            try
            {
                var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:"));
                return Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0, 1);
            }
            catch (IOException) { return null; }
        }
    }

    internal sealed class BenchOptions
    {
        public const string Usage = """
            dotnet run -c Release --project bench/MotCua.Bench.Outbox -- [options]
              --dossiers N        backlog of scenario A (default 2000)
              --nodes 1|2|1,2     worker nodes; a list runs one pass per count, each on a fresh database (default 1)
              --rate R[,R...]     scenario B dossiers per second, one step per rate (default 10,50)
              --seconds S         duration of each scenario B step (default 20)
              --concurrency C     intake requests in flight at most (default 8)
              --poll-ms MS        Integrations:PollIntervalMs of the nodes (default 50)
              --set KEY=VALUE     any other node setting, e.g. --set Integrations:Concurrency=16 (repeatable)
              --no-statistics     leave autovacuum off and skip ANALYZE, as the test cluster runs (see bench/README.md)
              --timeout S         give up waiting for deliveries after S seconds (default 600)
              --note TEXT         recorded in the results (default: a note on the machine's load)
              --out PATH          results JSON (default bench/results/outbox.json)
            """;

        public int Dossiers { get; private set; } = 2000;
        public int[] NodeCounts { get; private set; } = [1];
        public double[] Rates { get; private set; } = [10, 50];
        public double Seconds { get; private set; } = 20;
        public int IntakeConcurrency { get; private set; } = 8;
        public int PollMs { get; private set; } = 50;
        public int TimeoutSeconds { get; private set; } = 600;
        public Dictionary<string, string> ExtraSettings { get; } = [];
        public string? Note { get; private set; }
        public string Out { get; private set; } = "bench/results/outbox.json";
        public bool Help { get; private set; }
        public bool Statistics { get; private set; } = true;

        public static BenchOptions Parse(string[] args)
        {
            var o = new BenchOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                static int Positive(string s) => int.TryParse(s, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"not a positive number: {s}");
                static double PositiveD(string s) => double.TryParse(s, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"not a positive number: {s}");
                switch (args[i])
                {
                    case "--dossiers": o.Dossiers = Positive(Value()); break;
                    case "--nodes": o.NodeCounts = Value().Split(',').Select(Positive).ToArray(); break;
                    case "--rate": o.Rates = Value().Split(',').Select(PositiveD).ToArray(); break;
                    case "--seconds": o.Seconds = PositiveD(Value()); break;
                    case "--concurrency": o.IntakeConcurrency = Positive(Value()); break;
                    case "--poll-ms": o.PollMs = Positive(Value()); break;
                    case "--timeout": o.TimeoutSeconds = Positive(Value()); break;
                    case "--note": o.Note = Value(); break;
                    case "--out": o.Out = Value(); break;
                    case "--set":
                        var pair = Value().Split('=', 2);
                        if (pair.Length != 2) throw new ArgumentException("--set takes KEY=VALUE");
                        o.ExtraSettings[pair[0]] = pair[1];
                        break;
                    case "--no-statistics": o.Statistics = false; break;
                    case "-h" or "--help": o.Help = true; break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            return o;
        }
    }
}
