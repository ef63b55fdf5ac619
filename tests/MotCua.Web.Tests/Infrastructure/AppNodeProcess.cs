using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// One MotCua app node as a real operating-system process (<c>dotnet MotCua.Web.dll</c> from this test's output folder),
/// on a free loopback port, configured by environment variables (<c>Section:Key</c> → <c>Section__Key</c>). It can be
/// killed without warning (SIGKILL) and started again, which an in-process host cannot. Used by the multi-node and
/// crash tests and by the benchmarks (linked into bench/ projects).
/// </summary>
public sealed class AppNodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private AppNodeProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The node's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string Log { get { lock (_log) return string.Join('\n', _log); } }

    /// <summary>Starts the node and waits until <c>/health</c> answers (the database is migrated and seeded by then).</summary>
    public static async Task<AppNodeProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? webDll = null,
        TimeSpan? timeout = null)
    {
        webDll ??= Path.Combine(AppContext.BaseDirectory, "MotCua.Web.dll");
        if (!File.Exists(webDll)) throw new FileNotFoundException("MotCua.Web.dll is not beside the caller", webDll);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(webDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new AppNodeProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(180));
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The app node exited with {process.ExitCode} before it was ready:\n{node.Log}");
            try
            {
                using var response = await http.GetAsync($"{baseUrl}/health");
                if (response.IsSuccessStatusCode) return node;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
            {
                node.Kill();
                throw new TimeoutException($"The app node did not answer /health in time:\n{node.Log}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown, no flushing, leases left behind.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > 200) _log.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
