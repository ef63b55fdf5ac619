using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MotCua.Bench;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Seeding;
using MotCua.Data.Statistics;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

// Statistics dashboard benchmark (issue 7): a throwaway PostgreSQL cluster, the MotCua schema and reference data, the
// aggregates of a province with N dossiers (default 10 million over 2025–2026) bulk-loaded with binary COPY, the open
// dossiers behind "pending", then the dashboard queries of FigureSums timed: a province's year, a commune's month.
var options = BenchOptions.Parse(args);
var uptimeAtStart = Uptime();
var started = Stopwatch.StartNew();
Console.WriteLine($"Starting a throwaway PostgreSQL cluster…");
await using var cluster = await PostgresCluster.StartAsync();
var connectionString = await cluster.CreateDatabaseAsync("motcua_bench");
var optionsBuilder = new DbContextOptionsBuilder<PostgresMotCuaDbContext>().UseNpgsql(connectionString);
if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1")
    optionsBuilder.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
var dbOptions = optionsBuilder.Options;
PostgresMotCuaDbContext NewDb() => new(dbOptions);

await using (var db = NewDb())
{
    await db.Database.MigrateAsync();
    await ReferenceDataSeeder.SeedAsync(db, TimeProvider.System, NullLogger.Instance);
}
Console.WriteLine($"Schema and reference data in {started.Elapsed.TotalSeconds:0} s (PostgreSQL {cluster.ServerVersion}).");

var province = await LoadProvinceAsync(NewDb(), options.Province);
Console.WriteLine($"Province {options.Province}: {province.Communes.Count} communes, {province.AllCodes.Count} codes with predecessors.");
var load = Stopwatch.StartNew();
var generated = await AggregateLoader.LoadAsync(connectionString, province, options);
load.Stop();
Console.WriteLine($"Loaded {generated.DailyRows:N0} daily, {generated.MonthlyRows:N0} monthly, {generated.ProvinceRows:N0} province, " +
    $"{generated.OfficerRows:N0} officer rows and " +
    $"{generated.OpenDossiers:N0} open dossiers for {generated.Dossiers:N0} dossiers in {load.Elapsed.TotalSeconds:0} s.");
await using (var vacuum = new NpgsqlConnection(connectionString))
{
    await vacuum.OpenAsync();
    await using var command = new NpgsqlCommand("VACUUM ANALYZE", vacuum) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

if (Environment.GetEnvironmentVariable("BENCH_EXPLAIN") == "1")
{
    await using var explain = new NpgsqlConnection(connectionString);
    await explain.OpenAsync();
    var sums = string.Join(", ", FigureCounts.Names.Select(n => $"sum(\"{n}\")"));
    await using var command = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) SELECT \"UnitCode\", \"ProcedureCode\", \"Channel\", {sums} FROM statistics_monthly " +
        "WHERE \"UnitCode\" = ANY(@codes) AND \"Day\" >= '2026-01-01' AND \"Day\" <= '2026-12-01' GROUP BY 1, 2, 3", explain);
    command.Parameters.AddWithValue("codes", province.AllCodes.ToArray());
    await using (var reader = await command.ExecuteReaderAsync())
        while (await reader.ReadAsync()) Console.WriteLine(reader.GetString(0));
    // The same year from the province roll-up, and the pending count (the partial index of open dossiers).
    string[] plans =
    [
        $"EXPLAIN (ANALYZE, BUFFERS) SELECT \"ProcedureCode\", \"Channel\", {sums} FROM statistics_province_monthly " +
            "WHERE \"ProvinceCode\" = @province AND \"Day\" >= '2026-01-01' AND \"Day\" <= '2026-12-01' AND \"UnitCode\" = '' GROUP BY 1, 2",
        "EXPLAIN (ANALYZE, BUFFERS) SELECT \"UnitCode\", \"ProcedureCode\", \"ClockStoppedAt\" IS NULL AND \"DueAt\" < now(), count(*) " +
            $"FROM dossiers WHERE \"UnitCode\" = ANY(@codes) AND \"CompletedAt\" IS NULL AND \"Status\" <> {(int)DossierStatus.Withdrawn} GROUP BY 1, 2, 3",
    ];
    foreach (var plan in plans)
    {
        await using var next = new NpgsqlCommand(plan, explain);
        next.Parameters.AddWithValue("province", options.Province);
        next.Parameters.AddWithValue("codes", province.AllCodes.ToArray());
        await using var reader = await next.ExecuteReaderAsync();
        while (await reader.ReadAsync()) Console.WriteLine(reader.GetString(0));
    }
}

var now = new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.FromHours(7));
var random = new Random(7);
var steps = new Dictionary<string, List<double>>();
var scenarios = new List<ScenarioResult>
{
    await Measure("provinceYear", "province, 2026-01-01..2026-12-31: sums per procedure and per unit, pending now, monthly trend",
        options.Runs, () => Dashboard(NewDb(), province.AllCodes, new(2026, 1, 1), new(2026, 12, 31), TrendGrain.Month, officers: false, options.Province)),
    await Measure("provinceYearRagged", "province, 2025-11-15..2026-11-14 (ragged edges read daily), monthly trend (the API's default beyond 92 days)",
        options.Runs, () => Dashboard(NewDb(), province.AllCodes, new(2025, 11, 15), new(2026, 11, 14), TrendGrain.Month, officers: false, options.Province)),
    await Measure("communeMonth", "a random commune (with its merged predecessors), 2026-06: totals, pending, daily trend, officers",
        options.Runs, () => Dashboard(NewDb(), province.CodesOf(random), new(2026, 6, 1), new(2026, 6, 30), TrendGrain.Day, officers: true)),
    await Measure("communeMonthBeforeMerger", "a random commune, 2025-03 (its old units' codes), daily trend, officers",
        options.Runs, () => Dashboard(NewDb(), province.CodesOf(random), new(2025, 3, 1), new(2025, 3, 31), TrendGrain.Day, officers: true)),
};

async Task Dashboard(PostgresMotCuaDbContext db, IReadOnlyCollection<string> codes, DateOnly from, DateOnly to, TrendGrain grain, bool officers,
    string? provinceCode = null)
{
    async Task<T> Step<T>(string name, Func<Task<T>> query)
    {
        var watch = Stopwatch.StartNew();
        var result = await query();
        if (!steps.TryGetValue(name, out var list)) steps[name] = list = [];
        list.Add(watch.Elapsed.TotalMilliseconds);
        return result;
    }
    await using (db)
    {
        var rows = await Step("rows", () => FigureSums.RowsAsync(db, codes, from, to, FigureSplit.Procedure, province: provinceCode));
        if (!officers) await Step("unitRows", () => FigureSums.RowsAsync(db, codes, from, to, FigureSplit.Unit, province: provinceCode));
        var pending = await Step("pending", () => FigureSums.PendingAsync(db, codes, now));
        await Step("trend", () => FigureSums.TrendAsync(db, codes, from, to, grain, province: provinceCode));
        if (officers) await Step("officers", () => FigureSums.OfficersAsync(db, codes, from, to));
        if (rows.Count == 0 || pending.Count == 0) throw new InvalidOperationException("The dashboard read nothing: the load is wrong.");
    }
}

var result = new
{
    benchmark = "statistics-dashboard",
    at = DateTimeOffset.UtcNow,
    machine = new { Environment.ProcessorCount, os = Environment.OSVersion.VersionString, dotnet = Environment.Version.ToString(),
        // Other work on the machine skews every figure: the load average when the measurements ended says how much.
        loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        uptimeAtStart, uptimeAtEnd = Uptime() },
    postgres = cluster.ServerVersion,
    province = options.Province,
    communes = province.Communes.Count,
    unitCodes = province.AllCodes.Count,
    generated,
    loadSeconds = Math.Round(load.Elapsed.TotalSeconds, 1),
    runs = options.Runs,
    targetsMs = new { provinceYear = 300, communeMonth = 50 },
    scenarios,
};
Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
foreach (var s in scenarios)
    Console.WriteLine($"{s.Name,-26} p50 {s.P50Ms,7:0.0} ms  p95 {s.P95Ms,7:0.0} ms  p99 {s.P99Ms,7:0.0} ms  max {s.MaxMs,7:0.0} ms  " +
        string.Join(", ", s.StepMediansMs.Select(kv => $"{kv.Key} {kv.Value:0.0}")));
Console.WriteLine($"Written to {options.Output} ({started.Elapsed.TotalSeconds:0} s in all).");
return 0;

async Task<ScenarioResult> Measure(string name, string description, int runs, Func<Task> dashboard)
{
    for (var i = 0; i < 5; i++) await dashboard();   // warm the pool, the plans and the cache
    steps.Clear();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await dashboard();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    double P(double p) => Math.Round(times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)], 2);
    var medians = steps.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value.Order().ElementAt(kv.Value.Count / 2), 2));
    return new ScenarioResult(name, description, runs, P(0.5), P(0.95), P(0.99), Math.Round(times[^1], 2), medians);
}

// `uptime` as the shell prints it: the load averages of the shared machine while the bench ran.
static string? Uptime()
{
    try
    {
        using var process = Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }
    catch (System.ComponentModel.Win32Exception) { return null; }
}

static async Task<ProvinceUnits> LoadProvinceAsync(MotCuaDbContext db, string provinceCode)
{
    await using (db)
    {
        var communes = await db.CurrentUnits().Where(u => u.ParentCode == provinceCode).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync();
        var lineage = new UnitLineage(await db.UnitSuccessions.Select(s => new SuccessionRecord(s.PredecessorCode, s.SuccessorCode, s.EffectiveOn, s.Partial)).ToListAsync());
        var procedures = await db.ProcedureVersions.Where(v => v.EffectiveTo == null).OrderBy(v => v.ProcedureCode)
            .Select(v => new { v.ProcedureCode, v.Id, v.ProcessingDays }).ToListAsync();
        return new ProvinceUnits(communes, communes.ToDictionary(c => c, c => lineage.SelfAndPredecessors(c)),
            procedures.Select(p => (p.ProcedureCode, p.Id, p.ProcessingDays)).ToList());
    }
}

namespace MotCua.Bench
{
    public sealed record ScenarioResult(string Name, string Description, int Runs, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
        IReadOnlyDictionary<string, double> StepMediansMs);

    public sealed record BenchOptions(long Dossiers, int Runs, string Province, string Output)
    {
        public static BenchOptions Parse(string[] args)
        {
            string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var root = FindRoot();
            return new BenchOptions(long.Parse(Arg("--dossiers") ?? "10000000", CultureInfo.InvariantCulture),
                int.Parse(Arg("--runs") ?? "100", CultureInfo.InvariantCulture), Arg("--province") ?? "91",
                Arg("--out") ?? Path.Combine(root, "bench", "results", $"statistics-{DateTime.UtcNow:yyyyMMdd-HHmm}.json"));
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MotCua.sln"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    public sealed record ProvinceUnits(IReadOnlyList<string> Communes, IReadOnlyDictionary<string, IReadOnlyList<string>> Lineage,
        IReadOnlyList<(string Code, int VersionId, decimal Days)> Procedures)
    {
        public IReadOnlyList<string> AllCodes { get; } = [.. Lineage.Values.SelectMany(c => c).Distinct(StringComparer.Ordinal)];
        public IReadOnlyList<string> CodesOf(Random random) => Lineage[Communes[random.Next(Communes.Count)]];
    }

    public sealed record Generated(long Dossiers, long DailyRows, long MonthlyRows, long ProvinceRows, long OfficerRows, long OpenDossiers);
}
