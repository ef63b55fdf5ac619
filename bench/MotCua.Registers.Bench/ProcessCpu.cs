using System.Globalization;

namespace MotCua.Bench;

/// <summary>
/// User + system CPU seconds of processes, read from /proc (proc(5)): on the shared cores of this machine a workload's CPU
/// per request or per entry moves far less with the load than its rate does. Linked into the scale benchmark.
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100.0; // USER_HZ

    /// <summary>
    /// The PostgreSQL cluster: the postmaster, its live children (backends, WAL writer, checkpointer) and, through the
    /// postmaster's cutime/cstime, the children that have ended (a pooled connection closed while idle).
    /// </summary>
    public static double ServerSeconds(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } f) continue;
            if (pid == postmaster) ticks += f.UserTicks + f.SystemTicks + f.ChildrenTicks;
            else if (f.ParentId == postmaster) ticks += f.UserTicks + f.SystemTicks;
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>One process (its threads included; 0 once it has ended).</summary>
    public static double Seconds(int pid) => Stat(pid) is { } f ? (f.UserTicks + f.SystemTicks) / TicksPerSecond : 0;

    private readonly record struct StatFields(int ParentId, long UserTicks, long SystemTicks, long ChildrenTicks);

    private static StatFields? Stat(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; } // ended meanwhile
        catch (UnauthorizedAccessException) { return null; }
        // After "(comm) ": state, ppid, …; utime and stime are fields 14 and 15, cutime and cstime 16 and 17.
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int n) => long.Parse(f[n - 3], CultureInfo.InvariantCulture);
        return new StatFields((int)Field(4), Field(14), Field(15), Field(16) + Field(17));
    }
}
