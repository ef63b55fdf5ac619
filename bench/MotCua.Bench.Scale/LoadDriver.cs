using System.Collections.Concurrent;
using System.Diagnostics;
using MotCua.Bench;

namespace MotCua.Bench.Scale;

/// <summary>What one request of a scenario did: whether it got the expected answer, how many bytes came back.</summary>
public readonly record struct Attempt(bool Ok, long Bytes, string? Error = null);

public sealed record ScenarioResult(string Name, string Description, int Nodes, int Concurrency, double? TargetPerSecond,
    double Seconds, long Ok, long Failed, double PerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    long MeanResponseBytes, double MaxNodeRssMb, string? FirstError)
{
    /// <summary>CPU per answered request over the measured run, from /proc (null where not measured).</summary>
    public CpuPerRequest? Cpu { get; init; }

    /// <summary>Open loop: how late the driver sent its requests (ms after each one's time; counted in the latencies).</summary>
    public double? SendLateP50Ms { get; init; }

    public double? SendLateP99Ms { get; init; }

    /// <summary>The driver's own garbage-collection pauses during the run (they delay the answers it is timing).</summary>
    public double? DriverGcPauseMs { get; init; }

    /// <summary>The cores and the disk meanwhile (null where not measured).</summary>
    public MachineDuring? Machine { get; init; }
}

/// <summary>
/// User + system CPU per answered request, in milliseconds: the app nodes, the PostgreSQL cluster and the bench process
/// (the load driver). On shared cores these move much less with the machine's load than the rate; their sum bounds the
/// rate the machine can reach (cores × 1,000 / sum per second).
/// </summary>
public sealed record CpuPerRequest(double AppMs, double DatabaseMs, double DriverMs)
{
    public double TotalMs => Math.Round(AppMs + DatabaseMs + DriverMs, 3);

    /// <summary>A snapshot of the three; <see cref="Per"/> turns two of them into the figures per request.</summary>
    public static (double App, double Database, double Driver) Read(IEnumerable<int> nodeIds, string dataDirectory) =>
        (nodeIds.Sum(ProcessCpu.Seconds), ProcessCpu.ServerSeconds(dataDirectory), ProcessCpu.Seconds(Environment.ProcessId));

    public static CpuPerRequest? Per((double App, double Database, double Driver) start, (double App, double Database, double Driver) end, long requests) =>
        requests == 0 ? null : new(Ms(end.App - start.App, requests), Ms(end.Database - start.Database, requests), Ms(end.Driver - start.Driver, requests));

    private static double Ms(double seconds, long requests) => Math.Round(seconds * 1000 / requests, 3);
}

/// <summary>
/// Runs one scenario over real HTTP, bounded by time and by request count. Closed loop (<c>concurrency</c> workers, each
/// sending its next request when the last one is answered: measures the most the app serves) or open loop (requests
/// started at a fixed rate whatever the answers, at most <c>concurrency</c> in flight: measures the latency at a given load;
/// a request that has to wait for a free slot counts its wait, so an overloaded app cannot hide behind a slow driver).
/// </summary>
public static class LoadDriver
{
    public static async Task<ScenarioResult> RunAsync(string name, string description, int nodes, Func<long, Task<Attempt>> one,
        int concurrency, double? ratePerSecond, TimeSpan duration, long maxRequests, NodeMemory memory)
    {
        var latencies = new ConcurrentBag<double[]>();
        long ok = 0, failed = 0, bytes = 0, next = -1;
        string? firstError = null;
        memory.ResetPeak();
        (double P50, double P99)? sendLate = null;
        var gcPauseAtStart = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();

        async Task Send(long i, long scheduledTicks, List<double> mine)
        {
            Attempt attempt;
            try { attempt = await one(i); }
            catch (Exception e) { attempt = new Attempt(false, 0, e.GetType().Name + ": " + e.Message); }
            var ms = (Stopwatch.GetTimestamp() - scheduledTicks) * 1000.0 / Stopwatch.Frequency;
            if (attempt.Ok)
            {
                Interlocked.Increment(ref ok);
                Interlocked.Add(ref bytes, attempt.Bytes);
                lock (mine) mine.Add(ms);
            }
            else
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, attempt.Error ?? "failed", null);
            }
        }

        if (ratePerSecond is not { } rate)
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                var mine = new List<double>();
                while (clock.Elapsed < duration)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= maxRequests) break;
                    await Send(i, Stopwatch.GetTimestamp(), mine);
                }
                latencies.Add([.. mine]);
            })));
        }
        else
        {
            // The sender is a thread of its own, not timer callbacks and pool hops: it sleeps until the next request is due,
            // then starts every request that is due (the synchronous part of a send, up to its socket write, runs here), so a
            // request leaves within a fraction of a millisecond of its time even with the cores busy. How late each one left
            // is kept (SendLate*): the driver's own share of the latency, which a client on another machine would not add.
            var mine = new List<double>();
            var lateness = new List<double>();
            using var slots = new SemaphoreSlim(concurrency);
            var running = new List<Task>();
            var start = Stopwatch.GetTimestamp();
            var sender = new Thread(() =>
            {
                for (long i = 0; i < maxRequests; i++)
                {
                    var due = TimeSpan.FromSeconds(i / rate);
                    if (due >= duration) break;
                    // usleep, not Thread.Sleep: the runtime's sleep has whole milliseconds, one request's interval at 1,000/s.
                    for (var wait = due - clock.Elapsed; wait > TimeSpan.Zero; wait = due - clock.Elapsed)
                        _ = usleep((uint)Math.Ceiling(wait.TotalMicroseconds));
                    var scheduled = start + (long)(due.TotalSeconds * Stopwatch.Frequency);
                    slots.Wait();
                    lateness.Add(Math.Max(0, Stopwatch.GetTimestamp() - scheduled) * 1000.0 / Stopwatch.Frequency);
                    var n = i;
                    running.Add(SendAndRelease(n, scheduled));
                }
            }) { IsBackground = true, Name = "load sender", Priority = ThreadPriority.AboveNormal };

            async Task SendAndRelease(long n, long scheduled)
            {
                try { await Send(n, scheduled, mine); } finally { slots.Release(); }
            }

            sender.Start();
            await Task.Run(sender.Join);
            await Task.WhenAll(running);
            latencies.Add([.. mine]);
            var late = lateness.Order().ToArray();
            sendLate = (Quantile(late, 0.50), Quantile(late, 0.99));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => Quantile(sorted, q);
        return new ScenarioResult(name, description, nodes, concurrency, ratePerSecond, Math.Round(seconds, 1), ok, failed,
            Math.Round(ok / seconds, 1), P(0.50), P(0.95), P(0.99), P(1.0), ok == 0 ? 0 : bytes / ok, memory.PeakMb, firstError)
        {
            SendLateP50Ms = sendLate?.P50, SendLateP99Ms = sendLate?.P99,
            DriverGcPauseMs = Math.Round((GC.GetTotalPauseDuration() - gcPauseAtStart).TotalMilliseconds, 1),
        };
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int usleep(uint microseconds);

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}

/// <summary>
/// The resident memory of the app node processes, read from /proc every 100 ms; the peak since the last reset (the
/// highest single node, as the target is per node).
/// </summary>
public sealed class NodeMemory : IDisposable
{
    private readonly Timer _timer;
    private readonly Func<IReadOnlyList<int>> _processIds;
    private long _peakKb;

    public NodeMemory(Func<IReadOnlyList<int>> processIds)
    {
        _processIds = processIds;
        _timer = new Timer(_ => Sample(), null, 0, 100);
    }

    public double PeakMb => Math.Round(Interlocked.Read(ref _peakKb) / 1024.0, 1);

    public void ResetPeak() => Interlocked.Exchange(ref _peakKb, 0);

    private void Sample()
    {
        foreach (var pid in _processIds())
        {
            var kb = RssKb(pid);
            long seen;
            while (kb > (seen = Interlocked.Read(ref _peakKb)) && Interlocked.CompareExchange(ref _peakKb, kb, seen) != seen) { }
        }
    }

    public static long RssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// What the disk and the database read during a measured run, to tell an I/O tail from a CPU one: the kilobytes read from
/// disk per request (<c>/proc/vmstat</c> pgpgin, the whole machine) and the PostgreSQL blocks read from outside its shared
/// buffers per request (<c>pg_stat_database.blks_read</c>: from the page cache or the disk). Not the cores' shares from
/// <c>/proc/stat</c>: in this virtual machine they disagreed with the processes' own CPU times.
/// </summary>
public sealed record MachineDuring(double DiskReadKbPerRequest, double DatabaseBlocksReadPerRequest)
{
    public readonly record struct Snapshot(long PagedInKb, long BlocksRead);

    public static async Task<Snapshot> ReadAsync(string connectionString)
    {
        var pagedIn = File.ReadLines("/proc/vmstat").Where(l => l.StartsWith("pgpgin ", StringComparison.Ordinal))
            .Select(l => long.Parse(l[7..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT blks_read FROM pg_stat_database WHERE datname = current_database()", connection);
        var blocksRead = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return new Snapshot(pagedIn, blocksRead);
    }

    public static MachineDuring? Between(Snapshot start, Snapshot end, long requests) => requests == 0 ? null
        : new(Math.Round((double)(end.PagedInKb - start.PagedInKb) / requests, 2), Math.Round((double)(end.BlocksRead - start.BlocksRead) / requests, 3));
}
