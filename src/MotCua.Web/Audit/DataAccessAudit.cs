using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Audit;

/// <summary>
/// Writes one row of the append-only personal-data access audit (<see cref="DataAccessAuditEntry"/>) for every read of a
/// dossier's personal data (detail, attached file, receipt; API and pages) and every export. The row is saved before the
/// data is answered: if it cannot be written, the read fails rather than go unrecorded. It names the dossier by its code
/// only and the reader by account, role and unit; the client IP is the connection's.
/// </summary>
public sealed class DataAccessAudit(MotCuaDbContext db, TimeProvider time, IServiceScopeFactory scopes)
{
    /// <summary>Roles in the order that names a reader who has several.</summary>
    private static readonly string[] RoleOrder = [Roles.ProvinceAdmin, Roles.Leader, Roles.Specialist, Roles.Officer, Roles.Volunteer, Roles.Citizen];

    public static string MainRole(CurrentUser user) => RoleOrder.FirstOrDefault(user.Is) ?? "";

    /// <summary>Records a read of a dossier: its unit gives the province whose administrator sees the row.</summary>
    public Task RecordDossierReadAsync(HttpContext http, DataAccessKind kind, string dossierCode, string dossierUnitCode, string? detail,
        CancellationToken ct) => RecordAsync(http, kind, dossierCode, dossierUnitCode, detail, ct);

    /// <summary>Records an export of figures of a unit or province.</summary>
    public Task RecordExportAsync(HttpContext http, string unitCode, string detail, CancellationToken ct) =>
        RecordAsync(http, DataAccessKind.Export, null, unitCode, detail, ct);

    private async Task RecordAsync(HttpContext http, DataAccessKind kind, string? dossierCode, string dataUnitCode, string? detail, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var province = await db.ProvinceOf(dataUnitCode).FirstOrDefaultAsync(ct) ?? dataUnitCode;
        var row = new DataAccessAuditEntry
        {
            At = time.GetUtcNow(), UserName = user.UserName, Role = MainRole(user),
            UnitCode = user.IsStaff ? user.UnitCode ?? user.ProvinceCode : null, Kind = kind, DossierCode = dossierCode,
            Detail = detail is { Length: > 200 } ? detail[..200] : detail, ProvinceCode = province,
            ClientIp = http.Connection.RemoteIpAddress?.ToString(),
        };
        // Its own context: the request's context may track other entities (a page's, or the account the sign-in cookie
        // check loaded), and SaveChanges there would write them too — or fail on them and turn a read into a 500.
        await using var scope = scopes.CreateAsyncScope();
        var auditDb = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        auditDb.DataAccessAudit.Add(row);
        await auditDb.SaveChangesAsync(ct);
    }

    public sealed record Filter(string? User = null, string? Dossier = null, string? From = null, string? To = null, int? Page = null,
        int? PageSize = null);

    public sealed record AuditRowDto(long Id, DateTimeOffset At, string UserName, string? FullName, string Role, string? UnitCode,
        DataAccessKind Kind, string? DossierCode, string? Detail, string? ClientIp);

    public sealed record AuditPage(IReadOnlyList<AuditRowDto> Items, int Page, int PageSize, int Total);

    /// <summary>The rows of the administrator's province, newest first, by account, dossier code and Vietnam dates (inclusive).</summary>
    public async Task<Outcome<AuditPage>> SearchAsync(CurrentUser admin, Filter filter, ProblemResults problems, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var from = ParseDate(filter.From, "from", errors, problems);
        var to = ParseDate(filter.To, "to", errors, problems);
        if (from is not null && to is not null && from > to) errors.Add("to", problems.Text["Audit.RangeInvalid"]);
        if (errors.Any) return Outcome<AuditPage>.Invalid(errors);
        var size = Math.Clamp(filter.PageSize ?? 50, 1, 200);
        var number = Math.Max(1, filter.Page ?? 1);

        var query = db.DataAccessAudit.AsNoTracking().Where(a => a.ProvinceCode == admin.ProvinceCode);
        if (!string.IsNullOrWhiteSpace(filter.User)) query = query.Where(a => a.UserName == filter.User.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Dossier)) query = query.Where(a => a.DossierCode == filter.Dossier.Trim());
        if (from is { } f)
        {
            var start = new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), WorkingCalendarOffset).ToUniversalTime();
            query = query.Where(a => a.At >= start);
        }
        if (to is { } t)
        {
            var end = new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendarOffset).ToUniversalTime();
            query = query.Where(a => a.At < end);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var names = await FullNamesAsync(rows.Select(r => r.UserName), ct);
        return Outcome<AuditPage>.Ok(new AuditPage(rows.Select(r => new AuditRowDto(r.Id, r.At.ToVietnam(), r.UserName,
            names.GetValueOrDefault(r.UserName), r.Role, r.UnitCode, r.Kind, r.DossierCode, r.Detail, r.ClientIp)).ToList(), number, size, total));
    }

    public sealed record Reader(DateTimeOffset At, string FullName, string Role, string? UnitName, DataAccessKind Kind);

    /// <summary>
    /// Who opened a dossier, for its owner: every read by someone else, newest first, with the reader's name, role and unit
    /// (no account name, IP or other detail of the staff member).
    /// </summary>
    public async Task<IReadOnlyList<Reader>> ReadersOfAsync(string dossierCode, string ownerUserName, CancellationToken ct = default)
    {
        var rows = await db.DataAccessAudit.AsNoTracking()
            .Where(a => a.DossierCode == dossierCode && a.UserName != ownerUserName)
            .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        var names = await FullNamesAsync(rows.Select(r => r.UserName), ct);
        var unitCodes = rows.Where(r => r.UnitCode != null).Select(r => r.UnitCode!).Distinct().ToList();
        var units = await db.CurrentUnits().Where(u => unitCodes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        return rows.Select(r => new Reader(r.At, names.GetValueOrDefault(r.UserName) ?? "", r.Role,
            r.UnitCode is null ? null : units.GetValueOrDefault(r.UnitCode) ?? r.UnitCode, r.Kind)).ToList();
    }

    private async Task<Dictionary<string, string>> FullNamesAsync(IEnumerable<string> userNames, CancellationToken ct)
    {
        var distinct = userNames.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => distinct.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.FullName, ct);
    }

    private static readonly TimeSpan WorkingCalendarOffset = MotCua.Core.Calendar.WorkingCalendar.VietnamOffset;

    private static DateOnly? ParseDate(string? text, string field, ValidationErrors errors, ProblemResults problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, problems.Text["Audit.DateInvalid"]);
        return null;
    }
}
