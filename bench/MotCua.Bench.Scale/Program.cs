using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MotCua.Bench;
using MotCua.Bench.Scale;
using MotCua.Data;
using MotCua.Data.Protection;
using MotCua.Data.Seeding;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;

// National-scale benchmark (issue 8). One run, everything on this machine:
//  1. a throwaway PostgreSQL cluster (shared_buffers raised, autovacuum on), the schema, the reference data;
//  2. N dossiers of one province generated and bulk-loaded (DossierGenerator: binary COPY, indexes built afterwards);
//  3. durability switched back on (fsync, synchronous_commit, full_page_writes) and the server restarted;
//  4. app nodes as processes (1, then 2) driven over HTTP on loopback by the scenarios (LoadDriver, Scenarios);
//  5. pgbench with the same inserts as an online submission, one round trip per statement (submission.pgbench) and all in
//     one statement (submission-one-trip.pgbench), /health as the web stack's limit;
//  6. the figures, their ratios and the targets, written to bench/results/scale-*.json and summed up on one screen.
var options = ScaleOptions.Parse(args);
if (options.Help) { Console.WriteLine(ScaleOptions.Usage); return 0; }
var started = Stopwatch.StartNew();
var loadAtStart = File.ReadAllText("/proc/loadavg").Trim();
Console.WriteLine($"Starting a throwaway PostgreSQL cluster… (load {loadAtStart})");
await using var cluster = await PostgresCluster.StartAsync();
await Sql(cluster.AdminConnectionString,
    "ALTER SYSTEM SET shared_buffers = '2GB'; ALTER SYSTEM SET effective_cache_size = '8GB'; ALTER SYSTEM SET autovacuum = on; " +
    "ALTER SYSTEM SET max_connections = 400; ALTER SYSTEM SET work_mem = '16MB'; ALTER SYSTEM SET max_wal_size = '8GB'");
await cluster.RestartAsync();
NpgsqlConnection.ClearAllPools();
var connectionString = await cluster.CreateDatabaseAsync("motcua_scale");
var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
var dbOptions = new DbContextOptionsBuilder<PostgresMotCuaDbContext>().UseNpgsql(connectionString).Options;
await using (var db = new PostgresMotCuaDbContext(dbOptions))
{
    await db.Database.MigrateAsync();
    await ReferenceDataSeeder.SeedAsync(db, TimeProvider.System, NullLogger.Instance);
}
Console.WriteLine($"Schema and reference data in {started.Elapsed.TotalSeconds:0} s ({cluster.ServerVersion.Split(" on ")[0]}).");

// The province of the demo accounts (An Giang); Thới Sơn, the demo officer's ward, is its busiest commune.
var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1)).ToArray());
var cipher = new PersonalDataCipher(Convert.FromBase64String(key));
List<GeneratedUnit> units;
List<GeneratedProcedure> procedures;
await using (var db = new PostgresMotCuaDbContext(dbOptions))
{
    var random = new Random(11);
    units = (await db.CurrentUnits().Where(u => u.ParentCode == options.Province && u.AgencyCode != null).OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.AgencyCode }).ToListAsync())
        .Select(u => new GeneratedUnit(u.Code, u.AgencyCode!, u.Code == Scenarios.ThoiSon ? 6 : 0.3 + random.NextDouble() * 1.7)).ToList();
    procedures = (await db.ProcedureVersions.Where(v => v.EffectiveTo == null).OrderBy(v => v.ProcedureCode)
        .Select(v => new { v.ProcedureCode, v.Id, v.ProcessingDays }).ToListAsync())
        .Select(v => new GeneratedProcedure(v.ProcedureCode, v.Id, v.ProcessingDays)).ToList();
}
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
var generator = new DossierGenerator(connectionString, units, procedures, cipher, today.AddYears(-2), today.AddDays(-1), options.Parallel);
Console.WriteLine($"Generating {options.Dossiers:N0} dossiers over {units.Count} communes of province {options.Province}, " +
    $"{today.AddYears(-2):yyyy-MM-dd}..{today.AddDays(-1):yyyy-MM-dd}, {options.Parallel} writers…");
var generated = await generator.LoadAsync(options.Dossiers, options.Province, Console.WriteLine);
Console.WriteLine($"Generated {generated.Dossiers:N0} dossiers ({generated.HistoryRows:N0} history rows, {generated.StatisticsRows:N0} statistics rows) " +
    $"in {generated.LoadSeconds} s = {generated.DossiersPerSecond:N0} dossiers/s, indexes {generated.IndexSeconds} s, VACUUM/ANALYZE {generated.AnalyzeSeconds} s; " +
    $"dossiers {generated.DossiersBytes / 1e9:0.0} GB, history {generated.HistoryBytes / 1e9:0.0} GB.");

if (options.Durable)
{
    await Sql(cluster.AdminConnectionString, "ALTER SYSTEM SET fsync = on; ALTER SYSTEM SET synchronous_commit = on; ALTER SYSTEM SET full_page_writes = on");
    await cluster.RestartAsync();
    NpgsqlConnection.ClearAllPools();
}
await Sql(connectionString, "CHECKPOINT");

if (options.Hold)
{
    // For looking at plans by hand: psql "host=127.0.0.1 port=… user=postgres dbname=…"; the cluster goes when this process does.
    Console.WriteLine($"Holding the database: psql \"host={PostgresCluster.Host} port={cluster.Port} user={PostgresCluster.Superuser} dbname={database}\" " +
        $"(psql binary: {cluster.BinDirectory}/psql; key for the app: {key}). Kill this process to end.");
    await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "motcua-scale-hold.txt"), $"{cluster.BinDirectory}/psql -h {PostgresCluster.Host} -p {cluster.Port} -U {PostgresCluster.Superuser} {database}\n{connectionString}\n{key}\n");
    await Task.Delay(Timeout.Infinite);
}

var tracked = generated.SampleCodes.Select(s => s.Split('|')).Select(p => (p[0], p[1])).ToList();
var onlineUnits = units.Select(u => u.Code).ToList();
var versionId = procedures.Single(p => p.Code == Scenarios.Procedure).VersionId;
if (options.CompareWith is { } compareDir)
    return await Comparison.RunAsync(options, compareDir, NodeSettings(connectionString, key, "node-this"), cluster, onlineUnits, tracked, loadAtStart);
var passes = new List<object>();
double? idleRss = null; // the highest node's memory before a pass's load
var results = new List<ScenarioResult>();
PgBenchResult? pgbench = null, pgbenchOneTrip = null;
foreach (var nodeCount in options.Nodes)
{
    Console.WriteLine($"\n== {nodeCount} app node(s) ==");
    var nodes = new List<AppNodeProcess>();
    try
    {
        for (var n = 0; n < nodeCount; n++)
        {
            var settings = NodeSettings(connectionString, key, $"node-{n + 1}");
            foreach (var (k, v) in options.ExtraSettings) settings[k] = v;
            nodes.Add(await AppNodeProcess.StartAsync(settings, timeout: TimeSpan.FromMinutes(5)));
        }
        using var memory = new NodeMemory(() => [.. nodes.Select(n => n.ProcessId)]);
        var idleMb = nodes.Max(n => NodeMemory.RssKb(n.ProcessId)) / 1024.0;
        await using var scenarios = await Scenarios.ConnectAsync([.. nodes.Select(n => n.BaseUrl)], onlineUnits, tracked);
        var seconds = TimeSpan.FromSeconds(options.Seconds);
        var pass = new List<ScenarioResult>();

        async Task Run(string name, string description, Func<long, Task<Attempt>> one, int concurrency, double? rate = null, long max = long.MaxValue)
        {
            if (!options.Scenarios.Contains(name)) return;
            // A warm-up at the scenario's own load that is not counted: a production node runs warm, and on these 2 cores the
            // runtime's tiered compilation re-compiles hot code for about 45 s after a node's start (its thread: 21 % of the
            // node's CPU in seconds 15-40 of online submissions, nothing after 50 s), so a short warm-up measured
            // half-compiled code. The scenarios of a pass share their nodes, so later ones start warmer.
            if (options.WarmupSeconds > 0)
                await LoadDriver.RunAsync(name, description, nodeCount, one, concurrency, rate, TimeSpan.FromSeconds(options.WarmupSeconds), max, memory);
            var machineAtStart = await MachineDuring.ReadAsync(connectionString);
            var cpuAtStart = CpuPerRequest.Read(nodes.Select(n => n.ProcessId), cluster.DataDirectory);
            var result = await LoadDriver.RunAsync(name, description, nodeCount, one, concurrency, rate, seconds, max, memory);
            result = result with
            {
                Cpu = CpuPerRequest.Per(cpuAtStart, CpuPerRequest.Read(nodes.Select(n => n.ProcessId), cluster.DataDirectory), result.Ok + result.Failed),
                Machine = MachineDuring.Between(machineAtStart, await MachineDuring.ReadAsync(connectionString), result.Ok + result.Failed),
            };
            pass.Add(result);
            Console.WriteLine($"  {name,-14} {result.PerSecond,8:N0}/s  ok {result.Ok,7:N0}  failed {result.Failed,4}  p50 {result.P50Ms,7} ms  " +
                $"p95 {result.P95Ms,7} ms  p99 {result.P99Ms,7} ms  {result.MeanResponseBytes,6} B  peak RSS {result.MaxNodeRssMb} MB" +
                (result.Cpu is { } cpu ? $"\n      CPU per request: app {cpu.AppMs} ms, PostgreSQL {cpu.DatabaseMs} ms, driver {cpu.DriverMs} ms = {cpu.TotalMs} ms" : "") +
                (result.Machine is { } m ? $"\n      reads: {m.DiskReadKbPerRequest} KB from disk and {m.DatabaseBlocksReadPerRequest} PostgreSQL blocks from outside its buffers per request" : "") +
                (result.SendLateP99Ms is { } late ? $"\n      sent late by the driver: p50 {result.SendLateP50Ms} ms, p99 {late} ms; driver GC pauses {result.DriverGcPauseMs} ms in all" : "") +
                (result.FirstError is null ? "" : $"\n      first error: {result.FirstError}"));
        }

        foreach (var load in Scenarios.Loads(options, units.Count))
            await Run(load.Name, load.Description, load.One(scenarios), load.Concurrency, load.Rate);
        results.AddRange(pass);
        var idle = Math.Round(idleMb, 1);
        passes.Add(new { nodes = nodeCount, idleRssMb = idle, scenarios = pass });
        idleRss = Math.Max(idleRss ?? 0, idle);
    }
    finally
    {
        if (options.NodeLog) foreach (var node in nodes) Console.WriteLine($"--- {node.BaseUrl} log tail ---\n{node.Log}");
        foreach (var node in nodes) await node.DisposeAsync();
    }
    if (pgbench is null && options.Scenarios.Contains("pgbench"))
    {
        pgbench = await Reference("submission.pgbench", "pgbench       ", "same inserts as a submission");
        pgbenchOneTrip = await Reference("submission-one-trip.pgbench", "pgbench 1 trip", "the same inserts in one statement");
    }
}

// One of the database's references for the submission: a pgbench script run with the scenarios' clients and length.
async Task<PgBenchResult> Reference(string script, string label, string what)
{
    var result = await PgBench.RunAsync(cluster, database, Path.Combine(AppContext.BaseDirectory, script), options.Concurrency,
        options.Seconds, units.Count, versionId);
    Console.WriteLine($"  {label} {result.Tps,8:N0}/s  ({what}, {result.Clients} clients, mean {result.LatencyMs} ms, PostgreSQL CPU {result.DatabaseCpuMs} ms per transaction)");
    return result;
}

ScenarioResult? Best(string name) => results.Where(r => r.Name == name).MaxBy(r => r.PerSecond);
var submit = Best("submitOnline");
var constant = Best("constant");
var tracking = results.Where(r => r.Name == "tracking").MinBy(r => r.Nodes);
var queue = results.Where(r => r.Name == "workQueue").MinBy(r => r.Nodes);
var peakRss = results.Count == 0 ? 0 : results.Max(r => r.MaxNodeRssMb);
// Each latency target's reference is the constant endpoint in the same pass: at tracking's rate for tracking, closed loop
// for the work queue page; memory's is the node's resident memory before the pass's load.
ScenarioResult? SamePass(string name, ScenarioResult? of) => of is null ? null : results.FirstOrDefault(r => r.Name == name && r.Nodes == of.Nodes);
var trackingReference = SamePass("constantAtRate", tracking);
var queueReference = SamePass("constant", queue);
static double? Ratio(double? measured, double? reference) => measured is { } m && reference is { } r && r > 0 ? Math.Round(m / r, 2) : null;
var targets = new
{
    submission = new
    {
        perSecond = submit?.PerSecond, nodes = submit?.Nodes, pgbenchPerSecond = pgbench?.Tps,
        ratioToPgbench = submit is null || pgbench is null ? (double?)null : Math.Round(submit.PerSecond / pgbench.Tps, 3),
        pgbenchOneTripPerSecond = pgbenchOneTrip?.Tps,
        ratioToPgbenchOneTrip = submit is null || pgbenchOneTrip is null ? (double?)null : Math.Round(submit.PerSecond / pgbenchOneTrip.Tps, 3),
        ratioToConstant = submit is null || constant is null ? (double?)null : Math.Round(submit.PerSecond / constant.PerSecond, 3),
        // Held to the better of the two references: the database's own limit is what it reaches with the fewest round trips.
        met = submit is not null && pgbench is not null && submit.PerSecond >= 1000
            && submit.PerSecond >= 0.5 * Math.Max(pgbench.Tps, pgbenchOneTrip?.Tps ?? 0),
        target = ">= 1,000/s and >= 50% of pgbench (the better of per statement and one trip)",
    },
    tracking = new { p99Ms = tracking?.P99Ms, achievedPerSecond = tracking?.PerSecond, constantP99AtRateMs = trackingReference?.P99Ms,
        ratioToConstant = Ratio(tracking?.P99Ms, trackingReference?.P99Ms), met = tracking is not null && tracking.P99Ms < 10 && tracking.PerSecond >= 0.95 * options.TrackingRate && tracking.Failed == 0, target = $"p99 < 10 ms at {options.TrackingRate}/s" },
    workQueue = new { p95Ms = queue?.P95Ms, constantP95Ms = queueReference?.P95Ms, ratioToConstant = Ratio(queue?.P95Ms, queueReference?.P95Ms), met = queue is not null && queue.P95Ms < 50 && queue.Failed == 0, target = "p95 < 50 ms" },
    memory = new { peakRssMb = peakRss, idleRssMb = idleRss, ratioToIdle = Ratio(peakRss, idleRss), met = peakRss > 0 && peakRss < 400, target = "< 400 MB per node under load" },
};
var output = new
{
    benchmark = "scale (issue 8)",
    when = DateTimeOffset.UtcNow,
    machine = new
    {
        cores = Environment.ProcessorCount,
        cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim(),
        memoryGb = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9, 1),
        os = RuntimeInformation.OSDescription, dotnet = RuntimeInformation.FrameworkDescription,
        postgres = cluster.ServerVersion.Split(" on ")[0],
        loadAverageAtStart = loadAtStart, loadAverageAtEnd = File.ReadAllText("/proc/loadavg").Trim(),
        note = "app nodes, PostgreSQL and the driver share these cores",
    },
    options = new { options.Dossiers, options.Province, options.Parallel, options.Seconds, options.WarmupSeconds, options.Concurrency, options.QueueConcurrency, options.TrackingRate, nodes = options.Nodes, options.Durable },
    postgres = new { shared_buffers = "2GB", autovacuum = "on", durability = options.Durable ? "fsync, synchronous_commit, full_page_writes on for the measurements (off for the bulk load)" : "off (--no-durable)" },
    generated = generated with { SampleCodes = [] },
    passes,
    pgbench,
    pgbenchOneTrip,
    targets,
    totalSeconds = Math.Round(started.Elapsed.TotalSeconds),
};
Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
Console.WriteLine($"""

    == Summary ({options.Dossiers:N0} dossiers, {Environment.ProcessorCount} cores, load {loadAtStart} → {File.ReadAllText("/proc/loadavg").Trim()}) ==
    generated       {generated.DossiersPerSecond:N0} dossiers/s bulk load ({generated.LoadSeconds} s + indexes {generated.IndexSeconds} s)
    submission      {submit?.PerSecond:N0}/s on {submit?.Nodes} node(s); pgbench {pgbench?.Tps:N0}/s → ratio {targets.submission.ratioToPgbench}, in one trip {pgbenchOneTrip?.Tps:N0}/s → {targets.submission.ratioToPgbenchOneTrip}; /health {constant?.PerSecond:N0}/s  [{(targets.submission.met ? "met" : "NOT met")}: {targets.submission.target}]
    tracking        p99 {tracking?.P99Ms} ms at {tracking?.PerSecond:N0}/s; /health at that rate p99 {trackingReference?.P99Ms} ms → ratio {targets.tracking.ratioToConstant}  [{(targets.tracking.met ? "met" : "NOT met")}: {targets.tracking.target}]
    work queue page p95 {queue?.P95Ms} ms; /health p95 {queueReference?.P95Ms} ms → ratio {targets.workQueue.ratioToConstant}  [{(targets.workQueue.met ? "met" : "NOT met")}: {targets.workQueue.target}]
    memory          peak RSS {peakRss} MB per node; idle {idleRss} MB → ratio {targets.memory.ratioToIdle}  [{(targets.memory.met ? "met" : "NOT met")}: {targets.memory.target}]
    written to {options.Output}
    """);
return 0;

static Dictionary<string, string> NodeSettings(string connectionString, string key, string nodeId) => new()
{
    ["Database:Provider"] = "Postgres",
    // The pool as in production (Npgsql's defaults: idle connections kept 300 s, pruned every 10 s). The test cluster's
    // connection string closes idle connections after 10 s (many short-lived test databases); a node under bursts of load
    // then kept opening new connections (a new server process each, its catalog caches cold): Npgsql's Open was still
    // being compiled to tier 1 at the end of a run.
    ["ConnectionStrings:MotCua"] = connectionString + ";Maximum Pool Size=64;Connection Idle Lifetime=300;Connection Pruning Interval=10",
    ["MotCua:Demo:Enabled"] = "true",
    ["MotCua:Demo:SampleDossiers"] = "false",
    ["MotCua:Seed:DemoPassword"] = Scenarios.Password,
    ["MotCua:PersonalData:Key"] = key,
    ["Jwt:SigningKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 3)).ToArray()),
    // One client address (loopback) sends everything: the per-IP limits would measure the limiter.
    ["RateLimits:LoginPerMinute"] = "1000000",
    ["RateLimits:PublicTrackingPerMinute"] = "100000000",
    // Messages are recorded in the outbox with each change; no partner is running, so no worker sends them.
    ["Integrations:Enabled"] = "false",
    ["Integrations:NodeId"] = nodeId,
    ["Logging:LogLevel:Default"] = "Warning",
};

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}

namespace MotCua.Bench.Scale
{
    /// <param name="DatabaseCpuMs">The cluster's user + system CPU per transaction (pgbench's own process not counted).</param>
    public sealed record PgBenchResult(int Clients, int Seconds, double Tps, double LatencyMs, long Transactions, string Script, double? DatabaseCpuMs = null);

    /// <summary>Runs pgbench (the cluster's own binary) with a custom script against the bench database.</summary>
    public static partial class PgBench
    {
        public static async Task<PgBenchResult> RunAsync(PostgresCluster cluster, string database, string script, int clients, int seconds,
            int units, int versionId)
        {
            var info = new ProcessStartInfo(Path.Combine(cluster.BinDirectory, "pgbench"))
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         "-h", PostgresCluster.Host, "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresCluster.Superuser,
                         // Prepared statements, as the app's nodes use (Npgsql's auto-prepare): the database's own limit.
                         "-M", "prepared", "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture),
                         "-D", $"units={units}", "-D", $"version={versionId}", "-f", script, database,
                     })
                info.ArgumentList.Add(a);
            var serverCpuAtStart = ProcessCpu.ServerSeconds(cluster.DataDirectory);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var serverCpu = ProcessCpu.ServerSeconds(cluster.DataDirectory) - serverCpuAtStart;
            var text = await stdout + await stderr;
            var tps = Tps().Match(text);
            if (process.ExitCode != 0 || !tps.Success) throw new InvalidOperationException($"pgbench failed ({process.ExitCode}):\n{text}");
            var latency = Latency().Match(text);
            var transactions = Transactions().Match(text);
            var count = transactions.Success ? long.Parse(transactions.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new PgBenchResult(clients, seconds, Math.Round(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), 1),
                latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
                count, Path.GetFileName(script), count == 0 ? null : Math.Round(serverCpu * 1000 / count, 3));
        }

        [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
        private static partial Regex Tps();

        [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
        private static partial Regex Latency();

        [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
        private static partial Regex Transactions();
    }

    public sealed record ScaleOptions(long Dossiers, string Province, int Parallel, int Seconds, int WarmupSeconds, int Concurrency, int QueueConcurrency,
        double TrackingRate, IReadOnlyList<int> Nodes, bool Durable, IReadOnlySet<string> Scenarios, string Output, bool Help,
        IReadOnlyDictionary<string, string> ExtraSettings, bool NodeLog, bool Hold, string? CompareWith = null, int Rounds = 6)
    {
        public const string Usage = """
            dotnet run -c Release --project bench/MotCua.Bench.Scale -- [options]
              --dossiers N         dossiers to generate (default 10000000)
              --province CODE      the province they belong to (default 91, An Giang: the demo accounts' province)
              --parallel N         bulk-load writers (default 2)
              --seconds S          length of each measured scenario (default 15)
              --warmup S           unmeasured load before each scenario, same concurrency and rate (default 20)
              --concurrency N      requests in flight for the closed-loop scenarios (default 32); pgbench clients too
              --queue-concurrency N  officers opening the work queue page at once (default 4)
              --tracking-rate R    public tracking requests per second, open loop (default 1000)
              --nodes 1,2          app node counts, one pass each (default 1,2)
              --scenarios LIST     constant,constantAtRate,submitOnline,counterIntake,tracking,workQueue,lifecycle,pgbench (default all)
              --set KEY=VALUE      an app setting for the nodes (repeatable), e.g. --set Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information
              --hold               after the load, keep the database up (connection in /tmp/motcua-scale-hold.txt) until killed
              --node-log           print the last lines of each node's log after its pass
              --no-durable         keep fsync/synchronous_commit off for the measurements (as the test cluster)
              --out FILE           default bench/results/scale-<dossiers>-<UTC time>.json
              --compare DIR        A/B instead of the passes: one node of this build and one of the MotCua.Web.dll in DIR (another
                                   commit's `dotnet build -c Release -o DIR src/MotCua.Web`), on the same database, each scenario
                                   measured in --rounds (default 6) alternating slices of --seconds / rounds per node
            """;

        public static ScaleOptions Parse(string[] args)
        {
            string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var dossiers = Arg("--dossiers") is { } d ? long.Parse(d, CultureInfo.InvariantCulture) : 10_000_000;
            var all = new[] { "constant", "constantAtRate", "submitOnline", "counterIntake", "tracking", "workQueue", "lifecycle", "pgbench" };
            return new ScaleOptions(dossiers, Arg("--province") ?? "91", Int("--parallel", 2), Int("--seconds", 15), Int("--warmup", 20), Int("--concurrency", 32),
                Int("--queue-concurrency", 4), Arg("--tracking-rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : 1000,
                [.. (Arg("--nodes") ?? "1,2").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))],
                !args.Contains("--no-durable"), (Arg("--scenarios")?.Split(',') ?? all).ToHashSet(),
                Arg("--out") ?? Path.Combine(FindRoot(), "bench", "results", $"scale-{dossiers}-{DateTime.UtcNow:yyyyMMdd-HHmm}.json"),
                args.Contains("--help") || args.Contains("-h"),
                args.Select((a, i) => (a, i)).Where(x => x.a == "--set" && x.i + 1 < args.Length).Select(x => args[x.i + 1].Split('=', 2))
                    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
                args.Contains("--node-log"), args.Contains("--hold"), Arg("--compare"), Int("--rounds", 6));
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MotCua.sln"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }
}
