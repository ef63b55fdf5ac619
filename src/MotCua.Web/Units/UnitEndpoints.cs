using Microsoft.EntityFrameworkCore;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Units;

public static class UnitEndpoints
{
    public sealed record UnitSummary(string Code, string Name, AdministrativeUnitKind Kind, string? ParentCode, string? AgencyCode);
    public sealed record ReceptionPointDto(string Code, string Name, string? Address);
    public sealed record PredecessorDto(string Code, string Name, string? OldDistrictName, string? OldProvinceName, bool Partial);
    public sealed record UnitDetail(string Code, string Name, AdministrativeUnitKind Kind, string? ParentCode, string? ShortCode, string? AgencyCode,
        DateOnly? EffectiveFrom, DateOnly? EffectiveTo, IReadOnlyList<ReceptionPointDto> ReceptionPoints,
        IReadOnlyList<PredecessorDto> Predecessors, IReadOnlyList<string> Successors);
    public sealed record UnitPage(IReadOnlyList<UnitSummary> Items, int Total, int Page, int PageSize);

    public static void MapUnitEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/units").WithTags("Units").AllowAnonymous();
        group.MapGet("/", ListAsync).WithSummary("Current administrative units; filter by parent (province code), kind, or name (accent-insensitive).");
        group.MapGet("/{code}", GetAsync).WithSummary("One unit (current or merged away) with its reception points and lineage.");
    }

    private static async Task<IResult> ListAsync(MotCuaDbContext db, ProblemResults problems, string? parent, string? kind, string? q,
        bool? includeHistoric, int page = 1, int pageSize = 100, CancellationToken ct = default)
    {
        if (page < 1 || pageSize is < 1 or > 500) return problems.BadRequest("Paging.Invalid", 500);
        var query = db.Units.AsNoTracking();
        if (includeHistoric != true) query = query.Where(u => u.EffectiveTo == null);
        if (!string.IsNullOrWhiteSpace(parent)) query = query.Where(u => u.ParentCode == parent);
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (!Enum.TryParse<AdministrativeUnitKind>(kind, true, out var k)) return problems.BadRequest("Units.UnknownKind", kind);
            query = query.Where(u => u.Kind == k);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var folded = VietnameseText.Fold(q);
            query = query.Where(u => u.NameFolded.Contains(folded));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(u => u.Code).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(u => new UnitSummary(u.Code, u.Name, u.Kind, u.ParentCode, u.AgencyCode)).ToListAsync(ct);
        return Results.Ok(new UnitPage(items, total, page, pageSize));
    }

    private static async Task<IResult> GetAsync(string code, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        // The current unit of that code, else the latest merged-away unit that had it.
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code)
            .OrderBy(u => u.EffectiveTo == null ? 0 : 1).ThenByDescending(u => u.EffectiveTo).FirstOrDefaultAsync(ct);
        if (unit is null) return problems.NotFound("Units.NotFound", code);
        var points = unit.IsCurrent
            ? await db.ReceptionPoints.AsNoTracking().Where(r => r.UnitCode == code && r.IsActive).OrderBy(r => r.Code)
                .Select(r => new ReceptionPointDto(r.Code, r.Name, r.Address)).ToListAsync(ct)
            : [];
        // The 2025 lineage runs from merged-away units (with an end date) to current ones.
        var predecessors = !unit.IsCurrent ? [] : await (from s in db.UnitSuccessions.AsNoTracking()
                                  join u in db.Units.AsNoTracking().Where(x => x.EffectiveTo != null) on s.PredecessorCode equals u.Code
                                  where s.SuccessorCode == code
                                  orderby u.Code
                                  select new PredecessorDto(u.Code, u.Name, u.OldDistrictName, u.OldProvinceName, s.Partial)).ToListAsync(ct);
        var successors = unit.IsCurrent ? [] : await db.UnitSuccessions.AsNoTracking().Where(s => s.PredecessorCode == code)
            .OrderBy(s => s.SuccessorCode).Select(s => s.SuccessorCode).ToListAsync(ct);
        return Results.Ok(new UnitDetail(unit.Code, unit.Name, unit.Kind, unit.ParentCode, unit.ShortCode, unit.AgencyCode,
            unit.EffectiveFrom, unit.EffectiveTo,
            points,
            predecessors, successors));
    }
}
