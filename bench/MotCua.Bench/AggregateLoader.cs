using MotCua.Core.Statistics;
using Npgsql;
using NpgsqlTypes;

namespace MotCua.Bench;

/// <summary>
/// Generates the aggregate rows a province's dossiers would have produced, dossier by dossier (unit by size, procedure by a
/// Zipf law, channel by share, outcome, processing time, rating), and streams them with binary COPY: daily and monthly rows,
/// the province's roll-up rows, officer rows, and the open dossiers (the only dossiers the dashboards read, through the partial index). Before the
/// merger of 2025-07-01 a dossier goes to one of the old units that formed its commune, as it did then.
/// </summary>
public static class AggregateLoader
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2026, 12, 31);
    private static readonly DateOnly Merger = new(2025, 7, 1);
    private const int Officers = 4;

    public static async Task<Generated> LoadAsync(string connectionString, ProvinceUnits province, BenchOptions options)
    {
        var random = new Random(42);
        var communes = province.Communes;
        var unitCumulative = WeightedPick.Cumulative(communes.Select(_ => 0.3 + random.NextDouble() * 1.7));
        var procedureCumulative = WeightedPick.Cumulative(province.Procedures.Select((_, i) => 1.0 / (i + 1)));
        var channelCumulative = WeightedPick.Cumulative([0.55, 0.40, 0.03, 0.02]);   // online, counter, post, back-entry
        var scoreCumulative = WeightedPick.Cumulative([0.03, 0.05, 0.12, 0.30, 0.50]);
        double DayWeight(DateOnly d) => d.DayOfWeek switch { DayOfWeek.Sunday => 0, DayOfWeek.Saturday => 0.2, _ => 1 };
        var totalWeight = Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Sum(i => DayWeight(From.AddDays(i)));

        await using var dailyConnection = await Open(connectionString);
        await using var monthlyConnection = await Open(connectionString);
        await using var officerConnection = await Open(connectionString);
        await using var provinceConnection = await Open(connectionString);
        var columns = string.Join(", ", new[] { "UnitCode", "Day", "ProcedureCode", "Channel" }.Concat(FigureCounts.Names).Select(n => $"\"{n}\""));
        await using var daily = await dailyConnection.BeginBinaryImportAsync($"COPY statistics_daily ({columns}) FROM STDIN (FORMAT BINARY)");
        await using var monthly = await monthlyConnection.BeginBinaryImportAsync($"COPY statistics_monthly ({columns}) FROM STDIN (FORMAT BINARY)");
        var provinceColumns = string.Join(", ", new[] { "ProvinceCode", "UnitCode", "Day", "ProcedureCode", "Channel" }.Concat(FigureCounts.Names)
            .Select(n => $"\"{n}\""));
        await using var provinceRollUp = await provinceConnection.BeginBinaryImportAsync(
            $"COPY statistics_province_monthly ({provinceColumns}) FROM STDIN (FORMAT BINARY)");
        await using var officers = await officerConnection.BeginBinaryImportAsync(
            "COPY statistics_officer_daily (\"UnitCode\", \"Day\", \"UserName\", \"Handled\", \"HandledOnTime\", \"HandledWithSupplement\", \"Rated\", \"RatingSum\") FROM STDIN (FORMAT BINARY)");

        var day = new Dictionary<(string Code, int Procedure, int Channel), long[]>();
        var month = new Dictionary<(string Code, int Procedure, int Channel), long[]>();
        var officerDay = new Dictionary<(string Code, int Officer), long[]>();
        long dossiers = 0, dailyRows = 0, monthlyRows = 0, officerRows = 0, provinceRows = 0;
        double carry = 0;
        for (var d = From; d <= To; d = d.AddDays(1))
        {
            carry += options.Dossiers * DayWeight(d) / totalWeight;
            var count = (long)carry;
            carry -= count;
            for (long i = 0; i < count; i++)
            {
                var commune = communes[WeightedPick.Pick(unitCumulative, random)];
                var lineage = province.Lineage[commune];
                var code = d < Merger ? lineage[random.Next(lineage.Count)] : commune;
                var procedure = WeightedPick.Pick(procedureCumulative, random);
                var channel = WeightedPick.Pick(channelCumulative, random);
                var key = (code, procedure, channel);
                if (!day.TryGetValue(key, out var c)) day[key] = c = new long[FigureCounts.Names.Count];
                c[0]++;
                if (random.NextDouble() < 0.06) c[5]++;
                if (random.NextDouble() < 0.02) c[6]++;
                if (random.NextDouble() < 0.01) c[7]++;
                if (random.NextDouble() < 0.015) c[8]++;
                if (random.NextDouble() >= 0.92) continue;
                var onTime = random.NextDouble() < 0.88;
                c[1]++;
                c[onTime ? 2 : 3]++;
                var minutes = (long)((double)province.Procedures[procedure].Days * 540 * (0.2 + random.NextDouble() * 1.1));
                c[4] += minutes;
                c[16 + ProcessingTimeBuckets.BucketOf(minutes, 540)]++;
                var officerKey = (code, random.Next(Officers));
                if (!officerDay.TryGetValue(officerKey, out var o)) officerDay[officerKey] = o = new long[5];
                o[0]++;
                if (onTime) o[1]++;
                if (random.NextDouble() < 0.06) o[2]++;
                if (random.NextDouble() < 0.35)
                {
                    var score = WeightedPick.Pick(scoreCumulative, random) + 1;
                    c[9]++;
                    c[10] += score;
                    c[10 + score]++;
                    o[3]++;
                    o[4] += score;
                }
            }
            dossiers += count;
            foreach (var (key, counts) in day)
            {
                await WriteCounts(daily, key.Code, d, province.Procedures[key.Procedure].Code, key.Channel, counts);
                dailyRows++;
                if (!month.TryGetValue(key, out var m)) month[key] = m = new long[counts.Length];
                for (var k = 0; k < counts.Length; k++) m[k] += counts[k];
            }
            foreach (var (key, o) in officerDay)
            {
                await officers.StartRowAsync();
                await officers.WriteAsync(key.Code, NpgsqlDbType.Varchar);
                await officers.WriteAsync(d, NpgsqlDbType.Date);
                await officers.WriteAsync($"can-bo-{key.Code}-{key.Officer}", NpgsqlDbType.Varchar);
                foreach (var v in o) await officers.WriteAsync(v, NpgsqlDbType.Bigint);
                officerRows++;
            }
            day.Clear();
            officerDay.Clear();
            if (d.AddDays(1).Day == 1)
            {
                var first = new DateOnly(d.Year, d.Month, 1);
                foreach (var (key, counts) in month)
                    await WriteCounts(monthly, key.Code, first, province.Procedures[key.Procedure].Code, key.Channel, counts);
                monthlyRows += month.Count;
                // The province roll-up the same upserts keep: per procedure × channel and per unit code × channel.
                var rollUp = month.GroupBy(kv => ("", province.Procedures[kv.Key.Procedure].Code, kv.Key.Channel))
                    .Concat(month.GroupBy(kv => (kv.Key.Code, "", kv.Key.Channel)));
                foreach (var g in rollUp)
                {
                    var sum = new long[FigureCounts.Names.Count];
                    foreach (var (_, counts) in g) for (var k = 0; k < sum.Length; k++) sum[k] += counts[k];
                    await provinceRollUp.StartRowAsync();
                    await provinceRollUp.WriteAsync(options.Province, NpgsqlDbType.Varchar);
                    await WriteCounts(provinceRollUp, g.Key.Item1, first, g.Key.Item2, g.Key.Channel, sum, startRow: false);
                    provinceRows++;
                }
                month.Clear();
            }
        }
        await daily.CompleteAsync();
        await monthly.CompleteAsync();
        await officers.CompleteAsync();
        await provinceRollUp.CompleteAsync();

        var open = await LoadOpenDossiersAsync(connectionString, province, options.Dossiers / 73, random, unitCumulative, procedureCumulative);
        return new Generated(dossiers, dailyRows, monthlyRows, provinceRows, officerRows, open);
    }

    /// <summary>About ten days of intake still open at the end of 2026, some waiting for a supplement, some overdue.</summary>
    private static async Task<long> LoadOpenDossiersAsync(string connectionString, ProvinceUnits province, long count, Random random,
        double[] unitCumulative, double[] procedureCumulative)
    {
        await using var connection = await Open(connectionString);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY dossiers (\"Code\", \"ProcedureVersionId\", \"ProcedureCode\", \"UnitCode\", \"ReceivingUnitCode\", \"Channel\", \"Status\", " +
            "\"Outcome\", \"ReceivedAt\", \"RecordedAt\", \"DueAt\", \"ClockStoppedAt\", \"SupplementCount\", \"ApplicantNameFolded\", " +
            "\"FormDataJson\", \"ReceivedBy\", \"Version\", \"UpdatedAt\", applicant_full_name, applicant_id_number) FROM STDIN (FORMAT BINARY)");
        var end = new DateTimeOffset(2026, 12, 31, 3, 0, 0, TimeSpan.Zero);
        for (long i = 0; i < count; i++)
        {
            var unit = province.Communes[WeightedPick.Pick(unitCumulative, random)];
            var procedure = province.Procedures[WeightedPick.Pick(procedureCumulative, random)];
            var received = end.AddMinutes(-random.Next(20 * 24 * 60));
            var due = received.AddDays((double)procedure.Days * 1.4 + 0.5);
            DateTimeOffset? stopped = random.NextDouble() < 0.05 ? received.AddHours(2) : null;
            await copy.StartRowAsync();
            await copy.WriteAsync($"BENCH-{i:D9}", NpgsqlDbType.Varchar);
            await copy.WriteAsync(procedure.VersionId, NpgsqlDbType.Integer);
            await copy.WriteAsync(procedure.Code, NpgsqlDbType.Varchar);
            await copy.WriteAsync(unit, NpgsqlDbType.Varchar);
            await copy.WriteAsync(unit, NpgsqlDbType.Varchar);
            await copy.WriteAsync(random.Next(2), NpgsqlDbType.Integer);
            await copy.WriteAsync(stopped is null ? random.Next(3) : 3, NpgsqlDbType.Integer);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            await copy.WriteAsync(received, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(received, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(due, NpgsqlDbType.TimestampTz);
            if (stopped is { } s) await copy.WriteAsync(s, NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
            await copy.WriteAsync(stopped is null ? 0 : 1, NpgsqlDbType.Integer);
            await copy.WriteAsync("nguyen van a", NpgsqlDbType.Varchar);
            await copy.WriteAsync("{}", NpgsqlDbType.Text);
            await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
            await copy.WriteAsync(1, NpgsqlDbType.Integer);
            await copy.WriteAsync(received, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("Nguyễn Văn A", NpgsqlDbType.Varchar);
            await copy.WriteAsync("091095001234", NpgsqlDbType.Varchar);
        }
        await copy.CompleteAsync();
        return count;
    }

    private static async Task WriteCounts(NpgsqlBinaryImporter copy, string code, DateOnly day, string procedure, int channel, long[] counts,
        bool startRow = true)
    {
        if (startRow) await copy.StartRowAsync();
        await copy.WriteAsync(code, NpgsqlDbType.Varchar);
        await copy.WriteAsync(day, NpgsqlDbType.Date);
        await copy.WriteAsync(procedure, NpgsqlDbType.Varchar);
        await copy.WriteAsync(channel, NpgsqlDbType.Integer);
        foreach (var v in counts) await copy.WriteAsync(v, NpgsqlDbType.Bigint);
    }

    private static async Task<NpgsqlConnection> Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
