using MotCua.Core.Catalog;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Administration;

/// <summary>Bulk creation of staff accounts by the province administrator (the one-by-one form is the page's).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/accounts/imports", ImportAsync).DisableAntiforgery().WithTags("Accounts")
            .RequireAuthorization(p => p.RequireRole(Roles.ProvinceAdmin))
            .WithSummary("Create staff accounts from a CSV or Excel file (multipart `file`; columns userName, fullName, role, unitCode): all rows or none; 200 with one-time passwords, 422 with the refused rows.");
        return api;
    }

    private static async Task<IResult> ImportAsync(IFormFile? file, HttpContext http, StaffAccountImport import, ProblemResults problems,
        CancellationToken ct) =>
        (await import.ImportAsync(file, CurrentUser.From(http.User), ct)).ToResult(problems, r => r.Created ? Results.Ok(r) : Results.UnprocessableEntity(r));
}
