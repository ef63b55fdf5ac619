using MotCua.Bench;
using System.Diagnostics;
using System.Globalization;
using Bogus;
using MotCua.Core.Dossiers;
using MotCua.Core.Statistics;
using MotCua.Core.Units;
using MotCua.Data.Protection;
using MotCua.Registers.Bench;
using Npgsql;
using NpgsqlTypes;

namespace MotCua.Bench.Scale;

/// <summary>A commune of the generated province: its code, its electronic agency code, its share of the intake.</summary>
public sealed record GeneratedUnit(string Code, string AgencyCode, double Weight);

/// <summary>A procedure version in force: the generated dossiers refer to it as intake does.</summary>
public sealed record GeneratedProcedure(string Code, int VersionId, decimal ProcessingDays);

public sealed record GeneratorReport(long Dossiers, long HistoryRows, long StatisticsRows, double LoadSeconds, double IndexSeconds,
    double AnalyzeSeconds, double DossiersPerSecond, long DossiersBytes, long HistoryBytes, IReadOnlyList<string> SampleCodes);
// SampleCodes: "code|ID number" of about one dossier in 2,000, for public tracking.

/// <summary>
/// Writes N dossiers of a province straight into PostgreSQL with binary COPY, as if they had been received from
/// <c>from</c> to <c>to</c>: realistic applicants (family names with their real frequency, Bogus' vi locale for streets and
/// phones), ID numbers encrypted with the app's own <see cref="PersonalDataCipher"/> and their keyed lookup hash, procedures by a
/// Zipf law, channels by share, states by age (settled, most on time; the last weeks still open), the control sheet lines of
/// each dossier, and the daily and monthly statistics rows of what was received and resolved (so the app does not rebuild
/// the aggregates at start). Secondary indexes are dropped during the load and built afterwards, as pg_restore does.
/// The work is split by unit over <c>parallel</c> writers (codes are numbered per unit and day, so no two writers share a counter).
/// </summary>
public sealed class DossierGenerator(string connectionString, IReadOnlyList<GeneratedUnit> units, IReadOnlyList<GeneratedProcedure> procedures,
    PersonalDataCipher cipher, DateOnly from, DateOnly to, int parallel)
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);
    private static readonly string[] Tables = ["dossiers", "dossier_history"];
    private long _nextId;

    public async Task<GeneratorReport> LoadAsync(long count, string provinceCode, Action<string> progress)
    {
        var indexes = await DropSecondaryIndexesAsync();
        var load = Stopwatch.StartNew();
        var totalWeight = units.Sum(u => u.Weight);
        var shares = Enumerable.Range(0, parallel).Select(w => units.Where((_, i) => i % parallel == w).ToList()).ToList();
        var done = new long[parallel];
        var history = new long[parallel];
        var statistics = new long[parallel];
        var samples = new List<string>[parallel];
        using var ticker = new Timer(_ => progress($"  {done.Sum():N0} dossiers, {load.Elapsed.TotalSeconds:0} s"), null, 15_000, 15_000);
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(w => Task.Run(async () =>
        {
            var mine = shares[w];
            var target = (long)Math.Round(count * mine.Sum(u => u.Weight) / totalWeight);
            (history[w], statistics[w], samples[w]) = await WriteShareAsync(w, mine, target, n => Volatile.Write(ref done[w], n));
        })));
        load.Stop();
        var total = done.Sum();

        var build = Stopwatch.StartNew();
        progress($"Loaded {total:N0} dossiers in {load.Elapsed.TotalSeconds:0} s; building {indexes.Count} indexes…");
        await RecreateIndexesAsync(indexes);
        build.Stop();
        // The province roll-up the dashboards read (docs/statistics.md): per month × procedure and per month × unit. Every
        // generated unit is a current commune of the province, so the roll-up is the sum of its monthly rows.
        var sums = string.Join(", ", FigureCounts.Names.Select(n => $"sum(\"{n}\")"));
        var columns = string.Join(", ", FigureCounts.Names.Select(n => $"\"{n}\""));
        await ExecuteAsync(
            $"INSERT INTO statistics_province_monthly (\"ProvinceCode\", \"Day\", \"UnitCode\", \"ProcedureCode\", \"Channel\", {columns}) " +
            $"SELECT '{provinceCode}', \"Day\", '', \"ProcedureCode\", \"Channel\", {sums} FROM statistics_monthly GROUP BY \"Day\", \"ProcedureCode\", \"Channel\" " +
            $"UNION ALL SELECT '{provinceCode}', \"Day\", \"UnitCode\", '', \"Channel\", {sums} FROM statistics_monthly GROUP BY \"Day\", \"UnitCode\", \"Channel\"");
        var analyze = Stopwatch.StartNew();
        // VACUUM sets the visibility map of the dossiers, as autovacuum keeps it for a table of mostly settled dossiers: the
        // work queue's capped count is then an index-only scan (without it every counted entry visits the heap). The other
        // loaded tables too: otherwise autovacuum's insert-triggered vacuum of the 67 M history rows of a 10 M load (12 GB)
        // ran during the measurements (2026-12-07: pgbench then cost 5.1 ms of server CPU per transaction), which a
        // database that grew over years does not have.
        await ExecuteAsync("VACUUM (ANALYZE) dossiers");
        // (One command each: VACUUM cannot run in the implicit transaction of a multi-statement command.)
        foreach (var table in new[] { "dossier_history", "statistics_daily", "statistics_monthly", "statistics_province_monthly" })
            await ExecuteAsync($"VACUUM (ANALYZE) {table}");
        analyze.Stop();
        var sizes = await SizesAsync();
        return new GeneratorReport(total, history.Sum(), statistics.Sum(), Math.Round(load.Elapsed.TotalSeconds, 1),
            Math.Round(build.Elapsed.TotalSeconds, 1), Math.Round(analyze.Elapsed.TotalSeconds, 1),
            Math.Round(total / load.Elapsed.TotalSeconds), sizes[0], sizes[1], [.. samples.SelectMany(s => s)]);
    }

    private async Task<(long History, long Statistics, List<string> Samples)> WriteShareAsync(int worker, List<GeneratedUnit> mine, long target,
        Action<long> reportDone)
    {
        var random = new Random(1000 + worker);
        var names = new RegisterEntryGenerator(2000 + worker);
        var faker = new Faker("vi") { Random = new Randomizer(3000 + worker) };
        var streets = Enumerable.Range(0, 500).Select(_ => faker.Address.StreetName()).ToArray();
        var phones = Enumerable.Range(0, 500).Select(_ => "09" + faker.Random.ReplaceNumbers("########")).ToArray();
        var unitCumulative = WeightedPick.Cumulative(mine.Select(u => u.Weight));
        var procedureCumulative = WeightedPick.Cumulative(procedures.Select((_, i) => 1.0 / (i + 1)));
        var channelCumulative = WeightedPick.Cumulative([0.55, 0.40, 0.03, 0.02]);
        static double DayWeight(DateOnly d) => d.DayOfWeek switch { DayOfWeek.Sunday => 0, DayOfWeek.Saturday => 0.2, _ => 1 };
        var totalWeight = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Sum(i => DayWeight(from.AddDays(i)));
        var lastDay = new DateTimeOffset(to.ToDateTime(new TimeOnly(17, 0)), VietnamOffset);

        await using var dossierConnection = await OpenAsync();
        await using var historyConnection = await OpenAsync();
        await using var dailyConnection = await OpenAsync();
        await using var monthlyConnection = await OpenAsync();
        await using var dossiers = await dossierConnection.BeginBinaryImportAsync(
            """
            COPY dossiers ("Id", "Code", "ProcedureVersionId", "ProcedureCode", "UnitCode", "ReceivingUnitCode", "ReceptionPointCode",
              "Channel", "Status", "Outcome", "ReceivedAt", "RecordedAt", "DueAt", "SupplementCount", "CompletedAt", "ReturnedAt",
              "Assignee", "ApplicantNameFolded", "FormDataJson", "OwnerUserName", "ReceivedBy", "Version", "UpdatedAt", "PapersChecked",
              applicant_full_name, applicant_id_number, applicant_date_of_birth, applicant_phone, applicant_address, applicant_id_hash)
            FROM STDIN (FORMAT BINARY)
            """);
        await using var lines = await historyConnection.BeginBinaryImportAsync(
            "COPY dossier_history (\"DossierId\", \"Sequence\", \"At\", \"Actor\", \"Action\", \"FromStatus\", \"ToStatus\", \"Note\", \"Assignee\") FROM STDIN (FORMAT BINARY)");
        var counterColumns = string.Join(", ", new[] { "UnitCode", "Day", "ProcedureCode", "Channel" }.Concat(FigureCounts.Names).Select(n => $"\"{n}\""));
        await using var daily = await dailyConnection.BeginBinaryImportAsync($"COPY statistics_daily ({counterColumns}) FROM STDIN (FORMAT BINARY)");
        await using var monthly = await monthlyConnection.BeginBinaryImportAsync($"COPY statistics_monthly ({counterColumns}) FROM STDIN (FORMAT BINARY)");

        var day = new Dictionary<(string Unit, int Procedure, int Channel), long[]>();
        var month = new Dictionary<(string Unit, int Procedure, int Channel), long[]>();
        var serials = new Dictionary<string, int>();
        var samples = new List<string>();
        long written = 0, historyRows = 0, statisticsRows = 0;
        double carry = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            carry += target * DayWeight(d) / totalWeight;
            var n = (long)carry;
            carry -= n;
            serials.Clear();
            for (long i = 0; i < n; i++)
            {
                var unit = mine[WeightedPick.Pick(unitCumulative, random)];
                var procedureIndex = WeightedPick.Pick(procedureCumulative, random);
                var procedure = procedures[procedureIndex];
                var channel = (IntakeChannel)WeightedPick.Pick(channelCumulative, random);
                var serial = serials[unit.Code] = serials.GetValueOrDefault(unit.Code) + 1;
                var code = DossierCode.Format(unit.AgencyCode, d, serial);
                var received = new DateTimeOffset(d.ToDateTime(new TimeOnly(7, 30)), VietnamOffset).AddMinutes(random.Next(9 * 60)).ToUniversalTime();
                var due = received.AddDays((double)procedure.ProcessingDays * 1.4 + 0.5);
                var age = (lastDay - received).TotalDays;
                var settled = age > (double)procedure.ProcessingDays * 1.4 + 5 || random.NextDouble() < 0.5;
                var late = random.NextDouble() < 0.06;
                var completed = settled ? (late ? due.AddHours(4 + random.Next(200)) : received.AddMinutes((due - received).TotalMinutes * (0.2 + 0.75 * random.NextDouble()))) : (DateTimeOffset?)null;
                if (completed > lastDay) { completed = null; settled = false; }
                var roll = random.NextDouble();
                var status = !settled
                    ? (DossierStatus)random.Next(0, 5)
                    : roll < 0.03 ? DossierStatus.Rejected : roll < 0.05 ? DossierStatus.Withdrawn : roll < 0.12 ? DossierStatus.ResultReady : DossierStatus.Returned;
                if (status is DossierStatus.Withdrawn) completed = null;
                var outcome = status switch
                {
                    DossierStatus.Rejected => DossierOutcome.Rejected,
                    DossierStatus.Returned or DossierStatus.ResultReady => DossierOutcome.Approved,
                    _ => DossierOutcome.None,
                };
                var male = random.Next(2) == 0;
                var fullName = names.Name(male);
                var born = new DateOnly(1950 + random.Next(56), 1 + random.Next(12), 1 + random.Next(28));
                var idNumber = $"0{random.Next(1, 97):D2}{(born.Year >= 2000 ? 2 : 0) + (male ? 0 : 1)}{born.Year % 100:D2}{random.Next(1_000_000):D6}";
                var officer = $"officer.{unit.Code}";
                var specialist = $"specialist.{unit.Code}";
                var online = channel == IntakeChannel.Online;
                var owner = online ? $"cd{idNumber}" : null;
                var steps = History(status, received, completed, random);
                var id = Interlocked.Increment(ref _nextId);

                dossiers.StartRow();
                dossiers.Write(id, NpgsqlDbType.Bigint);
                dossiers.Write(code, NpgsqlDbType.Varchar);
                dossiers.Write(procedure.VersionId, NpgsqlDbType.Integer);
                dossiers.Write(procedure.Code, NpgsqlDbType.Varchar);
                dossiers.Write(unit.Code, NpgsqlDbType.Varchar);
                dossiers.Write(unit.Code, NpgsqlDbType.Varchar);
                if (online) dossiers.WriteNull(); else dossiers.Write($"{unit.Code}-01", NpgsqlDbType.Varchar);
                dossiers.Write((int)channel, NpgsqlDbType.Integer);
                dossiers.Write((int)status, NpgsqlDbType.Integer);
                dossiers.Write((int)outcome, NpgsqlDbType.Integer);
                dossiers.Write(received, NpgsqlDbType.TimestampTz);
                dossiers.Write(received, NpgsqlDbType.TimestampTz);
                dossiers.Write(due, NpgsqlDbType.TimestampTz);
                dossiers.Write(0, NpgsqlDbType.Integer);
                WriteNullable(dossiers, completed);
                WriteNullable(dossiers, status == DossierStatus.Returned ? completed?.AddDays(1 + random.Next(5)) : null);
                if (status is DossierStatus.Received) dossiers.WriteNull(); else dossiers.Write(specialist, NpgsqlDbType.Varchar);
                dossiers.Write(VietnameseText.Fold(fullName), NpgsqlDbType.Varchar);
                dossiers.Write(cipher.Protect($"{{\"noiDung\":\"Hồ sơ {procedure.Code}\"}}"), NpgsqlDbType.Text);
                if (owner is null) dossiers.WriteNull(); else dossiers.Write(owner, NpgsqlDbType.Varchar);
                dossiers.Write(online ? owner! : officer, NpgsqlDbType.Varchar);
                dossiers.Write(steps.Count - 1, NpgsqlDbType.Integer);
                dossiers.Write(steps[^1].At, NpgsqlDbType.TimestampTz);
                dossiers.Write(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                dossiers.Write(fullName, NpgsqlDbType.Varchar);
                dossiers.Write(cipher.Protect(idNumber), NpgsqlDbType.Varchar);
                dossiers.Write(born, NpgsqlDbType.Date);
                dossiers.Write(phones[random.Next(phones.Length)], NpgsqlDbType.Varchar);
                dossiers.Write($"{1 + random.Next(300)} {streets[random.Next(streets.Length)]}", NpgsqlDbType.Varchar);
                dossiers.Write(cipher.LookupHash(idNumber), NpgsqlDbType.Varchar);

                for (var s = 0; s < steps.Count; s++)
                {
                    var (action, at, fromStatus, toStatus) = steps[s];
                    lines.StartRow();
                    lines.Write(id, NpgsqlDbType.Bigint);
                    lines.Write(s + 1, NpgsqlDbType.Integer);
                    lines.Write(at, NpgsqlDbType.TimestampTz);
                    lines.Write(s == 0 ? (online ? owner! : officer) : action == "Assign" ? officer : specialist, NpgsqlDbType.Varchar);
                    lines.Write(action, NpgsqlDbType.Varchar);
                    if (fromStatus is { } f) lines.Write((int)f, NpgsqlDbType.Integer); else lines.WriteNull();
                    lines.Write((int)toStatus, NpgsqlDbType.Integer);
                    lines.WriteNull();
                    if (action == "Assign") lines.Write(specialist, NpgsqlDbType.Varchar); else lines.WriteNull();
                }
                historyRows += steps.Count;

                var key = (unit.Code, procedureIndex, (int)channel);
                Count(day, key, received: 1);
                Count(month, key, received: 1);
                if (completed is { } c && status is not DossierStatus.Rejected)
                {
                    // Resolved counts on the day of the result; close enough for a load test to count it with the receipt.
                    Count(day, key, resolved: 1, onTime: c <= due ? 1 : 0);
                    Count(month, key, resolved: 1, onTime: c <= due ? 1 : 0);
                }
                if (random.Next(2000) == 0 && samples.Count < 20_000) samples.Add($"{code}|{idNumber}");
                if (++written % 10_000 == 0) reportDone(written);
            }
            statisticsRows += await WriteCountsAsync(daily, d, day);
            if (d.AddDays(1).Day == 1 || d == to) statisticsRows += await WriteCountsAsync(monthly, new DateOnly(d.Year, d.Month, 1), month);
        }
        await dossiers.CompleteAsync();
        await lines.CompleteAsync();
        reportDone(written);

        await daily.CompleteAsync();
        await monthly.CompleteAsync();
        return (historyRows, statisticsRows, samples);
    }

    /// <summary>The control sheet of a dossier in the given state: receipt, then the steps that led there.</summary>
    private static List<(string Action, DateTimeOffset At, DossierStatus? From, DossierStatus To)> History(DossierStatus status,
        DateTimeOffset received, DateTimeOffset? completed, Random random)
    {
        var steps = new List<(string, DateTimeOffset, DossierStatus?, DossierStatus)> { ("Receive", received, null, DossierStatus.Received) };
        var end = completed ?? received.AddHours(2 + random.Next(48));
        var span = end - received;
        DateTimeOffset At(double share) => received + span * share;
        if (status == DossierStatus.Received) return steps;
        if (status == DossierStatus.Withdrawn) { steps.Add(("Withdraw", At(0.5), DossierStatus.Received, DossierStatus.Withdrawn)); return steps; }
        steps.Add(("Assign", At(0.1), DossierStatus.Received, DossierStatus.Assigned));
        if (status == DossierStatus.Assigned) return steps;
        steps.Add(("StartProcessing", At(0.2), DossierStatus.Assigned, DossierStatus.Processing));
        if (status == DossierStatus.Processing) return steps;
        if (status == DossierStatus.SupplementRequested)
        {
            steps.Add(("RequestSupplement", At(0.4), DossierStatus.Processing, DossierStatus.SupplementRequested));
            return steps;
        }
        if (status == DossierStatus.Rejected) { steps.Add(("Reject", At(1), DossierStatus.Processing, DossierStatus.Rejected)); return steps; }
        steps.Add(("SubmitForApproval", At(0.6), DossierStatus.Processing, DossierStatus.AwaitingApproval));
        if (status == DossierStatus.AwaitingApproval) return steps;
        steps.Add(("Approve", At(0.9), DossierStatus.AwaitingApproval, DossierStatus.Approved));
        steps.Add(("MarkResultReady", At(1), DossierStatus.Approved, DossierStatus.ResultReady));
        if (status == DossierStatus.Returned) steps.Add(("ReturnResult", end.AddDays(1), DossierStatus.ResultReady, DossierStatus.Returned));
        return steps;
    }

    private static void Count(Dictionary<(string, int, int), long[]> rows, (string, int, int) key, int received = 0, int resolved = 0, int onTime = 0)
    {
        if (!rows.TryGetValue(key, out var counts)) rows[key] = counts = new long[FigureCounts.Names.Count];
        counts[0] += received;
        counts[1] += resolved;
        counts[2] += onTime;
        counts[3] += resolved - onTime;
    }

    private async Task<long> WriteCountsAsync(NpgsqlBinaryImporter copy, DateOnly rowDay, Dictionary<(string Unit, int Procedure, int Channel), long[]> rows)
    {
        foreach (var (key, counts) in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(key.Unit, NpgsqlDbType.Varchar);
            await copy.WriteAsync(rowDay, NpgsqlDbType.Date);
            await copy.WriteAsync(procedures[key.Procedure].Code, NpgsqlDbType.Varchar);
            await copy.WriteAsync(key.Channel, NpgsqlDbType.Integer);
            foreach (var v in counts) await copy.WriteAsync(v, NpgsqlDbType.Bigint);
        }
        long n = rows.Count;
        rows.Clear();
        return n;
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, DateTimeOffset? value)
    {
        if (value is { } v) copy.Write(v, NpgsqlDbType.TimestampTz); else copy.WriteNull();
    }

    private async Task<List<string>> DropSecondaryIndexesAsync()
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var connection = await OpenAsync())
        await using (var command = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY(@tables) " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", connection))
        {
            command.Parameters.AddWithValue("tables", Tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions) await ExecuteAsync($"DROP INDEX \"{name}\"");
        return [.. definitions.Select(d => d.Definition)];
    }

    private async Task RecreateIndexesAsync(List<string> definitions)
    {
        // Two at a time (this machine has two cores), each with a generous sort memory.
        await Parallel.ForEachAsync(definitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, async (definition, _) =>
            await ExecuteAsync($"SET maintenance_work_mem = '512MB'; {definition}"));
        await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('dossiers', 'Id'), {Math.Max(1, _nextId)})");
    }

    private async Task<long[]> SizesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_total_relation_size('dossiers'), pg_total_relation_size('dossier_history')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [reader.GetInt64(0), reader.GetInt64(1)];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Foreign keys are not checked row by row during the load (every DossierId written here exists), as pg_restore does.
        await using var command = new NpgsqlCommand("SET session_replication_role = replica; SET synchronous_commit = off", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }


    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
