using MotCua.Core.Catalog;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Administration;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Units;

/// <summary>
/// The province administrator keeps the reception points and electronic agency codes of the province's units; the rules
/// are those of the admin pages (<see cref="ReceptionPointAdmin"/>), including "a unit keeps at least one open point".
/// </summary>
public static class ReceptionPointEndpoints
{
    public sealed record AgencyCodeRequest(string? AgencyCode);

    public static void MapReceptionPointEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/units/{unitCode}").WithTags("Units").RequireAuthorization(p => p.RequireRole(Roles.ProvinceAdmin));
        group.MapPost("/reception-points", AddAsync).WithSummary("Add a reception point to a unit of the admin's province.");
        group.MapPut("/reception-points/{code}", UpdateAsync)
            .WithSummary("Rename, move or close a reception point (409 when it is the unit's last open one).");
        group.MapPut("/agency-code", SetAgencyCodeAsync).WithSummary("Set the unit's official electronic agency code (VVV.ZZ.YY.MXX).");
    }

    private static UnitEndpoints.ReceptionPointDto Dto(ReceptionPoint point) => new(point.Code, point.Name, point.Address);

    private static async Task<IResult> AddAsync(string unitCode, ReceptionPointAdmin.PointRequest request, HttpContext http,
        ReceptionPointAdmin points, ProblemResults problems, CancellationToken ct) =>
        (await points.AddAsync(unitCode, request, CurrentUser.From(http.User), ct))
            .ToResult(problems, point => Results.Created($"/api/v1/units/{unitCode}", Dto(point)));

    private static async Task<IResult> UpdateAsync(string unitCode, string code, ReceptionPointAdmin.PointRequest request, HttpContext http,
        ReceptionPointAdmin points, ProblemResults problems, CancellationToken ct) =>
        (await points.UpdateAsync(unitCode, code, request, CurrentUser.From(http.User), ct)).ToResult(problems, point => Results.Ok(Dto(point)));

    private static async Task<IResult> SetAgencyCodeAsync(string unitCode, AgencyCodeRequest request, HttpContext http,
        ReceptionPointAdmin points, ProblemResults problems, CancellationToken ct) =>
        (await points.SetAgencyCodeAsync(unitCode, request.AgencyCode, CurrentUser.From(http.User), ct))
            .ToResult(problems, agencyCode => Results.Ok(new { unitCode, agencyCode }));
}
