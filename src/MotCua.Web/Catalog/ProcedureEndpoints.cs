using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Administration;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Catalog;

public static class ProcedureEndpoints
{
    public sealed record ProcedureSummary(string Code, string Name, string FieldCode, CompetentLevel CompetentLevel, decimal ProcessingDays,
        OnlineLevel OnlineLevel, int MinEidLevel);
    public sealed record ProcedureDetail(string Code, int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Name, string FieldCode,
        string? FieldName, CompetentLevel CompetentLevel, decimal ProcessingDays, decimal Fee, string? FeeNote, OnlineLevel OnlineLevel, int MinEidLevel,
        TimeOnly? ReceiptCutoff, string? SettlingAgency, string? LegalBasis, IReadOnlyList<RequiredDocument> RequiredDocuments,
        IReadOnlyList<FormField> FormFields, IReadOnlyList<WorkflowStep> WorkflowSteps);
    public sealed record FieldDto(string Code, string Name);
    public sealed record NewVersionRequest(DateOnly EffectiveFrom, ProcedureDefinition? Definition);

    public static void MapProcedureEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/procedures").WithTags("Catalog");
        group.MapGet("/", ListAsync).AllowAnonymous()
            .WithSummary("Procedures in force today; q searches code and name without regard to accents or case; field filters.");
        group.MapGet("/{code}", GetAsync).AllowAnonymous()
            .WithSummary("One procedure as in force on `on` (default today), with required documents, form fields and workflow.");
        group.MapGet("/{code}/versions", VersionsAsync).AllowAnonymous().WithSummary("Every version of a procedure.");
        group.MapPost("/{code}/versions", AddVersionAsync).RequireAuthorization(p => p.RequireRole(Roles.ProvinceAdmin))
            .WithSummary("Add a version effective from a future or present day (ProvinceAdmin). Dossiers already received keep their version.");
        api.MapGet("/fields", FieldsAsync).AllowAnonymous().WithTags("Catalog").WithSummary("Fields (lĩnh vực) of the catalog.");
    }

    private static async Task<IResult> FieldsAsync(MotCuaDbContext db, CancellationToken ct) =>
        Results.Ok(await db.Fields.AsNoTracking().OrderBy(f => f.Name).Select(f => new FieldDto(f.Code, f.Name)).ToListAsync(ct));

    private static async Task<IResult> ListAsync(MotCuaDbContext db, TimeProvider time, string? q, string? field, CancellationToken ct)
    {
        var query = db.VersionsInForce(time.GetUtcNow().LocalDate());
        if (!string.IsNullOrWhiteSpace(field)) query = query.Where(p => p.FieldCode == field);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = VietnameseText.Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var w in words)
                query = query.Where(p => p.NameFolded.Contains(w) || p.ProcedureCode.Contains(w));
        }
        var items = await query.OrderBy(p => p.Name).Select(p => new ProcedureSummary(p.ProcedureCode, p.Name, p.FieldCode,
            p.CompetentLevel, p.ProcessingDays, p.OnlineLevel, p.MinEidLevel)).ToListAsync(ct);
        return Results.Ok(items);
    }

    private static async Task<IResult> GetAsync(string code, DateOnly? on, MotCuaDbContext db, TimeProvider time, ProblemResults problems, CancellationToken ct)
    {
        var version = await db.VersionOnAsync(code, on ?? time.GetUtcNow().LocalDate(), ct);
        if (version is null) return problems.NotFound("Procedures.NotFound", code);
        var fieldName = await db.Fields.Where(f => f.Code == version.FieldCode).Select(f => f.Name).FirstOrDefaultAsync(ct);
        return Results.Ok(ToDetail(version, fieldName));
    }

    private static async Task<IResult> VersionsAsync(string code, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        var versions = await db.ProcedureVersions.AsNoTracking().Where(p => p.ProcedureCode == code).OrderBy(p => p.VersionNo).ToListAsync(ct);
        if (versions.Count == 0) return problems.NotFound("Procedures.NotFound", code);
        return Results.Ok(versions.Select(v => ToDetail(v, null)).ToList());
    }

    /// <summary>The rules of the catalog admin page (<see cref="AddProcedureVersion"/>).</summary>
    private static async Task<IResult> AddVersionAsync(string code, NewVersionRequest request, HttpContext http, AddProcedureVersion versions,
        ProblemResults problems, CancellationToken ct) =>
        (await versions.AddAsync(code, request.EffectiveFrom, request.Definition, CurrentUser.From(http.User).UserName, ct))
            .ToResult(problems, added => Results.Created($"/api/v1/procedures/{code}?on={request.EffectiveFrom:yyyy-MM-dd}", ToDetail(added, null)));

    internal static ProcedureDetail ToDetail(ProcedureVersion v, string? fieldName)
    {
        var d = CatalogJson.Deserialize(v.DefinitionJson);
        return new ProcedureDetail(v.ProcedureCode, v.VersionNo, v.EffectiveFrom, v.EffectiveTo, d.Name, d.FieldCode, fieldName,
            d.CompetentLevel, d.ProcessingDays, d.Fee, d.FeeNote, d.OnlineLevel, d.MinEidLevel, d.ReceiptCutoff,
            d.SettlingAgency, d.LegalBasis, d.RequiredDocuments, d.FormFields, d.WorkflowSteps);
    }
}
