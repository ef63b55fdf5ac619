using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MotCua.Data.Entities;
using MotCua.Web.Tests.Api;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Audit;

/// <summary>
/// The personal-data access audit: every read of a dossier's detail, file or receipt (API and pages) and every export is
/// a row (who, role, unit, when, what, from where) that the database refuses to change; the province administrator
/// searches the province's rows; the citizen sees on their dossier page who opened it.
/// </summary>
public abstract class DataAccessAuditTests(MotCuaApp app) : ApiTestBase(app)
{
    private const string IdNumber = "091095004321";

    private List<DataAccessAuditEntry> RowsOf(string code) =>
        App.WithDb(db => db.DataAccessAudit.AsNoTracking().Where(a => a.DossierCode == code).OrderBy(a => a.Id).ToList());

    private async Task<(string Code, long File)> DossierWithFileAsync(string user = "officer", string channel = "counter")
    {
        var dossier = await ReceiveAsync(MaritalStatus, user: user, channel: channel, applicant: Applicant("Trần Thị Bích", IdNumber));
        var code = Code(dossier);
        using var client = await App.ClientAsync(user);
        using var file = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 audit"u8.ToArray()), "file", "cccd.pdf" } };
        var uploaded = await client.PostAsync($"/api/v1/dossiers/{code}/documents", file);
        await ExpectAsync(uploaded, HttpStatusCode.Created);
        return (code, (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Each_api_read_of_a_dossier_appends_a_row_with_who_what_and_from_where_and_no_personal_data()
    {
        var (code, file) = await DossierWithFileAsync();
        Assert.Empty(RowsOf(code)); // receiving and uploading are not reads

        using var specialist = await App.ClientAsync("specialist");
        await ExpectAsync(await specialist.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        await ExpectAsync(await specialist.GetAsync($"/api/v1/dossiers/{code}/documents/{file}"), HttpStatusCode.OK);
        await ExpectAsync(await specialist.GetAsync($"/api/v1/dossiers/{code}/receipt"), HttpStatusCode.OK);
        // A caller who may not see it gets 404 and leaves no row: nothing was read.
        using var other = await App.ClientAsync("officer2");
        await ExpectAsync(await other.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.NotFound);

        var rows = RowsOf(code);
        Assert.Equal([DataAccessKind.ViewDossier, DataAccessKind.Document, DataAccessKind.Receipt], rows.Select(r => r.Kind));
        Assert.All(rows, r =>
        {
            Assert.Equal("specialist", r.UserName);
            Assert.Equal("Specialist", r.Role);
            Assert.Equal(ThoiSon, r.UnitCode);
            Assert.Equal(AnGiang, r.ProvinceCode);
            Assert.Equal("127.0.0.1", r.ClientIp);
            Assert.True(r.At > DateTimeOffset.UtcNow.AddMinutes(-5));
            foreach (var text in new[] { r.UserName, r.Role, r.UnitCode, r.DossierCode, r.Detail, r.ClientIp, r.ProvinceCode })
            {
                Assert.DoesNotContain(IdNumber, text ?? "");
                Assert.DoesNotContain("Bích", text ?? "");
            }
        });
        Assert.Equal(file.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[1].Detail);
    }

    [Fact]
    public async Task The_app_cannot_change_or_delete_an_audit_row()
    {
        var (code, _) = await DossierWithFileAsync();
        using var officer = await App.ClientAsync("officer");
        await ExpectAsync(await officer.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        var id = RowsOf(code).Single().Id;

        Assert.ThrowsAny<Exception>(() => App.WithDb(db => db.Database.ExecuteSqlRaw($"UPDATE data_access_audit SET \"UserName\" = 'nobody' WHERE \"Id\" = {id}")));
        Assert.ThrowsAny<Exception>(() => App.WithDb(db => db.Database.ExecuteSqlRaw($"DELETE FROM data_access_audit WHERE \"Id\" = {id}")));
        Assert.ThrowsAny<Exception>(() => App.WithDb(db =>
        {
            var row = db.DataAccessAudit.Single(a => a.Id == id);
            row.UserName = "nobody";
            return db.SaveChanges();
        }));
        Assert.Equal("officer", RowsOf(code).Single().UserName);
    }

    [Fact]
    public async Task Exports_of_figures_are_recorded_with_their_scope()
    {
        var before = App.WithDb(db => db.DataAccessAudit.Count(a => a.Kind == DataAccessKind.Export && a.UserName == "leader"));
        using var leader = await App.ClientAsync("leader");
        await ExpectAsync(await leader.GetAsync("/api/v1/statistics/export.csv?unit=30502&from=2026-01-01&to=2026-01-31"), HttpStatusCode.OK);
        await ExpectAsync(await leader.GetAsync("/api/v1/statistics/export.xlsx?unit=30502&from=2026-01-01&to=2026-01-31"), HttpStatusCode.OK);
        // A refused export (another unit) is not an export.
        await ProblemAsync(await leader.GetAsync("/api/v1/statistics/export.csv?unit=30112"), HttpStatusCode.Forbidden);

        var rows = App.WithDb(db => db.DataAccessAudit.AsNoTracking().Where(a => a.Kind == DataAccessKind.Export && a.UserName == "leader")
            .OrderBy(a => a.Id).ToList());
        Assert.Equal(before + 2, rows.Count);
        Assert.Equal("statistics csv 30502 2026-01-01..2026-01-31", rows[^2].Detail);
        Assert.Equal("statistics xlsx 30502 2026-01-01..2026-01-31", rows[^1].Detail);
        Assert.All(rows.TakeLast(2), r => Assert.Equal((AnGiang, "Leader", (string?)null), (r.ProvinceCode, r.Role, r.DossierCode)));
    }

    [Fact]
    public async Task The_province_admin_searches_by_user_dossier_and_dates_and_sees_only_the_province()
    {
        var (code, _) = await DossierWithFileAsync();
        using var officer = await App.ClientAsync("officer");
        using var leader = await App.ClientAsync("leader");
        App.Clock.SetVietnamTime(2026, 3, 2, 9);
        await ExpectAsync(await officer.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        App.Clock.SetVietnamTime(2026, 3, 4, 23, 30);
        await ExpectAsync(await leader.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        App.Clock.SetVietnamTime(2026, 3, 5, 0, 30);
        await ExpectAsync(await officer.GetAsync($"/api/v1/dossiers/{code}/receipt"), HttpStatusCode.OK);
        App.Clock.Reset();

        using var admin = await App.ClientAsync("admin");
        async Task<JsonObject> SearchAsync(HttpClient client, string query) =>
            (await client.GetFromJsonAsync<JsonObject>("/api/v1/audit/data-access?" + query))!;
        static List<string> Users(JsonObject page) => page["items"]!.AsArray().Select(i => i!["userName"]!.GetValue<string>()).ToList();

        var all = await SearchAsync(admin, $"dossier={code}");
        Assert.Equal(3, all["total"]!.GetValue<int>());
        Assert.Equal(["officer", "leader", "officer"], Users(all)); // newest first
        var first = all["items"]![0]!;
        Assert.Equal("receipt", first["kind"]!.GetValue<string>());
        Assert.Equal("Officer", first["role"]!.GetValue<string>());
        Assert.Equal("Nguyễn Thị Lan", first["fullName"]!.GetValue<string>());
        Assert.Equal(ThoiSon, first["unitCode"]!.GetValue<string>());
        Assert.EndsWith("+07:00", first["at"]!.GetValue<string>());

        Assert.Equal(["officer", "officer"], Users(await SearchAsync(admin, $"dossier={code}&user=officer")));
        // Dates are Vietnam days, both ends included: 4 March 23:30 is in, 5 March 00:30 is not.
        Assert.Equal(["leader", "officer"], Users(await SearchAsync(admin, $"dossier={code}&from=2026-03-01&to=2026-03-04")));
        Assert.Equal(["officer"], Users(await SearchAsync(admin, $"dossier={code}&from=2026-03-05")));

        await App.EnsureUserAsync("admin2", "ProvinceAdmin", null, DongThap);
        using var admin2 = await App.ClientAsync("admin2");
        Assert.Equal(0, (await SearchAsync(admin2, $"dossier={code}"))["total"]!.GetValue<int>());

        var bad = await ProblemAsync(await admin.GetAsync("/api/v1/audit/data-access?from=03/02/2026&to=2026-02-30"), HttpStatusCode.BadRequest);
        Assert.Equal(["from", "to"], ErrorKeys(bad));
        var reversed = await ProblemAsync(await admin.GetAsync("/api/v1/audit/data-access?from=2026-03-05&to=2026-03-01"), HttpStatusCode.BadRequest);
        Assert.Equal(["to"], ErrorKeys(reversed));
        using var english = await App.ClientAsync("admin", "en");
        var en = await ProblemAsync(await english.GetAsync("/api/v1/audit/data-access?from=x"), HttpStatusCode.BadRequest);
        Assert.Contains("year-month-day", en["errors"]!["from"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Staff_page_reads_are_recorded_and_the_admin_page_lists_them()
    {
        var (code, file) = await DossierWithFileAsync();
        using var officer = await PageSession.SignedInAsync(App, "officer");
        await ExpectAsync(await officer.GetAsync($"/ho-so/{code}"), HttpStatusCode.OK);
        await ExpectAsync(await officer.GetAsync($"/ho-so/{code}/bien-nhan"), HttpStatusCode.OK);
        await ExpectAsync(await officer.GetAsync($"/ho-so/{code}/giay-to/{file}"), HttpStatusCode.OK);
        Assert.Equal([DataAccessKind.ViewDossier, DataAccessKind.Receipt, DataAccessKind.Document], RowsOf(code).Select(r => r.Kind));

        using var admin = await PageSession.SignedInAsync(App, "admin");
        var html = await admin.GetStringAsync($"/quan-tri/nhat-ky-truy-cap?ho-so={Uri.EscapeDataString(code)}");
        Assert.Contains("3 lượt truy cập", html);
        Assert.Contains("officer (Nguyễn Thị Lan)", html);
        Assert.Contains("Giấy tiếp nhận, phiếu in", html);
        var bad = await admin.GetStringAsync("/quan-tri/nhat-ky-truy-cap?tu-ngay=hom-qua");
        Assert.Contains("Ngày không hợp lệ (dạng năm-tháng-ngày", html + bad);
        Assert.Contains("id=\"filter-errors\"", bad);
        using var officerPage = await officer.GetAsync("/quan-tri/nhat-ky-truy-cap");
        Assert.NotEqual(HttpStatusCode.OK, officerPage.StatusCode);
    }

    [Fact]
    public async Task The_citizen_sees_who_opened_their_dossier_by_name_role_and_unit()
    {
        var (code, _) = await DossierWithFileAsync(user: "citizen", channel: "online");
        using var citizen = await PageSession.SignedInAsync(App, "citizen");
        var before = await citizen.GetStringAsync($"/ho-so-cua-toi/{code}");
        Assert.Contains("id=\"readers-none\"", before);

        using var officer = await App.ClientAsync("officer");
        await ExpectAsync(await officer.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        using var leader = await PageSession.SignedInAsync(App, "leader");
        await ExpectAsync(await leader.GetAsync($"/ho-so/{code}/bien-nhan"), HttpStatusCode.OK);

        var html = await citizen.GetStringAsync($"/ho-so-cua-toi/{code}");
        var section = html[html.IndexOf("id=\"readers\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Contains("Nguyễn Thị Lan", section);
        Assert.Contains("Bộ phận Một cửa, Phường Thới Sơn", section);
        Assert.Contains("Lê Hoàng Phúc", section);
        Assert.Contains("Lãnh đạo, Phường Thới Sơn", section);
        Assert.Contains("Xem giấy tiếp nhận", section);
        // No account names, addresses or the citizen's own visits.
        Assert.DoesNotContain(">officer<", section);
        Assert.DoesNotContain("127.0.0.1", section);
        Assert.DoesNotContain("Phạm Thị Hồng", section);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(section, "<li>").Count);
        // The citizen's own reads are recorded all the same.
        Assert.Equal(2, RowsOf(code).Count(r => r.UserName == "citizen" && r.Role == "Citizen" && r.UnitCode == null));
    }
}

[Collection(SqliteCollection.Name)] public sealed class DataAccessAuditTests_Sqlite(SqliteApp app) : DataAccessAuditTests(app);
[Collection(PostgresCollection.Name)] public sealed class DataAccessAuditTests_Postgres(PostgresApp app) : DataAccessAuditTests(app);
