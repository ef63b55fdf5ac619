using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Demo;

/// <summary>
/// The demo accounts (Phường Thới Sơn, An Giang; Xã Mỹ Hiệp, Đồng Tháp) and a few dossiers in several states.
/// The password comes from MotCua__Seed__DemoPassword, else <see cref="DefaultPassword"/> (printed at start).
/// </summary>
public sealed class DemoSeeder(MotCuaDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    CalendarProvider calendars, TimeProvider time, IConfiguration config, Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    ILogger<DemoSeeder> log)
{
    public const string DefaultPassword = "MotCua-Demo-2025";
    public const string ThoiSonWard = "30502";
    public const string AnGiangProvince = "91";
    public const string MyHiepCommune = "30112";
    public const string DongThapProvince = "82";

    public sealed record DemoAccount(string UserName, string Role, string UnitCode, string UnitName);

    public static readonly IReadOnlyList<(string UserName, string FullName, string Role, string Unit, string Province, int Eid)> Accounts =
    [
        ("officer", "Nguyễn Thị Lan", Roles.Officer, ThoiSonWard, AnGiangProvince, 2),
        ("specialist", "Trần Văn Minh", Roles.Specialist, ThoiSonWard, AnGiangProvince, 2),
        ("leader", "Lê Hoàng Phúc", Roles.Leader, ThoiSonWard, AnGiangProvince, 2),
        ("citizen", "Phạm Thị Hồng", Roles.Citizen, ThoiSonWard, AnGiangProvince, 2),
        ("volunteer", "Võ Thành Đạt", Roles.Volunteer, ThoiSonWard, AnGiangProvince, 2),
        ("admin", "Huỳnh Quốc Bảo", Roles.ProvinceAdmin, AnGiangProvince, AnGiangProvince, 2),
        ("officer2", "Đặng Thị Mai", Roles.Officer, MyHiepCommune, DongThapProvince, 2),
    ];

    public string Password => config["MotCua:Seed:DemoPassword"] is { Length: > 0 } p ? p : DefaultPassword;

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        foreach (var a in Accounts)
        {
            if (await users.FindByNameAsync(a.UserName) is not null) continue;
            var user = new AppUser
            {
                UserName = a.UserName, FullName = a.FullName, EidLevel = a.Eid,
                UnitCode = a.Role == Roles.Citizen || a.Role == Roles.Volunteer ? null : a.Unit,
                ProvinceCode = a.Province, EmailConfirmed = true,
            };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo account {a.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, a.Role);
        }
        // Phường Thới Sơn receives at its center and at a second point in the old Nhơn Hưng commune.
        if (!await db.ReceptionPoints.AnyAsync(r => r.Code == ThoiSonWard + "-02", ct))
        {
            db.ReceptionPoints.Add(new ReceptionPoint { Code = ThoiSonWard + "-02", UnitCode = ThoiSonWard,
                Name = "Điểm tiếp nhận Nhơn Hưng (Phường Thới Sơn)", Address = "Khóm Sơn Hòa, phường Thới Sơn, tỉnh An Giang" });
            await db.SaveChangesAsync(ct);
        }
        if (options.Value.SampleDossiers && !await db.Dossiers.AnyAsync(d => d.UnitCode == ThoiSonWard, ct))
            await SeedDossiersAsync(ct);

        var names = await db.CurrentUnits().Where(u => Accounts.Select(a => a.Unit).Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        return Accounts.Select(a => new DemoAccount(a.UserName, a.Role, a.Unit, names.GetValueOrDefault(a.Unit, a.Unit))).ToList();
    }

    private async Task SeedDossiersAsync(CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        var now = time.GetUtcNow();
        var officer = new Actor("officer", new HashSet<string> { Roles.Officer });
        var specialist = new Actor("specialist", new HashSet<string> { Roles.Specialist });
        var leader = new Actor("leader", new HashSet<string> { Roles.Leader });
        var unit = await db.CurrentUnits().AsNoTracking().SingleAsync(u => u.Code == ThoiSonWard, ct);
        var point = await db.ReceptionPoints.Where(r => r.UnitCode == ThoiSonWard).Select(r => r.Code).FirstAsync(ct);

        // (procedure, applicant, days ago received, actions to replay)
        var samples = new (string Procedure, string Name, string Id, int DaysAgo, DossierAction[] Steps)[]
        {
            ("1.001193", "Nguyễn Văn An", "091095001234", 0, []),
            ("2.000815", "Trần Thị Bích", "091190004567", 1, [DossierAction.Assign]),
            ("1.001193", "Lê Văn Cường", "091088007890", 2, [DossierAction.Assign, DossierAction.StartProcessing]),
            ("1.000894", "Phạm Thị Dung", "091192002345", 3, [DossierAction.Assign, DossierAction.StartProcessing, DossierAction.RequestSupplement]),
            ("1.001193", "Huỳnh Văn Em", "091085006789", 4, [DossierAction.Assign, DossierAction.StartProcessing, DossierAction.SubmitForApproval]),
            ("2.000815", "Võ Thị Phương", "091199003456", 8, [DossierAction.Assign, DossierAction.StartProcessing, DossierAction.SubmitForApproval,
                DossierAction.Approve, DossierAction.MarkResultReady, DossierAction.ReturnResult]),
            ("1.001193", "Đỗ Văn Giang", "091080001122", 15, [DossierAction.Assign, DossierAction.StartProcessing]),
        };
        foreach (var s in samples)
        {
            var version = await db.ProcedureVersions.AsNoTracking().Where(p => p.ProcedureCode == s.Procedure)
                .OrderByDescending(p => p.EffectiveFrom).FirstOrDefaultAsync(ct);
            if (version is null) { log.LogWarning("Demo: procedure {Code} not in catalog", s.Procedure); continue; }
            var definition = CatalogJson.Deserialize(version.DefinitionJson);
            var receivedAt = now.AddDays(-s.DaysAgo).ToVietnam().Date.AddHours(9 - 7);
            var receivedAtUtc = new DateTimeOffset(receivedAt, TimeSpan.Zero);
            if (receivedAtUtc > now) receivedAtUtc = now;
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var code = await DossierCodeGenerator.NextAsync(db, unit.AgencyCode!, receivedAtUtc.LocalDate(), ct);
            var formData = new Dictionary<string, object?>();
            foreach (var f in definition.FormFields.Where(f => f.Required))
                formData[f.Key] = f.Kind switch
                {
                    FormFieldKind.Date => "2025-10-01",
                    FormFieldKind.Number => 1,
                    FormFieldKind.Choice => f.Options?.FirstOrDefault(),
                    FormFieldKind.IdNumber => "091095001234",
                    FormFieldKind.Phone => "0912345678",
                    _ => "Mẫu",
                };
            var dossier = Dossier.Receive(new DossierIntake(code, version.Id, version.ProcedureCode, definition.ProcessingDays, definition.ReceiptCutoff,
                ThoiSonWard, ThoiSonWard, point, IntakeChannel.Counter, receivedAtUtc,
                new Applicant { FullName = s.Name, IdNumber = s.Id, Phone = "0912345678", Address = "Phường Thới Sơn, tỉnh An Giang" },
                JsonSerializer.Serialize(formData), s.Name == "Nguyễn Văn An" ? "citizen" : null, "officer"), calendar, receivedAtUtc);
            var at = receivedAtUtc;
            foreach (var step in s.Steps)
            {
                at = at.AddHours(2);
                var (actor, input) = step switch
                {
                    DossierAction.Assign => (officer, new DossierActionInput(Assignee: "specialist")),
                    DossierAction.StartProcessing or DossierAction.SubmitForApproval => (specialist, new DossierActionInput()),
                    DossierAction.RequestSupplement => (specialist, new DossierActionInput("Bổ sung bản sao giấy chứng nhận kết hôn của cha mẹ.")),
                    DossierAction.Approve => (leader, new DossierActionInput()),
                    _ => (officer, new DossierActionInput()),
                };
                dossier.Apply(step, actor, input, dossier.Version, calendar, at);
            }
            db.Dossiers.Add(dossier);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            });
        }
    }

    public static void PrintBanner(ICollection<string> urls, IReadOnlyList<DemoAccount> accounts, string? password = null, string? eidProvider = null)
    {
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine("MotCua is running (demo mode).");
        foreach (var url in urls) w.WriteLine($"  Address: {url}   API: {url.TrimEnd('/')}/api/v1   OpenAPI: {url.TrimEnd('/')}/openapi/v1.json");
        w.WriteLine("  Demo accounts (password from MotCua__Seed__DemoPassword, default " + DefaultPassword + "):");
        foreach (var a in accounts) w.WriteLine($"    {a.UserName,-11} {a.Role,-14} {a.UnitName} ({a.UnitCode})");
        w.WriteLine("  Two-step verification (TOTP): the demo leader and admin may skip enrolment in demo mode; any other Leader or");
        w.WriteLine("  ProvinceAdmin account must enrol at /tai-khoan/hai-buoc before using the app (the API gives it no token until then).");
        if (eidProvider is not null)
            w.WriteLine($"  e-ID demo provider (OpenID Connect): {eidProvider} — the \"Đăng nhập bằng định danh điện tử\" button of the sign-in page; pick a demo person and level 1 or 2.");
        w.WriteLine();
    }
}
