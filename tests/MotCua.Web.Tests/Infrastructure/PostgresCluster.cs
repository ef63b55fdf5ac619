using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for integration tests.
/// <para>
/// <see cref="Shared"/> is one lazily started, process-wide cluster that every test class can use
/// (thread-safe); <see cref="StartAsync"/> starts a private one that the caller disposes.
/// The cluster lives in a fresh temporary folder, listens on 127.0.0.1 on a free random port
/// (plus a unix socket inside that folder), trusts every local connection as superuser
/// <c>postgres</c>, and runs with durability switched off (fsync, synchronous_commit,
/// full_page_writes) because its data is thrown away.
/// </para>
/// <para>
/// When the test process runs as root (CI does) initdb/postgres refuse to run, so they are run as
/// the <c>postgres</c> OS user through <c>runuser</c> (or <c>su</c>), which is created with
/// <c>useradd -r</c> if it is missing, and the folder is chowned to it.
/// </para>
/// <para>
/// The cluster is stopped (<c>pg_ctl stop -m immediate</c>) and its folder deleted on
/// <see cref="Dispose"/>, and at process exit by a detached watchdog shell started with it, which
/// notices the test process is gone however it ended (normal exit, crash, SIGKILL). Clusters left
/// behind anyway (watchdog killed too, reboot) are found by the next start, since their owner
/// process is gone, and removed.
/// </para>
/// <para>
/// Missing PostgreSQL server binaries are an error, never a silent skip. They are looked up in
/// <c>$MOTCUA_PG_BIN</c>, then the newest <c>/usr/lib/postgresql/*/bin</c>, then PATH.
/// </para>
/// </summary>
public sealed class PostgresCluster : IDisposable, IAsyncDisposable
{
    /// <summary>Directory holding initdb and pg_ctl; overrides the automatic lookup.</summary>
    public const string BinDirectoryVariable = "MOTCUA_PG_BIN";

    /// <summary>Parent folder for cluster folders; default /tmp (root) or the user's temp path.</summary>
    public const string TempDirectoryVariable = "MOTCUA_PG_TMP";

    public const string Host = "127.0.0.1";
    public const string Superuser = "postgres";

    const string DirectoryPrefix = "motcua-pg-";
    const string OwnerFileName = "owner";
    const string DebianRoot = "/usr/lib/postgresql";
    const string InstallHint =
        "install with: apt-get install -y postgresql  (Debian/Ubuntu; any version, the newest under " + DebianRoot +
        "/*/bin is used) or point " + BinDirectoryVariable + " at the directory that holds initdb and pg_ctl";

    static readonly Lazy<PostgresCluster> SharedCluster = new(() => Start(isShared: true), LazyThreadSafetyMode.ExecutionAndPublication);
    static int databaseCounter;

    readonly object stopLock = new();
    readonly string? runAsUser;
    bool stopped;
    int postmasterPid;

    PostgresCluster(string binDirectory, string rootDirectory, string? runAsUser, bool isShared)
    {
        BinDirectory = binDirectory;
        RootDirectory = rootDirectory;
        this.runAsUser = runAsUser;
        IsShared = isShared;
    }

    /// <summary>
    /// The process-wide cluster, started on first use (blocking). A failure to start is cached:
    /// every later caller gets the same exception instead of waiting for another attempt.
    /// Dispose on it is a no-op; it is stopped at process exit.
    /// </summary>
    public static PostgresCluster Shared => SharedCluster.Value;

    /// <summary><see cref="Shared"/> without blocking the calling thread.</summary>
    public static Task<PostgresCluster> GetSharedAsync() =>
        SharedCluster.IsValueCreated ? Task.FromResult(SharedCluster.Value) : Task.Run(() => SharedCluster.Value);

    /// <summary>Starts a private cluster; the caller disposes it.</summary>
    public static Task<PostgresCluster> StartAsync() => Task.Run(() => Start(isShared: false));

    public bool IsShared { get; }
    /// <summary>The OS user that runs the server tools ("postgres" when the tests run as root), or null for the current user.</summary>
    public string? RunAsUser => runAsUser;
    public string BinDirectory { get; }
    /// <summary>The temporary folder: data/, sock/, server.log, owner.</summary>
    public string RootDirectory { get; }
    public string DataDirectory => Path.Combine(RootDirectory, "data");
    public string SocketDirectory => Path.Combine(RootDirectory, "sock");
    public string LogFile => Path.Combine(RootDirectory, "server.log");
    public int Port { get; private set; }
    /// <summary>Result of SELECT version(), e.g. "PostgreSQL 15.18 (Debian ...) on x86_64 ...".</summary>
    public string ServerVersion { get; private set; } = "";
    /// <summary>Major version of the binaries, e.g. 15.</summary>
    public int MajorVersion { get; private set; }
    /// <summary>How long initdb + start took.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Connection string for the maintenance database "postgres".</summary>
    public string AdminConnectionString => BuildConnectionString("postgres", maxPoolSize: 20);

    /// <summary>
    /// Creates a fresh, empty database and returns its Npgsql connection string.
    /// <paramref name="name"/> is a readable prefix only (lower-cased, [a-z0-9_]); a unique
    /// suffix is always appended, so read the actual name from the returned string's Database.
    /// </summary>
    public string CreateDatabase(string? name = null)
    {
        var database = MakeDatabaseName(name);
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)} TEMPLATE template0 ENCODING 'UTF8'", connection);
        command.ExecuteNonQuery();
        return BuildConnectionString(database);
    }

    /// <inheritdoc cref="CreateDatabase"/>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        var database = MakeDatabaseName(name);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)} TEMPLATE template0 ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return BuildConnectionString(database);
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabase"/> (by connection string or name), closing
    /// this process's pooled connections to it first and terminating any others. Optional: the whole
    /// cluster is deleted at the end anyway, but dropping releases its connections early.
    /// </summary>
    public void DropDatabase(string connectionStringOrName)
    {
        var database = connectionStringOrName.Contains('=')
            ? new NpgsqlConnectionStringBuilder(connectionStringOrName).Database ?? throw new ArgumentException("No Database in connection string.", nameof(connectionStringOrName))
            : connectionStringOrName;
        if (connectionStringOrName.Contains('='))
        {
            using var pooled = new NpgsqlConnection(connectionStringOrName);
            NpgsqlConnection.ClearPool(pooled);
        }
        using (var pooled = new NpgsqlConnection(BuildConnectionString(database)))
            NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(database)} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc cref="DropDatabase"/>
    public Task DropDatabaseAsync(string connectionStringOrName) => Task.Run(() => DropDatabase(connectionStringOrName));

    /// <summary>Connection string for an existing database of this cluster.</summary>
    public string BuildConnectionString(string database, int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = Superuser,
            Database = database,
            Pooling = true,
            IncludeErrorDetail = true,
            // Many short-lived test databases each get a pool; close idle connections soon so that
            // they do not add up to max_connections.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        };
        if (maxPoolSize is { } max)
            builder.MaxPoolSize = max;
        return builder.ConnectionString;
    }

    /// <summary>Stops the cluster and deletes its folder. A no-op on <see cref="Shared"/>.</summary>
    public void Dispose()
    {
        if (!IsShared)
            Stop();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the cluster (pg_ctl stop -m immediate) and deletes its folder; idempotent.</summary>
    public void Stop()
    {
        lock (stopLock)
        {
            if (stopped)
                return;
            stopped = true;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (Port != 0)
        {
            try
            {
                using var pooled = new NpgsqlConnection(AdminConnectionString);
                NpgsqlConnection.ClearPool(pooled);
            }
            catch
            {
                // best effort
            }
        }
        StopAndDelete(BinDirectory, RootDirectory, runAsUser);
    }

    public override string ToString() => $"PostgreSQL {MajorVersion} on {Host}:{Port} in {RootDirectory}";

    // The test host is killed soon after it starts exiting (vstest gives it well under a second), too soon
    // for pg_ctl and a recursive delete. So this only asks the postmaster for an immediate shutdown
    // (SIGQUIT, what pg_ctl stop -m immediate sends); the watchdog started with the cluster sees this
    // process gone, finishes the stop and deletes the folder.
    void OnProcessExit(object? sender, EventArgs e)
    {
        lock (stopLock)
        {
            if (stopped)
                return;
            stopped = true;
        }
        try
        {
            if (postmasterPid > 0)
                _ = SendSignal(postmasterPid, SigQuit);
        }
        catch
        {
            // no libc: the watchdog stops it instead
        }
    }

    const int SigQuit = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SendSignal(int pid, int signal);

    // ------------------------------------------------------------------ start

    static PostgresCluster Start(bool isShared)
    {
        var clock = Stopwatch.StartNew();
        var bin = FindBinDirectory(Environment.GetEnvironmentVariable(BinDirectoryVariable), DebianRoot, Environment.GetEnvironmentVariable("PATH"));
        var runAs = IsRoot() ? EnsurePostgresUser() : null;
        var baseDirectory = TempBase(runAs is not null);
        Directory.CreateDirectory(baseDirectory);

        SweepStaleClusters(baseDirectory, bin, runAs);

        var root = Path.Combine(baseDirectory, DirectoryPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        // Written first, so that a sweep by another run never mistakes this folder for a leftover.
        File.WriteAllText(Path.Combine(root, OwnerFileName), OwnerStamp(Environment.ProcessId) ?? Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        var cluster = new PostgresCluster(bin, root, runAs, isShared);
        AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
        try
        {
            Directory.CreateDirectory(cluster.SocketDirectory);
            if (runAs is not null)
            {
                var chown = RunProcess("chown", ["-R", runAs + ":", root], null, root, TimeSpan.FromSeconds(30));
                if (chown.ExitCode != 0)
                    throw new InvalidOperationException($"chown -R {runAs}: {root} failed (exit {chown.ExitCode}): {chown.Output}");
            }
            cluster.StartWatchdog();
            cluster.MajorVersion = ReadMajorVersion(bin, runAs, root);
            cluster.InitDb();
            cluster.WriteConfiguration();
            cluster.StartServer();
            cluster.postmasterPid = ReadPostmasterPid(cluster.DataDirectory);
            cluster.ServerVersion = cluster.QueryVersion();
            cluster.StartupTime = clock.Elapsed;
            return cluster;
        }
        catch
        {
            cluster.Stop();
            throw;
        }
    }

    void InitDb()
    {
        // C.UTF-8 gives Unicode-aware lower()/upper() (Vietnamese text) with byte-order collation;
        // fall back to plain C where that locale does not exist.
        string[] common = ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-sync", "--no-instructions"];
        var result = Run("initdb", [.. common, "--locale=C.UTF-8"], TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0 && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
        {
            TryDeleteDirectory(DataDirectory);
            result = Run("initdb", [.. common, "--no-locale"], TimeSpan.FromMinutes(2));
        }
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"initdb failed (exit {result.ExitCode}) in {DataDirectory}:\n{result.Output}");
    }

    void WriteConfiguration()
    {
        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# ---- MotCua test cluster (PostgresCluster.cs): throwaway data, tuned for speed ----")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine($"unix_socket_directories = {QuoteLiteral(SocketDirectory)}")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 32MB")
            .AppendLine("huge_pages = off")
            .AppendLine("fsync = off")
            .AppendLine("synchronous_commit = off")
            .AppendLine("full_page_writes = off")
            .AppendLine("wal_level = minimal")
            .AppendLine("max_wal_senders = 0")
            .AppendLine("max_wal_size = 1GB")
            .AppendLine("checkpoint_timeout = 30min")
            .AppendLine("autovacuum = off")
            .AppendLine("jit = off")
            .AppendLine("max_parallel_workers_per_gather = 0")
            .AppendLine("timezone = 'UTC'")
            .AppendLine("log_timezone = 'UTC'")
            .AppendLine("lc_messages = 'C'")
            .AppendLine("logging_collector = off")
            .AppendLine("log_line_prefix = '%m [%p] %q%u@%d '")
            .AppendLine("log_min_messages = warning");
        // Appended as the current user: root may write the postgres-owned file; ownership is kept.
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), settings.ToString());
    }

    /// <summary>
    /// Restarts the server on the same port, for a setting that only takes effect at start (benchmarks raise
    /// shared_buffers or switch durability back on with ALTER SYSTEM, then restart).
    /// </summary>
    public Task RestartAsync() => Task.Run(() =>
    {
        var result = Run("pg_ctl", ["restart", "-D", DataDirectory, "-l", LogFile, "-m", "fast", "-w", "-t", "120", "-s", "-o", $"-p {Port}"],
            TimeSpan.FromSeconds(180));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl restart failed (exit {result.ExitCode}):\n{result.Output}");
        postmasterPid = ReadPostmasterPid(DataDirectory);
    });

    void StartServer()
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var logOffset = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
            var result = Run("pg_ctl", ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-s", "-o", $"-p {port}"], TimeSpan.FromSeconds(90));
            if (result.ExitCode == 0)
            {
                Port = port;
                return;
            }
            var log = ReadLogTail(logOffset);
            // Somebody took the port between probing and binding: stop whatever half-started, try another.
            var portTaken = Regex.IsMatch(log, "could not bind|Address already in use|could not create any TCP/IP sockets|lock file .* already exists", RegexOptions.IgnoreCase);
            if (portTaken && attempt < attempts)
            {
                Run("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "10", "-s"], TimeSpan.FromSeconds(20));
                continue;
            }
            throw new InvalidOperationException(
                $"PostgreSQL failed to start (pg_ctl exit {result.ExitCode}, attempt {attempt}, port {port}, data {DataDirectory}).\n" +
                $"pg_ctl output:\n{result.Output}\n--- server log tail ({LogFile}) ---\n{log}");
        }
    }

    /// <summary>
    /// Starts a detached shell (own session, not a child of this process's tree, so it survives the test
    /// host being killed) that waits until this process is gone or the folder was deleted, then stops the
    /// server and deletes the folder. This is what cleans up at process exit, however the process ends.
    /// </summary>
    void StartWatchdog()
    {
        const string watchdog = """
            owner=$1 root=$2 data=$3 stop=$4
            while kill -0 "$owner" 2>/dev/null && [ -d "$root" ]; do sleep 0.5; done
            [ -d "$root" ] || exit 0
            if [ -f "$data/postmaster.pid" ]; then
              if ! sh -c "$stop"; then
                pid=$(head -n 1 "$data/postmaster.pid")
                grep -qs "$data" "/proc/$pid/cmdline" && kill -9 "$pid"
              fi
            fi
            rm -rf "$root"
            """;
        var stop = string.Join(' ', StopCommand(BinDirectory, DataDirectory, runAsUser).Select(ShellQuote));
        var launcher = $"exec </dev/null >/dev/null 2>&1; setsid /bin/sh -c {ShellQuote(watchdog)} watchdog \"$@\" &";
        var result = RunProcess("/bin/sh", ["-c", launcher, "launcher", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), RootDirectory, DataDirectory, stop],
            null, RootDirectory, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"Could not start the cleanup watchdog (exit {result.ExitCode}): {result.Output}");
    }

    static IReadOnlyList<string> StopCommand(string bin, string data, string? runAs) =>
        WrapForUser(Path.Combine(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w", "-t", "10", "-s"], runAs);

    static int ReadPostmasterPid(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch
        {
            return 0;
        }
    }

    string QueryVersion()
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT version()", connection);
            return (string)command.ExecuteScalar()!;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"PostgreSQL started on port {Port} but does not answer: {e.Message}\n--- server log tail ({LogFile}) ---\n{ReadLogTail(0)}", e);
        }
    }

    string ReadLogTail(long fromOffset, int maxLines = 40)
    {
        try
        {
            if (!File.Exists(LogFile))
                return "(no server log)";
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(fromOffset, stream.Length), SeekOrigin.Begin);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0 ? "(server log is empty)" : string.Join('\n', lines.TakeLast(maxLines));
        }
        catch (Exception e)
        {
            return $"(could not read server log: {e.Message})";
        }
    }

    ProcessResult Run(string tool, IReadOnlyList<string> arguments, TimeSpan timeout) =>
        RunTool(BinDirectory, tool, arguments, runAsUser, RootDirectory, timeout);

    // ------------------------------------------------------------------ stop / sweep

    static void StopAndDelete(string bin, string root, string? runAs)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            var cwd = Directory.Exists(root) ? root : Path.GetTempPath();
            var command = StopCommand(bin, data, runAs);
            var stop = RunProcess(command[0], command.Skip(1).ToArray(), null, cwd, TimeSpan.FromSeconds(20), throwIfMissing: false);
            if (stop.ExitCode != 0)
                KillPostmaster(data, waitMilliseconds: 5000);
        }
        TryDeleteDirectory(root);
    }

    /// <summary>SIGKILLs the postmaster of <paramref name="dataDirectory"/>, if it is still running.</summary>
    static void KillPostmaster(string dataDirectory, int waitMilliseconds = 0)
    {
        try
        {
            var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
            if (!File.Exists(pidFile))
                return;
            var first = File.ReadLines(pidFile).FirstOrDefault();
            if (!int.TryParse(first?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
                return;
            // A stale pid file's pid may belong to some unrelated process by now: only kill a postgres
            // started on this very data directory.
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            if (!commandLine.Contains("postgres", StringComparison.Ordinal) || !commandLine.Contains(dataDirectory, StringComparison.Ordinal))
                return;
            using var process = Process.GetProcessById(pid);
            process.Kill(); // SIGKILL; the backends notice the postmaster's death and exit
            if (waitMilliseconds > 0)
                process.WaitForExit(waitMilliseconds);
        }
        catch
        {
            // already gone, or not ours to kill
        }
    }

    /// <summary>
    /// Removes clusters under <paramref name="baseDirectory"/> whose owner process is gone (a killed
    /// test run), or that have no owner stamp and are over an hour old. Clusters of live processes
    /// (other test runs going on now) are left alone.
    /// </summary>
    internal static int SweepStaleClusters(string baseDirectory, string bin, string? runAs)
    {
        var removed = 0;
        string[] candidates;
        try
        {
            candidates = Directory.GetDirectories(baseDirectory, DirectoryPrefix + "*");
        }
        catch
        {
            return 0;
        }
        foreach (var directory in candidates)
        {
            try
            {
                var ownerFile = Path.Combine(directory, OwnerFileName);
                bool stale;
                if (File.Exists(ownerFile))
                    stale = !IsOwnerAlive(File.ReadAllText(ownerFile));
                else
                    stale = DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > TimeSpan.FromHours(1);
                if (!stale)
                    continue;
                StopAndDelete(bin, directory, runAs);
                if (!Directory.Exists(directory))
                    removed++;
            }
            catch
            {
                // another user's folder, or being removed right now: not our business
            }
        }
        return removed;
    }

    static bool IsOwnerAlive(string stamp)
    {
        var parts = stamp.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            return false;
        var current = OwnerStamp(pid);
        if (current is null)
            return false; // no such process
        // Same pid and same start time: the very process that made the folder (not a reused pid).
        return parts.Length < 2 || current == stamp.Trim();
    }

    /// <summary>"pid starttime" from /proc (start time in clock ticks since boot), or null if no such process.</summary>
    static string? OwnerStamp(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the ")" that closes the command name start at field 3; starttime is field 22.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"{pid} {fields[19]}";
        }
        catch
        {
            return null;
        }
    }

    // ------------------------------------------------------------------ environment

    /// <summary>
    /// The directory holding initdb and pg_ctl: <paramref name="overrideDirectory"/> (from
    /// MOTCUA_PG_BIN) if set, else the newest <paramref name="debianRoot"/>/*/bin, else PATH.
    /// Throws with install instructions if none is found.
    /// </summary>
    internal static string FindBinDirectory(string? overrideDirectory, string debianRoot, string? pathVariable)
    {
        static bool HasTools(string directory) =>
            File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

        if (!string.IsNullOrWhiteSpace(overrideDirectory))
        {
            if (HasTools(overrideDirectory))
                return overrideDirectory;
            throw new InvalidOperationException(
                $"PostgreSQL server binaries not found: {BinDirectoryVariable}={overrideDirectory} holds no initdb/pg_ctl. " +
                $"Fix or unset {BinDirectoryVariable}, or {InstallHint}");
        }

        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Contains('.') ? Path.GetFileName(d) : Path.GetFileName(d) + ".0", out var v) ? v : null))
                .Where(x => x.Version is not null && HasTools(Path.Combine(x.Dir, "bin")))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
                return Path.Combine(newest.Dir, "bin");
        }

        foreach (var directory in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasTools(directory))
                return directory;
        }

        throw new InvalidOperationException(
            $"PostgreSQL server binaries not found (no initdb/pg_ctl in ${BinDirectoryVariable}, {debianRoot}/*/bin or PATH); " +
            $"the PostgreSQL integration tests need a local server: {InstallHint}");
    }

    static int ReadMajorVersion(string bin, string? runAs, string cwd)
    {
        var result = RunTool(bin, "pg_ctl", ["--version"], runAs, cwd, TimeSpan.FromSeconds(30));
        var match = Regex.Match(result.Output, @"\(PostgreSQL\)\s+(\d+)");
        if (result.ExitCode != 0 || !match.Success)
            throw new InvalidOperationException($"{Path.Combine(bin, "pg_ctl")} --version failed (exit {result.ExitCode}): {result.Output}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    static bool IsRoot()
    {
        try
        {
            // "Uid:\treal\teffective\tsaved\tfs"
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            if (line is not null)
                return line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries)[2] == "0";
        }
        catch
        {
            // no /proc: fall back to the user name
        }
        return Environment.UserName == "root";
    }

    static string EnsurePostgresUser()
    {
        if (UserExists(Superuser))
            return Superuser;
        var result = RunProcess("useradd", ["-r", "-M", "-s", "/bin/sh", Superuser], null, Path.GetTempPath(), TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0 && !UserExists(Superuser))
            throw new InvalidOperationException(
                "The tests run as root, and PostgreSQL refuses to run as root, so it is run as the 'postgres' OS user; " +
                $"that user does not exist and 'useradd -r postgres' failed (exit {result.ExitCode}): {result.Output}. " +
                "Create it (apt-get install -y postgresql does) or run the tests as a non-root user.");
        return Superuser;
    }

    static bool UserExists(string user)
    {
        try
        {
            if (File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal)))
                return true;
        }
        catch
        {
            // fall through to id(1), which also sees NSS users
        }
        try
        {
            return RunProcess("id", ["-u", user], null, Path.GetTempPath(), TimeSpan.FromSeconds(10)).ExitCode == 0;
        }
        catch
        {
            return false;
        }
    }

    static string TempBase(bool runningAsOtherUser)
    {
        var configured = Environment.GetEnvironmentVariable(TempDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        // The postgres user must be able to reach the folder: root's TMPDIR may be private.
        return runningAsOtherUser && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    string MakeDatabaseName(string? name)
    {
        var prefix = Regex.Replace((name ?? "t").ToLowerInvariant(), "[^a-z0-9_]", "_");
        if (prefix.Length > 30)
            prefix = prefix[..30];
        // At most 30 + 1 + 10 + 1 + 10 characters: under PostgreSQL's 63.
        var number = Interlocked.Increment(ref databaseCounter).ToString(CultureInfo.InvariantCulture);
        return $"{prefix}_{number}_{Guid.NewGuid().ToString("N")[..10]}";
    }

    static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    static string QuoteLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    static void TryDeleteDirectory(string directory)
    {
        for (var attempt = 0; attempt < 3 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch when (attempt < 2)
            {
                Thread.Sleep(200);
            }
            catch
            {
                // leave it; the next run's sweep gets another chance
            }
        }
    }

    // ------------------------------------------------------------------ processes

    readonly record struct ProcessResult(int ExitCode, string Output);

    static ProcessResult RunTool(string bin, string tool, IReadOnlyList<string> arguments, string? runAs, string workingDirectory, TimeSpan timeout, bool throwIfMissing = true)
    {
        var command = WrapForUser(Path.Combine(bin, tool), arguments, runAs);
        return RunProcess(command[0], command.Skip(1).ToArray(), null, workingDirectory, timeout, throwIfMissing);
    }

    /// <summary>The command line that runs <paramref name="path"/> as <paramref name="runAs"/> (null: as is).</summary>
    static IReadOnlyList<string> WrapForUser(string path, IReadOnlyList<string> arguments, string? runAs)
    {
        if (runAs is null)
            return [path, .. arguments];
        if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser") || File.Exists("/usr/bin/runuser"))
            return ["runuser", "-u", runAs, "--", path, .. arguments];
        return ["su", "-s", "/bin/sh", runAs, "-c", string.Join(' ', new[] { path }.Concat(arguments).Select(ShellQuote))];
    }

    static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    static ProcessResult RunProcess(string fileName, IReadOnlyList<string> arguments, IDictionary<string, string?>? environment, string workingDirectory, TimeSpan timeout, bool throwIfMissing = true)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // Keep a developer's own PG* settings from steering the tools somewhere else.
        foreach (var variable in new[] { "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE", "PGOPTIONS", "PGTZ", "PGCLIENTENCODING" })
            info.Environment.Remove(variable);
        info.Environment["LC_MESSAGES"] = "C";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
                info.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (Exception e) when (!throwIfMissing)
        {
            return new ProcessResult(-1, e.Message);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run {fileName}: {e.Message}", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch
                {
                    // exited meanwhile
                }
                return new ProcessResult(-1, $"{fileName} {string.Join(' ', arguments)} timed out after {timeout.TotalSeconds:0}s");
            }
            // The pipes close when the process exits unless a daemon kept them; never wait forever for that.
            Task.WaitAll([output, error], TimeSpan.FromSeconds(10));
            var text = (output.IsCompletedSuccessfully ? output.Result : "") + (error.IsCompletedSuccessfully ? error.Result : "");
            return new ProcessResult(process.ExitCode, text.Trim());
        }
    }
}
