using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>The work queue: dossiers the caller may see, filtered and paged, newest first.</summary>
public static class ListDossiers
{
    public const int MaxPageSize = 200;

    public static async Task<IResult> HandleAsync(HttpContext http, MotCuaDbContext db, TimeProvider time, ProblemResults problems,
        string? unit, string? status, bool? overdue, string? q, string? procedure, string? assignee, int page = 1, int pageSize = 50,
        CancellationToken ct = default)
    {
        var t = problems.Text;
        var errors = new ValidationErrors();
        if (page < 1) errors.Add("page", t["Paging.Invalid", MaxPageSize]);
        if (pageSize is < 1 or > MaxPageSize) errors.Add("pageSize", t["Paging.Invalid", MaxPageSize]);
        DossierStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<DossierStatus>(status, true, out var s) && !int.TryParse(status, out _)) statusFilter = s;
            else errors.Add("status", t["Dossiers.StatusInvalid"]);
        }
        if (errors.Any) return problems.Validation(errors);

        var user = CurrentUser.From(http.User);
        var now = time.GetUtcNow();
        var query = db.Dossiers.AsNoTracking().VisibleTo(db, user);
        if (!string.IsNullOrWhiteSpace(unit)) query = query.Where(d => d.UnitCode == unit);
        if (statusFilter is { } sf) query = query.Where(d => d.Status == sf);
        if (!string.IsNullOrWhiteSpace(procedure)) query = query.Where(d => d.ProcedureCode == procedure);
        if (!string.IsNullOrWhiteSpace(assignee)) query = query.Where(d => d.Assignee == assignee);
        if (overdue is { } o)
        {
            var open = query.Where(d => d.CompletedAt == null && d.ClockStoppedAt == null
                && d.Status != DossierStatus.Returned && d.Status != DossierStatus.Withdrawn);
            query = o ? open.Where(d => d.DueAt < now) : query.Where(d => !(d.CompletedAt == null && d.ClockStoppedAt == null
                && d.Status != DossierStatus.Returned && d.Status != DossierStatus.Withdrawn && d.DueAt < now));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Codes are upper-case ASCII; names are matched folded (no accents, no case) on every database.
            var code = q.Trim().ToUpperInvariant();
            var name = VietnameseText.Fold(q);
            query = query.Where(d => d.Code.StartsWith(code) || d.ApplicantNameFolded.Contains(name));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new { d.Code, d.ProcedureCode, d.UnitCode, d.Channel, d.Status, d.Applicant.FullName, d.ReceivedAt, d.DueAt,
                d.CompletedAt, d.ClockStoppedAt, d.Assignee, d.Version })
            .ToListAsync(ct);
        var items = rows.Select(d => new DossierListItem(d.Code, d.ProcedureCode, d.UnitCode,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.Channel.ToString()),
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.Status.ToString()), d.FullName, d.ReceivedAt.ToVietnam(),
            d.DueAt.ToVietnam(), d.CompletedAt == null && d.ClockStoppedAt == null && !DossierTransitionRules.IsFinal(d.Status) && now > d.DueAt,
            d.Assignee, d.Version)).ToList();
        return Results.Ok(new DossierPage(items, total, page, pageSize));
    }
}
