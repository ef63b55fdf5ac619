using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Core.Statistics;
using MotCua.Data.Statistics;
using MotCua.Web.Calendar;
using MotCua.Web.Statistics;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Statistics;

/// <summary>
/// A known set of dossiers in Xã Nhơn Hội (30346, formed on 2025-07-01 from old Nhơn Hội 30349 and Quốc Thái 30346) and Xã
/// Phú Hữu (30352), An Giang, in the week of 10 May 2027 (no other test uses that week or these units), and every figure of
/// the unit, of the merged-away unit and of the province, through the API. Then the rebuild gives the same rows.
/// </summary>
public abstract class StatisticsApiTests(MotCuaApp app) : ApiTestBase(app)
{
    private const string NhonHoi = "30346";
    private const string OldNhonHoi = "30349";
    private const string PhuHuu = "30352";
    private const string OldCode = "000.00.99.H91-250610-0001";
    private const string Week = "from=2027-05-10&to=2027-05-14";

    private async Task StaffAsync()
    {
        await App.EnsureUserAsync("st-officer", "Officer", NhonHoi, AnGiang);
        await App.EnsureUserAsync("st-spec", "Specialist", NhonHoi, AnGiang);
        await App.EnsureUserAsync("st-leader", "Leader", NhonHoi, AnGiang);
    }

    private async Task<JsonObject> SettleAsync(JsonObject d)
    {
        d = await ActOkAsync("st-officer", d, "assign", assignee: "st-spec");
        d = await ActOkAsync("st-spec", d, "startProcessing");
        d = await ActOkAsync("st-spec", d, "submitForApproval");
        d = await ActOkAsync("st-leader", d, "approve");
        return await ActOkAsync("st-officer", d, "markResultReady");
    }

    private async Task RateAsync(string user, JsonObject d, int score)
    {
        using var client = await App.ClientAsync(user);
        await ExpectAsync(await client.PostAsJsonAsync($"/api/v1/dossiers/{Code(d)}/rating", new { score }), HttpStatusCode.OK);
    }

    /// <summary>Builds the known set once per database (the collection's app is shared; the figures are additive).</summary>
    private async Task KnownSetAsync()
    {
        if (App.WithDb(db => db.Dossiers.Any(d => d.Code == OldCode))) return;
        await StaffAsync();
        App.Clock.SetVietnamTime(2027, 5, 10, 9);
        var a = await ReceiveAsync(MaritalStatus, "st-officer", unit: NhonHoi);                  // counter, settled on time, rated 5
        var b = await ReceiveAsync(BirthRegistration, "citizen", "online", NhonHoi);              // online, settled late, rated 2
        var c = await ReceiveAsync(MaritalStatus, "citizen", "online", NhonHoi);                  // online, waiting for a supplement
        var d = await ReceiveAsync(CopyCertification, "st-officer", unit: NhonHoi);               // counter, rejected, result on time
        var e = await ReceiveAsync(BirthRegistration, "st-officer", unit: NhonHoi);               // counter, withdrawn
        var f = await ReceiveAsync(BirthRegistration, "st-officer", unit: NhonHoi);               // counter, overdue, apologized

        App.Clock.SetVietnamTime(2027, 5, 10, 10);
        await ActOkAsync("st-officer", c, "requestSupplement", note: "Thiếu giấy tờ");
        App.Clock.SetVietnamTime(2027, 5, 10, 11);
        d = await ActOkAsync("st-officer", d, "reject", note: "Không thuộc thẩm quyền");
        App.Clock.SetVietnamTime(2027, 5, 10, 11, 30);
        d = await ActOkAsync("st-officer", d, "markResultReady");
        App.Clock.SetVietnamTime(2027, 5, 10, 12);
        await ActOkAsync("st-officer", e, "withdraw");

        App.Clock.SetVietnamTime(2027, 5, 11, 9);
        a = await SettleAsync(a);
        await RateAsync("st-officer", a, 5);
        App.Clock.SetVietnamTime(2027, 5, 12, 10);
        b = await SettleAsync(b);
        await RateAsync("citizen", b, 2);
        App.Clock.SetVietnamTime(2027, 5, 12, 9);
        await ReceiveAsync(MaritalStatus, "citizen", "online", PhuHuu);                           // other unit, within time

        App.Clock.SetVietnamTime(2027, 5, 13, 9);
        await ReceiveAsync(MaritalStatus, "st-officer", unit: NhonHoi);                          // counter, within time
        await ActOkAsync("st-officer", f, "apologize", note: "Chờ xác minh", newDueAt: Vn(2027, 5, 14, 9));

        // A dossier of old Nhơn Hội, before the merger: written as the intake writes it, with the same observers.
        App.Clock.SetVietnamTime(2025, 6, 10, 9);
        await OldUnitDossierAsync();
    }

    private async Task OldUnitDossierAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarProvider>().GetAsync();
        var version = await db.ProcedureVersions.Where(v => v.ProcedureCode == BirthRegistration).OrderBy(v => v.Id).FirstAsync();
        var at = Vn(2025, 6, 10, 9);
        var dossier = Dossier.Receive(new DossierIntake(OldCode, version.Id, BirthRegistration, 1m, null, OldNhonHoi,
            OldNhonHoi, null, IntakeChannel.Counter, at, new Applicant { FullName = "Lê Văn Cũ", IdNumber = "091095009999" }, "{}", null,
            "old-officer"), calendar, at);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Dossiers.Add(dossier);
            ActivatorUtilities.CreateInstance<StatisticsRecorder>(scope.ServiceProvider).Received(db, dossier, null!);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        });
    }

    private async Task<JsonObject> FiguresAsync(string user, string query)
    {
        using var client = await App.ClientAsync(user);
        var response = await client.GetAsync($"/api/v1/statistics/figures?{query}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static long L(JsonNode? n, string p) => n![p]!.GetValue<long>();
    private static decimal? D(JsonNode? n, string p) => n![p]?.GetValue<decimal>();

    [Fact]
    public async Task Ratings_of_one_dossier_sent_at_the_same_moment_count_once()
    {
        // The check for an earlier rating and the unique index behind it: whichever of several simultaneous ratings saves
        // first counts; the others get 409 and add nothing to the figures (on PostgreSQL the rating commits with its save's
        // command, and a refused one never reaches that COMMIT).
        await StaffAsync();
        var d = await SettleAsync(await ReceiveAsync(MaritalStatus, "st-officer", unit: NhonHoi));
        long RatedInUnit() => App.WithDb(db => db.StatisticsDays.Where(r => r.UnitCode == NhonHoi).Sum(r => r.Counts.Rated));
        var before = RatedInUnit();
        using var first = await App.ClientAsync("st-officer");
        using var second = await App.ClientAsync("st-officer");
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? first : second).PostAsJsonAsync($"/api/v1/dossiers/{Code(d)}/rating", new { score = 1 + i % 5 })));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var code = Code(d);
        Assert.Equal(1, App.WithDb(db => db.DossierRatings.Count(r => db.Dossiers.Any(x => x.Id == r.DossierId && x.Code == code))));
        Assert.Equal(before + 1, RatedInUnit());
    }

    [Fact]
    public async Task Every_figure_of_a_unit_a_merged_unit_and_the_province_is_right()
    {
        await KnownSetAsync();
        App.Clock.SetVietnamTime(2027, 5, 14, 10);

        var unit = await FiguresAsync("st-officer", $"unit={NhonHoi}&{Week}");
        var t = unit["totals"]!;
        Assert.Equal(7, L(t, "received"));
        Assert.Equal(2, L(t, "receivedOnline"));
        Assert.Equal(0.2857m, D(t, "onlineShare"));
        Assert.Equal(5, t["receivedByChannel"]!["counter"]!.GetValue<long>());
        Assert.Equal(3, L(t, "resolved"));
        Assert.Equal(2, L(t, "resolvedOnTime"));
        Assert.Equal(1, L(t, "resolvedLate"));
        Assert.Equal(0.6667m, D(t, "onTimeRate"));
        Assert.Equal(2, L(t, "pendingWithinTime"));   // c (clock stopped) and g
        Assert.Equal(2, L(t, "pendingOverdue"));      // f, and old Nhơn Hội's dossier of June 2025, still open
        Assert.Equal(1, L(t, "supplementRequests"));
        Assert.Equal(1, L(t, "rejections"));
        Assert.Equal(1, L(t, "withdrawals"));
        Assert.Equal(1, L(t, "apologies"));
        // a: Mon 09:00 → Tue 09:00 = 1 day; b: Mon 09:00 → Wed 10:00 = 19 h; d: 2.5 h. (540 + 1140 + 150) / 3 / 540.
        Assert.Equal(1.13m, D(t, "averageProcessingDays"));
        Assert.Equal(3m, D(t, "p90ProcessingDays"));
        Assert.Equal(2, L(t, "rated"));
        Assert.Equal(3.5m, D(t, "averageRating"));
        Assert.Equal(new long[] { 0, 1, 0, 0, 1 }, t["ratingDistribution"]!.AsArray().Select(x => x!.GetValue<long>()));
        Assert.Equal([NhonHoi, OldNhonHoi], unit["unitCodes"]!.AsArray().Select(x => x!.GetValue<string>()).Order());

        var marital = unit["byProcedure"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == MaritalStatus)!;
        Assert.Equal(3, L(marital["figures"], "received"));
        Assert.Equal(1, L(marital["figures"], "resolvedOnTime"));
        Assert.Equal($"/api/v1/dossiers?unit={NhonHoi}&procedure={MaritalStatus}&receivedFrom=2027-05-10&receivedTo=2027-05-14",
            marital["dossiersLink"]!.GetValue<string>());
        Assert.Equal(7, unit["byField"]!.AsArray().Sum(f => L(f!["figures"], "received")));

        var officers = unit["byOfficer"]!.AsArray().ToDictionary(o => o!["userName"]!.GetValue<string>());
        Assert.Equal(2, L(officers["st-spec"], "handled"));
        Assert.Equal(0.5m, D(officers["st-spec"], "onTimeRate"));
        Assert.Equal(0m, D(officers["st-spec"], "supplementRate"));
        Assert.Equal(3.5m, D(officers["st-spec"], "averageRating"));
        Assert.Equal(1, L(officers["st-officer"], "handled"));   // d, made ready without an assignee
        Assert.Equal(1m, D(officers["st-officer"], "onTimeRate"));

        var trend = unit["trend"]!.AsArray();
        Assert.Equal("day", unit["grain"]!.GetValue<string>());
        Assert.Equal(6, L(trend.Single(p => p!["start"]!.GetValue<string>() == "2027-05-10"), "received"));

        // Service index: progress 2 on time of (3 settled + 2 overdue) → 8; online 2/7 of the 50% → 12.57; digitization
        // (online share, of 80%) → 7.86; satisfaction 1 − (3 late of 5 + 1 complaint of 2) → 0; transparency 18.
        Assert.Equal(46.43m, unit["serviceIndex"]!["total"]!.GetValue<decimal>());

        // The merged unit, before the merger: June 2025 counts under old Nhơn Hội and rolls up into the new unit.
        var june = "from=2025-06-01&to=2025-06-30";
        Assert.Equal(1, L((await FiguresAsync("admin", $"unit={OldNhonHoi}&{june}"))["totals"], "received"));
        Assert.Equal(1, L((await FiguresAsync("st-officer", $"unit={NhonHoi}&{june}"))["totals"], "received"));
        Assert.Equal(0, L((await FiguresAsync("admin", $"unit={PhuHuu}&{june}"))["totals"], "received"));

        // The province: both units, each code once.
        var province = await FiguresAsync("admin", $"province={AnGiang}&{Week}");
        var p = province["totals"]!;
        Assert.Equal(8, L(p, "received"));
        Assert.Equal(3, L(p, "receivedOnline"));
        Assert.Equal(3, L(p, "resolved"));
        var byUnit = province["byUnit"]!.AsArray().ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["figures"]);
        Assert.Equal(1, L(byUnit[PhuHuu], "received"));
        Assert.Equal(1, L(byUnit[PhuHuu], "pendingWithinTime"));
        Assert.Equal(7, L(byUnit[NhonHoi], "received"));
        Assert.Equal(2, L(byUnit[NhonHoi], "pendingOverdue"));
        Assert.Equal(8, province["trend"]!.AsArray().Sum(x => L(x, "received")));
        Assert.Null(province["byOfficer"]?.AsArray().FirstOrDefault(o => o!["userName"]!.GetValue<string>() == "nobody"));

        using var admin = await App.ClientAsync("admin");
        var ranking = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/statistics/ranking?province={AnGiang}&{Week}"))!;
        var ranked = ranking["units"]!.AsArray();
        Assert.True(ranked.Count > 2);
        Assert.Equal(46.43m, ranked.Single(u => u!["code"]!.GetValue<string>() == NhonHoi)!["score"]!.GetValue<decimal>());
        Assert.Equal(1, ranked[0]!["rank"]!.GetValue<int>());
    }

    [Fact]
    public async Task Staff_see_their_unit_only_and_the_public_page_has_no_personal_data()
    {
        await KnownSetAsync();
        App.Clock.SetVietnamTime(2027, 5, 14, 10);
        using var officer = await App.ClientAsync("st-officer");
        await ProblemAsync(await officer.GetAsync($"/api/v1/statistics/figures?unit={PhuHuu}&{Week}"), HttpStatusCode.Forbidden);
        await ProblemAsync(await officer.GetAsync($"/api/v1/statistics/figures?province={AnGiang}&{Week}"), HttpStatusCode.Forbidden);
        using var otherProvince = await App.ClientAsync("officer2");
        await ProblemAsync(await otherProvince.GetAsync($"/api/v1/statistics/figures?unit={NhonHoi}&{Week}"), HttpStatusCode.Forbidden);
        using var citizen = await App.ClientAsync("citizen");
        await ProblemAsync(await citizen.GetAsync($"/api/v1/statistics/figures?unit={NhonHoi}&{Week}"), HttpStatusCode.Forbidden);
        var bad = await ProblemAsync(await officer.GetAsync($"/api/v1/statistics/figures?unit={NhonHoi}&from=2027-05-14&to=2027-05-10"),
            HttpStatusCode.BadRequest);
        Assert.Equal(["to"], ErrorKeys(bad));

        using var anonymous = await App.ClientAsync();
        var response = await anonymous.GetAsync($"/api/v1/public/statistics/{NhonHoi}?{Week}");
        await ExpectAsync(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Nguyễn Văn An", text);
        Assert.DoesNotContain("st-spec", text);
        Assert.DoesNotContain("Chờ xác minh", text);   // the apology's reason is free text
        var page = JsonNode.Parse(text)!;
        Assert.Null(page["byOfficer"]);
        Assert.Equal(7, L(page["totals"], "received"));
        var overdue = page["overdue"]!.AsArray().Single(o => o!["code"]!.GetValue<string>() != OldCode)!;
        Assert.Equal(BirthRegistration, overdue["procedureCode"]!.GetValue<string>());
        Assert.NotNull(overdue["apologizedAt"]);

        var csv = await officer.GetStringAsync($"/api/v1/statistics/export.csv?unit={NhonHoi}&{Week}");
        Assert.StartsWith("\uFEFFprocedureCode,procedureName,received", csv);
        Assert.Contains(",total,7,2,5,3,2,1,2,2,1,1,1,", csv);
        var xlsx = await officer.GetByteArrayAsync($"/api/v1/statistics/export.xlsx?unit={NhonHoi}&{Week}");
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx));
        var sheet = book.Worksheet(1);
        var total = sheet.RowsUsed().Last();
        Assert.Equal("Tổng cộng", total.Cell(2).GetString());
        Assert.Equal(7, total.Cell(3).GetValue<long>());
        Assert.Equal(2, total.Cell(11).GetValue<long>());
    }

    [Fact]
    public async Task The_rebuild_gives_the_same_rows_as_the_incremental_path()
    {
        await KnownSetAsync();
        string[] codes = [NhonHoi, OldNhonHoi, PhuHuu];
        string Snapshot() => App.WithDb(db => string.Join('\n',
            db.StatisticsDays.AsNoTracking().Where(r => codes.Contains(r.UnitCode)).AsEnumerable()
                .Select(r => $"d {r.UnitCode} {r.ProcedureCode} {r.Day:yyyy-MM-dd} {r.Channel} {string.Join(' ', r.Counts.ToArray())}")
            .Concat(db.StatisticsMonths.AsNoTracking().Where(r => codes.Contains(r.UnitCode)).AsEnumerable()
                .Select(r => $"m {r.UnitCode} {r.ProcedureCode} {r.Day:yyyy-MM-dd} {r.Channel} {string.Join(' ', r.Counts.ToArray())}"))
            // The province roll-up: the rows of these unit codes, and the per-procedure rows of the province in the months of
            // the known set (every An Giang dossier of those months is written through the observers).
            // A per-procedure key is split in stripes by the incremental path (one by the rebuild): compare the sums per key.
            .Concat(db.StatisticsProvinceMonths.AsNoTracking()
                .Where(r => codes.Contains(r.UnitCode) || r.ProvinceCode == AnGiang && r.UnitCode == ""
                    && (r.Day == new DateOnly(2027, 5, 1) || r.Day == new DateOnly(2025, 6, 1))).AsEnumerable()
                .GroupBy(r => $"p {r.ProvinceCode} {r.UnitCode} {r.ProcedureCode} {r.Day:yyyy-MM-dd} {r.Channel}")
                .Select(g => $"{g.Key} {string.Join(' ', SumCounts(g.Select(r => r.Counts)))}"))
            .Concat(db.StatisticsOfficerDays.AsNoTracking().Where(r => codes.Contains(r.UnitCode)).AsEnumerable()
                .Select(r => $"o {r.UnitCode} {r.UserName} {r.Day:yyyy-MM-dd} {r.Handled} {r.HandledOnTime} {r.HandledWithSupplement} {r.Rated} {r.RatingSum}"))
            .Order(StringComparer.Ordinal)));
        var incremental = Snapshot();
        Assert.Contains("d 30346 1.004873 2027-05-10 Counter", incremental);
        Assert.Contains($"p {AnGiang} 30349  2025-06-01 Counter", incremental);   // old Nhơn Hội rolls up into An Giang
        Assert.Contains($"p {AnGiang}  1.004873 2027-05-01 Counter", incremental);
        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RebuildStatistics>().RunAsync();
        Assert.Equal(incremental, Snapshot());
    }

    private static long[] SumCounts(IEnumerable<FigureCounts> counts) =>
        counts.Select(c => c.ToArray()).Aggregate((a, b) => [.. a.Zip(b, (x, y) => x + y)]);

    [Fact]
    public async Task Stripes_of_past_months_fold_into_one_row_per_key_with_the_same_sums()
    {
        await KnownSetAsync();
        // A per-procedure row of a past month moved to a stripe of its own, as a busy month leaves them (sums unchanged).
        App.WithDb(db =>
        {
            var row = db.StatisticsProvinceMonths.AsNoTracking()
                .First(r => r.ProvinceCode == AnGiang && r.UnitCode == "" && r.Day == new DateOnly(2025, 6, 1));
            var used = db.StatisticsProvinceMonths.AsNoTracking().Where(r => r.ProvinceCode == row.ProvinceCode && r.Day == row.Day
                && r.UnitCode == "" && r.ProcedureCode == row.ProcedureCode && r.Channel == row.Channel).Select(r => r.Stripe).ToList();
            var free = (short)Enumerable.Range(1, StatisticsWriter.ProcedureStripes - 1).First(i => !used.Contains((short)i));
            return db.Database.ExecuteSql($"""
                UPDATE statistics_province_monthly SET "Stripe" = {free} WHERE "ProvinceCode" = {row.ProvinceCode} AND "Day" = {row.Day}
                AND "UnitCode" = '' AND "ProcedureCode" = {row.ProcedureCode} AND "Channel" = {(int)row.Channel} AND "Stripe" = {row.Stripe}
                """);
        });
        string Sums(DateOnly before) => App.WithDb(db => string.Join('\n', db.StatisticsProvinceMonths.AsNoTracking()
            .Where(r => r.Day < before).AsEnumerable()
            .GroupBy(r => $"{r.ProvinceCode} {r.UnitCode} {r.ProcedureCode} {r.Day:yyyy-MM-dd} {r.Channel}")
            .Select(g => $"{g.Key} {string.Join(' ', SumCounts(g.Select(r => r.Counts)))}").Order(StringComparer.Ordinal)));
        var june = new DateOnly(2027, 6, 1);
        var before = Sums(june);
        Assert.True(App.WithDb(db => db.StatisticsProvinceMonths.Count(r => r.Day < june && r.Stripe != 0)) >= 1);

        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            Assert.True(await StatisticsWriter.FoldStripesAsync(db, june, CancellationToken.None) >= 1);
            Assert.Equal(0, await StatisticsWriter.FoldStripesAsync(db, june, CancellationToken.None));
        }
        Assert.Equal(before, Sums(june));
        Assert.Equal(0, App.WithDb(db => db.StatisticsProvinceMonths.Count(r => r.Day < june && r.Stripe != 0)));
    }

    /// <summary>The number of dossiers the work queue lists behind a drill-down link (its total, not one page).</summary>
    private async Task<long> QueueTotalAsync(string user, string link)
    {
        Assert.StartsWith("/api/v1/dossiers?", link);
        using var client = await App.ClientAsync(user);
        var response = await client.GetAsync(link);
        await ExpectAsync(response, HttpStatusCode.OK);
        return L(await response.Content.ReadFromJsonAsync<JsonObject>(), "total");
    }

    [Fact]
    public async Task Every_count_links_to_the_dossiers_behind_it()
    {
        await KnownSetAsync();
        // The week before, a dossier of the same unit, procedure and channel, withdrawn (so no figure of "now" moves): a link
        // without the period would list it too.
        if (!App.WithDb(db => db.Dossiers.Any(d => d.UnitCode == NhonHoi && d.ReceivedAt >= Vn(2027, 5, 3, 0) && d.ReceivedAt < Vn(2027, 5, 4, 0))))
        {
            App.Clock.SetVietnamTime(2027, 5, 3, 9);
            await ActOkAsync("st-officer", await ReceiveAsync(MaritalStatus, "citizen", "online", NhonHoi), "withdraw");
        }
        App.Clock.SetVietnamTime(2027, 5, 14, 10);

        var unit = await FiguresAsync("st-officer", $"unit={NhonHoi}&{Week}");
        var t = unit["totals"]!;
        var links = unit["links"]!;
        Assert.Equal($"/api/v1/dossiers?unit={NhonHoi}&receivedFrom=2027-05-10&receivedTo=2027-05-14", links["received"]!.GetValue<string>());
        Assert.Equal(L(t, "received"), await QueueTotalAsync("st-officer", links["received"]!.GetValue<string>()));
        Assert.Equal(L(t, "receivedOnline"), await QueueTotalAsync("st-officer", links["receivedOnline"]!.GetValue<string>()));
        Assert.Equal(L(t, "resolved"), await QueueTotalAsync("st-officer", links["resolved"]!.GetValue<string>()));
        Assert.Equal(L(t, "resolvedOnTime"), await QueueTotalAsync("st-officer", links["resolvedOnTime"]!.GetValue<string>()));
        Assert.Equal(L(t, "resolvedLate"), await QueueTotalAsync("st-officer", links["resolvedLate"]!.GetValue<string>()));
        // Overdue now: the figure counts old Nhơn Hội's open dossier too (lineage); the queue lists the current unit's code.
        Assert.Equal(L(t, "pendingOverdue") - 1, await QueueTotalAsync("st-officer", links["pendingOverdue"]!.GetValue<string>()));

        foreach (var p in unit["byProcedure"]!.AsArray())
        {
            Assert.Equal(L(p!["figures"], "received"), await QueueTotalAsync("st-officer", p["links"]!["received"]!.GetValue<string>()));
            Assert.Equal(L(p["figures"], "resolvedOnTime"), await QueueTotalAsync("st-officer", p["links"]!["resolvedOnTime"]!.GetValue<string>()));
        }
        var spec = unit["byOfficer"]!.AsArray().Single(o => o!["userName"]!.GetValue<string>() == "st-spec")!;
        Assert.Equal(L(spec, "handled"), await QueueTotalAsync("st-officer", spec["dossiersLink"]!.GetValue<string>()));

        // The province administrator's links: per unit, the same counts.
        var province = await FiguresAsync("admin", $"province={AnGiang}&{Week}");
        var phuHuu = province["byUnit"]!.AsArray().Single(u => u!["code"]!.GetValue<string>() == PhuHuu)!;
        Assert.Equal(1, L(phuHuu["figures"], "received"));
        Assert.Equal(1, await QueueTotalAsync("admin", phuHuu["links"]!["received"]!.GetValue<string>()));
        Assert.Equal(1, await QueueTotalAsync("admin", phuHuu["links"]!["receivedOnline"]!.GetValue<string>()));

        // Bad drill-down input is a problem naming each parameter.
        using var officer = await App.ClientAsync("st-officer");
        var bad = await ProblemAsync(await officer.GetAsync("/api/v1/dossiers?receivedFrom=10/05/2027&channel=fax"), HttpStatusCode.BadRequest);
        Assert.Equal(["channel", "receivedFrom"], ErrorKeys(bad).Order());
    }

    [Fact]
    public async Task A_province_s_whole_months_read_from_its_roll_up_equal_the_sums_of_its_unit_codes()
    {
        await KnownSetAsync();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var province = (await scope.ServiceProvider.GetRequiredService<StatisticsScopes>()
            .ResolveAsync(null, null, AnGiang, "2025-06-01", "2027-05-31", CancellationToken.None)).Value!;
        Assert.Contains(OldNhonHoi, province.UnitCodes);
        static string Text(IEnumerable<FigureRow> rows) => string.Join('\n', rows
            .Select(r => $"{r.UnitCode} {r.ProcedureCode} {r.Channel} {string.Join(' ', r.Counts.ToArray())}").Order(StringComparer.Ordinal));
        foreach (var by in new[] { FigureSplit.Procedure, FigureSplit.Unit })
        {
            var fromUnits = await FigureSums.RowsAsync(db, province.UnitCodes, province.From, province.To, by);
            var fromRollUp = await FigureSums.RowsAsync(db, province.UnitCodes, province.From, province.To, by, province: AnGiang);
            Assert.True(fromUnits.Sum(r => r.Counts.Received) >= 9);   // the known set at least
            Assert.Equal(Text(fromUnits), Text(fromRollUp));
        }
        Assert.Contains(await FigureSums.RowsAsync(db, province.UnitCodes, province.From, province.To, FigureSplit.Unit, province: AnGiang),
            r => r.UnitCode == OldNhonHoi && r.Counts.Received >= 1);
        var trend = await FigureSums.TrendAsync(db, province.UnitCodes, province.From, province.To, TrendGrain.Month);
        Assert.Equal(trend, await FigureSums.TrendAsync(db, province.UnitCodes, province.From, province.To, TrendGrain.Month, province: AnGiang));
    }

    [Fact]
    public async Task Concurrent_changes_of_the_same_aggregate_row_all_count()
    {
        await StaffAsync();
        App.Clock.SetVietnamTime(2027, 5, 20, 9);
        var received = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ReceiveAsync(MaritalStatus, "st-officer", unit: NhonHoi)));
        await Task.WhenAll(received.Select(d => ActOkAsync("st-officer", d, "withdraw")));
        var day = (await FiguresAsync("st-officer", $"unit={NhonHoi}&from=2027-05-20&to=2027-05-20"))["totals"]!;
        Assert.Equal(8, L(day, "received"));
        Assert.Equal(8, L(day, "withdrawals"));
    }
}

[Collection(SqliteCollection.Name)] public sealed class StatisticsApiTests_Sqlite(SqliteApp app) : StatisticsApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class StatisticsApiTests_Postgres(PostgresApp app) : StatisticsApiTests(app);
