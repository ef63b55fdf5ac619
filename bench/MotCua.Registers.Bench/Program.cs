using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Bench;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Registers.Bench;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;
using MotCua.Web.Registers;
using MotCua.Web.Tests.Infrastructure;
using Npgsql;

// dotnet run -c Release --project bench/MotCua.Registers.Bench -- [rows=10000000] [runs=30] [units=all of the province] [--hold]
// Loads generated entries into a throwaway PostgreSQL cluster through the real import (CSV stream, checks, binary COPY),
// then times a fixed set of searches through the real search service (audit included) and writes JSON to bench/results/.
// --hold: after the import, print the connection string and wait until a marker file is deleted before the searches
// (to EXPLAIN or time statements by hand on the loaded database).
var hold = args.Contains("--hold");
args = args.Where(a => a != "--hold").ToArray();
var rows = args.Length > 0 ? long.Parse(args[0].Replace("_", ""), CultureInfo.InvariantCulture) : 10_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
// How many of the province's current units receive entries (each gets one import file); default all of them.
var unitLimit = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : int.MaxValue;
const string province = "91"; // An Giang: every entry goes to a unit of one province, the heaviest case for its administrator
var results = Path.Combine(FindRoot(), "bench", "results");
Directory.CreateDirectory(results);

// The machine is shared: its load when the run starts and ends goes into the results.
var loadAtStart = LoadAverage();
Console.WriteLine($"Starting a throwaway PostgreSQL cluster for {rows:N0} entries...");
await using var cluster = await PostgresCluster.StartAsync();
// The test cluster's 32 MB of shared_buffers would measure the eviction of index pages, not the import: memory as a
// server would have it (the scale bench's settings), durability still off as in the tests.
const string serverSettings = "shared_buffers 2GB, effective_cache_size 8GB, work_mem 16MB, max_wal_size 8GB; fsync, synchronous_commit, full_page_writes off; autovacuum off (VACUUM ANALYZE after the import)";
await using (var superuser = new NpgsqlConnection(cluster.AdminConnectionString))
{
    await superuser.OpenAsync();
    foreach (var setting in new[] { "shared_buffers = '2GB'", "effective_cache_size = '8GB'", "work_mem = '16MB'", "max_wal_size = '8GB'" })
        await new NpgsqlCommand($"ALTER SYSTEM SET {setting}", superuser).ExecuteNonQueryAsync();
}
await cluster.RestartAsync();
NpgsqlConnection.ClearAllPools(); // the pooled connections died with the restart
var connectionString = await cluster.CreateDatabaseAsync("registers_bench");

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Bench", ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "Postgres",
    ["ConnectionStrings:MotCua"] = connectionString + ";Command Timeout=600",
    ["Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator(32)),
    ["MotCua:Demo:Enabled"] = "false",
    ["Integrations:Enabled"] = "false",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.AddMotCua();
await using var app = builder.Build();
await app.PrepareDatabaseAsync();

List<(string Unit, List<string> Codes)> units;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
    var lineage = await scope.ServiceProvider.GetRequiredService<UnitLineageCache>().GetAsync();
    var current = await db.CurrentUnits().Where(u => u.ParentCode == province).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync();
    // 30502 (the demo officer's ward) always among them: the unit-scoped queries search its books.
    units = current.OrderBy(c => c == "30502" ? 0 : 1).Take(unitLimit).Select(c => (c, lineage.Lineage.SelfAndPredecessors(c).ToList())).ToList();
}
Console.WriteLine($"{units.Count} current units in province {province}, {units.Sum(u => u.Codes.Count)} book-keeping units through the lineage.");

// ---------------------------------------------------------------- import
// The files are written first (one CSV per unit, not timed), so the import rate is that of the import alone: reading the
// file, checks, folding, COPY; not of the generator.
var generator = new RegisterEntryGenerator(seed: 2025);
var folder = Directory.CreateTempSubdirectory("registers-bench-");
var files = new List<(string Unit, string Path, long Count)>();
var generationClock = Stopwatch.StartNew();
long generated = 0;
var perUnit = rows / units.Count;
for (var i = 0; i < units.Count; i++)
{
    var (unit, codes) = units[i];
    var count = i == units.Count - 1 ? rows - generated : perUnit;
    var path = Path.Combine(folder.FullName, $"bench-{unit}.csv");
    await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
    {
        await writer.WriteLineAsync(RegisterEntryGenerator.Header);
        foreach (var line in generator.Lines(codes, count, (int)generated + 1)) await writer.WriteLineAsync(line);
    }
    files.Add((unit, path, count));
    generated += count;
}
Console.WriteLine($"Generated {generated:N0} entries in {units.Count} files in {generationClock.Elapsed.TotalSeconds:F0} s ({new DirectoryInfo(folder.FullName).EnumerateFiles().Sum(f => f.Length) / 1024 / 1024:N0} MB).");

var imports = new List<object>();
// CPU time of the import on both sides, which moves far less with the machine's load than the elapsed time does.
var serverCpuAtStart = ProcessCpu.ServerSeconds(cluster.DataDirectory);
var clientCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var importClock = Stopwatch.StartNew();
long imported = 0;
foreach (var (unit, path, _) in files)
{
    await using var scope = app.Services.CreateAsyncScope();
    var import = scope.ServiceProvider.GetRequiredService<ImportRegister>();
    ImportRegister.Report report;
    await using (var csv = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        report = await import.RunAsync(csv, Path.GetFileName(path), unit, "bench", CancellationToken.None);
    File.Delete(path);
    if (!report.Imported) throw new InvalidOperationException($"import refused: {JsonSerializer.Serialize(report.Problems.Take(5))}");
    imported += report.Rows;
    imports.Add(new { unit, report.Rows, report.Seconds, rowsPerSecond = Math.Round(report.RowsPerSecond) });
    Console.WriteLine($"  {unit}: {report.Rows:N0} rows in {report.Seconds:F1} s ({report.RowsPerSecond:N0} rows/s); {imported:N0} in {importClock.Elapsed.TotalSeconds:F0} s");
}
folder.Delete(recursive: true);
var importSeconds = importClock.Elapsed.TotalSeconds;
var serverCpuPerEntry = Math.Round((ProcessCpu.ServerSeconds(cluster.DataDirectory) - serverCpuAtStart) * 1e6 / imported, 1);
var clientCpuPerEntry = Math.Round((Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpuAtStart) * 1e6 / imported, 1);
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await using var analyze = new NpgsqlCommand("VACUUM ANALYZE register_entries", connection) { CommandTimeout = 3600 };
    await analyze.ExecuteNonQueryAsync();
}
Console.WriteLine($"Imported {imported:N0} entries in {importSeconds:F0} s: {imported / importSeconds:N0} rows/s (reading the CSV files, checks, folding, COPY); " +
                  $"CPU per entry: server {serverCpuPerEntry} µs, import process {clientCpuPerEntry} µs.");
if (hold)
{
    var marker = Path.Combine(Path.GetTempPath(), $"registers-bench-hold-{Environment.ProcessId}");
    await File.WriteAllTextAsync(marker, connectionString);
    Console.WriteLine($"Holding the loaded database: {connectionString}\nDelete {marker} to run the searches.");
    while (File.Exists(marker)) await Task.Delay(1000);
}

// ---------------------------------------------------------------- search
var officer = new CurrentUser("bench-officer", new HashSet<string> { Roles.Officer }, "30502", province, 2);
var admin = new CurrentUser("bench-admin", new HashSet<string> { Roles.ProvinceAdmin }, null, province, 2);
var queries = new (string Name, CurrentUser User, SearchRegister.Request Request)[]
{
    ("unit: nguyen van an", officer, new(Q: "nguyen van an")),
    ("unit: Nguyễn Thị Hằng (accents)", officer, new(Q: "Nguyễn Thị Hằng")),
    ("unit: tran thi + birth year 1980", officer, new(Q: "tran thi", BirthYear: 1980)),
    ("unit: parent le thi hoa", officer, new(Parent: "le thi hoa")),
    ("unit: old unit 30511 + pham van", officer, new(Q: "pham van", Unit: "30511")),
    ("province: nguyen van an", admin, new(Q: "nguyen van an")),
    ("province: pham minh tuan + birth year", admin, new(Q: "pham minh tuan", BirthYear: 1980)),
    ("province: rare lac thi yen", admin, new(Q: "lac thi yen")),
    ("province: dang thi hoa + kind death", admin, new(Q: "đặng thị hoa", Kind: "death")),
    ("province: parent nguyen van binh + tran thi", admin, new(Q: "tran thi", Parent: "nguyen van binh")),
    ("province: date of birth 1975-04-30", admin, new(DateOfBirth: new DateOnly(1975, 4, 30))),
    ("province: one common word 'dang'", admin, new(Q: "dang")),
};
var timings = new List<object>();
var all = new List<double>();
foreach (var (name, user, request) in queries)
{
    var samples = new List<double>();
    var found = 0;
    for (var run = -3; run < runs; run++)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchRegister>();
        var clock = Stopwatch.StartNew();
        var outcome = await search.SearchAsync(request, user, CancellationToken.None);
        var ms = clock.Elapsed.TotalMilliseconds;
        if (!outcome.Succeeded) throw new InvalidOperationException($"{name}: {outcome.Status} {outcome.Message}");
        found = outcome.Value!.Items.Count;
        if (run >= 0) samples.Add(ms);
    }
    all.AddRange(samples);
    timings.Add(new { query = name, results = found, p50 = P(samples, 50), p95 = P(samples, 95), p99 = P(samples, 99), max = Math.Round(samples.Max(), 2) });
    Console.WriteLine($"  {name,-48} {found,3} results  p50 {P(samples, 50),7:F2} ms  p95 {P(samples, 95),7:F2} ms  p99 {P(samples, 99),7:F2} ms");
}

// The plans of the province-wide name search steps, to show which indexes answer them at this size.
var plans = new Dictionary<string, string>();
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    foreach (var (name, sql) in new[]
    {
        ("prefix step", $"SELECT \"Id\" FROM register_entries WHERE \"ProvinceCode\" = '{province}' AND \"NameFolded\" > 'nguyen van an' AND \"NameFolded\" < 'nguyen van an~' ORDER BY \"NameFolded\", \"NameSpelling\", \"Id\" LIMIT 21"),
        ("words step, last word as a GIN prefix match (before register_words)", $"SELECT \"Id\" FROM register_entries WHERE \"ProvinceCode\" = '{province}' AND to_tsvector('simple', \"NameFolded\") @@ to_tsquery('simple', 'lac & thi & yen:*') ORDER BY \"NameFolded\", \"Id\" LIMIT 21"),
        ("words step, last word expanded through register_words", $"SELECT \"Id\" FROM register_entries WHERE \"ProvinceCode\" = '{province}' AND to_tsvector('simple', \"NameFolded\") @@ to_tsquery('simple', 'lac & thi & ( yen )') ORDER BY \"NameFolded\", \"Id\" LIMIT 21"),
        ("parent exact step (unit)", $"SELECT \"Id\" FROM register_entries WHERE \"BookUnitCode\" IN ({string.Join(", ", units[0].Codes.Select(c => $"'{c}'"))}) AND (\"FatherFolded\" = 'le thi hoa' OR \"MotherFolded\" = 'le thi hoa' OR \"SpouseFolded\" = 'le thi hoa') ORDER BY \"NameFolded\", \"Id\" LIMIT 21"),
        ("parent exact step + name prefix (province)", $"SELECT \"Id\" FROM register_entries WHERE \"ProvinceCode\" = '{province}' AND (\"FatherFolded\" = 'nguyen van binh' OR \"MotherFolded\" = 'nguyen van binh' OR \"SpouseFolded\" = 'nguyen van binh') AND \"NameFolded\" > 'tran thi' AND \"NameFolded\" < 'tran thi~' ORDER BY \"NameFolded\", \"NameSpelling\", \"Id\" LIMIT 21"),
        ("parents words + name prefix (province): relatives checked by LIKE on the rows the name's btree reads", $"SELECT \"Id\" FROM register_entries WHERE \"ProvinceCode\" = '{province}' AND (\"RelativesFolded\" = 'nguyen' OR \"RelativesFolded\" LIKE 'nguyen %' OR \"RelativesFolded\" LIKE '% nguyen %' OR \"RelativesFolded\" LIKE '% nguyen') AND (\"RelativesFolded\" = 'van' OR \"RelativesFolded\" LIKE 'van %' OR \"RelativesFolded\" LIKE '% van %' OR \"RelativesFolded\" LIKE '% van') AND (\"RelativesFolded\" LIKE 'binh%' OR \"RelativesFolded\" LIKE '% binh%') AND \"NameFolded\" > 'tran thi' AND \"NameFolded\" < 'tran thi~' ORDER BY \"NameFolded\", \"NameSpelling\", \"Id\" LIMIT 21"),
        ("words step + birth year (unit)", $"SELECT \"Id\" FROM register_entries WHERE \"BookUnitCode\" IN ({string.Join(", ", units[0].Codes.Select(c => $"'{c}'"))}) AND \"BirthYear\" = 1980 AND (\"NameFolded\" = 'tran' OR \"NameFolded\" LIKE 'tran %' OR \"NameFolded\" LIKE '% tran %' OR \"NameFolded\" LIKE '% tran') AND (\"NameFolded\" LIKE 'thi%' OR \"NameFolded\" LIKE '% thi%') AND (\"NameFolded\" < 'tran thi' OR \"NameFolded\" >= 'tran thi~') ORDER BY \"NameFolded\", \"Id\" LIMIT 21"),
    })
    {
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        plans[name] = string.Join("\n", lines);
        Console.WriteLine($"-- {name}\n{plans[name]}");
    }
}

long tableBytes;
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await using var size = new NpgsqlCommand("SELECT pg_total_relation_size('register_entries')", connection);
    tableBytes = (long)(await size.ExecuteScalarAsync())!;
}

var summary = new
{
    benchmark = "registers",
    at = DateTimeOffset.UtcNow,
    machine = new { Environment.ProcessorCount, loadAverage = new { atStart = loadAtStart, atEnd = LoadAverage() }, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
    postgres = new { cluster.ServerVersion, settings = serverSettings },
    rows = imported,
    province,
    units = units.Count,
    import = new { seconds = Math.Round(importSeconds, 1), rowsPerSecond = Math.Round(imported / importSeconds), measured = "reading the CSV files (written before, not timed), checks, folding, binary COPY, commit",
        cpuMicrosecondsPerEntry = new { server = serverCpuPerEntry, importProcess = clientCpuPerEntry, measured = "user + system CPU from /proc: the cluster's processes (postmaster, its live children and those that ended) and the bench process, over the import" },
        perUnit = imports },
    tableAndIndexMegabytes = tableBytes / 1024 / 1024,
    search = new { runsPerQuery = runs, overall = new { p50 = P(all, 50), p95 = P(all, 95), p99 = P(all, 99) }, queries = timings },
    plans,
};
var file = Path.Combine(results, $"registers-{imported}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(summary, new JsonSerializerOptions
{
    WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
}));
Console.WriteLine($"Overall p50 {P(all, 50):F2} ms, p95 {P(all, 95):F2} ms, p99 {P(all, 99):F2} ms. Written to {file}");
return 0;

static double P(List<double> samples, int percentile)
{
    var sorted = samples.Order().ToList();
    var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
    return Math.Round(sorted[Math.Clamp(index, 0, sorted.Count - 1)], 2);
}

// The 1, 5 and 15 minute load averages, as `uptime` prints them.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

static byte[] RandomNumberGenerator(int n) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(n);

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "MotCua.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
