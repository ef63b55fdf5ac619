using MotCua.Core.Catalog;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Audit;

/// <summary>The personal-data access audit for province administrators: search by account, dossier code and dates.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/audit/data-access", SearchAsync).WithTags("Audit").RequireAuthorization(p => p.RequireRole(Roles.ProvinceAdmin))
            .WithSummary("Reads of dossiers' personal data and exports in the admin's province (filter user, dossier, from, to as yyyy-MM-dd; newest first).");
        return api;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, DataAccessAudit audit, ProblemResults problems, string? user,
        string? dossier, string? from, string? to, int? page, int? pageSize, CancellationToken ct) =>
        (await audit.SearchAsync(CurrentUser.From(http.User), new(user, dossier, from, to, page, pageSize), problems, ct)).ToResult(problems, Results.Ok);
}
