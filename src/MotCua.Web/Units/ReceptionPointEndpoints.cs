using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Units;

/// <summary>The province administrator keeps the reception points and electronic agency codes of the province's units.</summary>
public static partial class ReceptionPointEndpoints
{
    public sealed record ReceptionPointRequest(string? Code, string? Name, string? Address, bool? IsActive);
    public sealed record AgencyCodeRequest(string? AgencyCode);

    [GeneratedRegex(@"^[0-9A-Za-z\-]{3,64}\z")]
    private static partial Regex PointCode();

    public static void MapReceptionPointEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/units/{unitCode}").WithTags("Units").RequireAuthorization(p => p.RequireRole(Roles.ProvinceAdmin));
        group.MapPost("/reception-points", AddAsync).WithSummary("Add a reception point to a unit of the admin's province.");
        group.MapPut("/reception-points/{code}", UpdateAsync).WithSummary("Rename, move or close a reception point.");
        group.MapPut("/agency-code", SetAgencyCodeAsync).WithSummary("Set the unit's official electronic agency code (VVV.ZZ.YY.MXX).");
    }

    private static async Task<IResult?> CheckUnitAsync(string unitCode, HttpContext http, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        var province = await db.ProvinceOf(unitCode).SingleOrDefaultAsync(ct);
        return province is null || province != CurrentUser.From(http.User).ProvinceCode ? problems.NotFound("Units.NotFound", unitCode) : null;
    }

    private static void Validate(ReceptionPointRequest r, ValidationErrors errors, ProblemResults problems, bool creating)
    {
        var t = problems.Text;
        if (creating && (string.IsNullOrWhiteSpace(r.Code) || !PointCode().IsMatch(r.Code.Trim()))) errors.Add("code", t["Units.PointCodeInvalid"]);
        if (string.IsNullOrWhiteSpace(r.Name)) errors.Add("name", t["Validation.Required"]);
        else if (r.Name.Trim().Length > 200) errors.Add("name", t["Validation.MaxLength", 200]);
        if (r.Address is { Length: > 300 }) errors.Add("address", t["Validation.MaxLength", 300]);
    }

    private static async Task<IResult> AddAsync(string unitCode, ReceptionPointRequest request, HttpContext http, MotCuaDbContext db,
        ProblemResults problems, CancellationToken ct)
    {
        if (await CheckUnitAsync(unitCode, http, db, problems, ct) is { } notFound) return notFound;
        var errors = new ValidationErrors();
        Validate(request, errors, problems, creating: true);
        if (errors.Any) return problems.Validation(errors);
        if (await db.ReceptionPoints.AnyAsync(r => r.Code == request.Code!.Trim(), ct)) return problems.Conflict("Units.PointCodeTaken", request.Code!);
        var point = new ReceptionPoint { Code = request.Code!.Trim(), UnitCode = unitCode, Name = request.Name!.Trim(),
            Address = string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim(), IsActive = request.IsActive ?? true };
        db.ReceptionPoints.Add(point);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/units/{unitCode}", new UnitEndpoints.ReceptionPointDto(point.Code, point.Name, point.Address));
    }

    private static async Task<IResult> UpdateAsync(string unitCode, string code, ReceptionPointRequest request, HttpContext http,
        MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        if (await CheckUnitAsync(unitCode, http, db, problems, ct) is { } notFound) return notFound;
        var point = await db.ReceptionPoints.SingleOrDefaultAsync(r => r.Code == code && r.UnitCode == unitCode, ct);
        if (point is null) return problems.NotFound("Units.PointNotFound", code);
        var errors = new ValidationErrors();
        Validate(request, errors, problems, creating: false);
        if (errors.Any) return problems.Validation(errors);
        point.Name = request.Name!.Trim();
        point.Address = string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim();
        point.IsActive = request.IsActive ?? point.IsActive;
        await db.SaveChangesAsync(ct);
        return Results.Ok(new UnitEndpoints.ReceptionPointDto(point.Code, point.Name, point.Address));
    }

    private static async Task<IResult> SetAgencyCodeAsync(string unitCode, AgencyCodeRequest request, HttpContext http, MotCuaDbContext db,
        ProblemResults problems, CancellationToken ct)
    {
        if (await CheckUnitAsync(unitCode, http, db, problems, ct) is { } notFound) return notFound;
        var code = request.AgencyCode?.Trim() ?? "";
        if (!DossierCode.IsValidAgencyCode(code))
        {
            var errors = new ValidationErrors();
            errors.Add("agencyCode", problems.Text["Units.AgencyCodeInvalid"]);
            return problems.Validation(errors);
        }
        var unit = await db.CurrentUnits().SingleAsync(u => u.Code == unitCode, ct);
        if (await db.Units.AnyAsync(u => u.AgencyCode == code && u.Id != unit.Id, ct)) return problems.Conflict("Units.AgencyCodeTaken", code);
        unit.AgencyCode = code;
        await db.SaveChangesAsync(ct);
        return Results.Ok(new { unitCode, agencyCode = code });
    }
}
