using System.Text.Json;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Bench.Scale;

/// <summary>
/// A/B of two builds on the same machine, database and load (<c>--compare DIR</c>): one node of this build and one of the
/// build in DIR run side by side; each scenario is measured in alternating slices (this, other, this, other…) so that the
/// drift of a shared machine's speed, which moves a figure by ±20 % between runs minutes apart, falls on both alike.
/// Reports each node's rate and CPU per request summed over its slices, and this build's ratio to the other's.
/// </summary>
public static class Comparison
{
    public static async Task<int> RunAsync(ScaleOptions options, string otherDirectory, Dictionary<string, string> settings,
        PostgresCluster cluster, IReadOnlyList<string> onlineUnits, IReadOnlyList<(string, string)> tracked, string loadAtStart)
    {
        foreach (var (k, v) in options.ExtraSettings) settings[k] = v;
        var otherDll = Path.Combine(Path.GetFullPath(otherDirectory), "MotCua.Web.dll");
        await using var mine = await AppNodeProcess.StartAsync(settings, timeout: TimeSpan.FromMinutes(5));
        await using var other = await AppNodeProcess.StartAsync(new Dictionary<string, string>(settings) { ["Integrations:NodeId"] = "node-other" },
            otherDll, TimeSpan.FromMinutes(5));
        var nodes = new[] { ("this", mine), ("other", other) };
        using var memory = new NodeMemory(() => [mine.ProcessId, other.ProcessId]);
        var drivers = new Dictionary<string, Scenarios>();
        foreach (var (label, node) in nodes) drivers[label] = await Scenarios.ConnectAsync([node.BaseUrl], onlineUnits, tracked);
        var slice = TimeSpan.FromSeconds(Math.Max(1.0, (double)options.Seconds / options.Rounds));
        var report = new List<object>();
        Console.WriteLine($"\n== A/B: this build against {otherDll}, {options.Rounds} slices of {slice.TotalSeconds:0.#} s each ==");
        foreach (var load in Scenarios.Loads(options, onlineUnits.Count).Where(l => l.Compared))
        {
            var (name, concurrency, rate) = (load.Name, load.Concurrency, load.Rate);
            if (!options.Scenarios.Contains(name)) continue;
            Func<long, Task<Attempt>> For(Scenarios s) => load.One(s);
            foreach (var (label, _) in nodes)
                if (options.WarmupSeconds > 0)
                    await LoadDriver.RunAsync(name, "warm-up", 1, For(drivers[label]), concurrency, rate, TimeSpan.FromSeconds(options.WarmupSeconds), long.MaxValue, memory);
            var totals = nodes.ToDictionary(n => n.Item1, _ => new Totals());
            for (var round = 0; round < options.Rounds; round++)
                // The order flips every round, so neither build always runs right after the other's load.
                foreach (var (label, node) in round % 2 == 0 ? nodes : nodes.Reverse())
                {
                    var start = CpuPerRequest.Read([node.ProcessId], cluster.DataDirectory);
                    var r = await LoadDriver.RunAsync(name, label, 1, For(drivers[label]), concurrency, rate, slice, long.MaxValue, memory);
                    var end = CpuPerRequest.Read([node.ProcessId], cluster.DataDirectory);
                    totals[label].Add(r, start, end);
                }
            var a = totals["this"];
            var b = totals["other"];
            Console.WriteLine($"  {name,-14} this {a.PerSecond,7:N0}/s (CPU app {a.AppMs} + PostgreSQL {a.DatabaseMs} ms, p50 {a.MedianOfP50}, p99 {a.MedianOfP99} ms)   " +
                $"other {b.PerSecond,7:N0}/s (CPU app {b.AppMs} + PostgreSQL {b.DatabaseMs} ms, p50 {b.MedianOfP50}, p99 {b.MedianOfP99} ms)   ratio {Math.Round(a.PerSecond / b.PerSecond, 3)}" +
                (a.Failed + b.Failed > 0 ? $"   failed {a.Failed} / {b.Failed}" : ""));
            report.Add(new { scenario = name, slices = options.Rounds, sliceSeconds = slice.TotalSeconds, @this = a.Summary(), other = b.Summary(),
                ratioPerSecond = Math.Round(a.PerSecond / b.PerSecond, 3) });
        }
        foreach (var d in drivers.Values) await d.DisposeAsync();
        var output = new
        {
            benchmark = "scale A/B (issue 8)", when = DateTimeOffset.UtcNow, other = otherDll, dossiers = options.Dossiers,
            loadAverageAtStart = loadAtStart, loadAverageAtEnd = File.ReadAllText("/proc/loadavg").Trim(), scenarios = report,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"written to {options.Output}");
        return 0;
    }

    private sealed class Totals
    {
        private long _ok, _failed;
        private double _seconds, _app, _database;
        private readonly List<double> _p50 = [], _p99 = [];

        public long Failed => _failed;
        public double PerSecond => Math.Round(_ok / _seconds, 1);
        public double AppMs => Math.Round(_app * 1000 / Math.Max(1, _ok + _failed), 3);
        public double DatabaseMs => Math.Round(_database * 1000 / Math.Max(1, _ok + _failed), 3);
        public double MedianOfP50 => Median(_p50);
        public double MedianOfP99 => Median(_p99);

        private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

        public void Add(ScenarioResult r, (double App, double Database, double Driver) start, (double App, double Database, double Driver) end)
        {
            _ok += r.Ok;
            _failed += r.Failed;
            _seconds += r.Seconds;
            _app += end.App - start.App;
            _database += end.Database - start.Database;
            _p50.Add(r.P50Ms);
            _p99.Add(r.P99Ms);
        }

        public object Summary() => new { perSecond = PerSecond, ok = _ok, failed = _failed, seconds = Math.Round(_seconds, 1),
            cpuMsPerRequest = new { app = AppMs, database = DatabaseMs }, medianOfSliceP50Ms = MedianOfP50,
            medianOfSliceP99Ms = MedianOfP99 };
    }
}
