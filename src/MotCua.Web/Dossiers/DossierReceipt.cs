using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Data;
using MotCua.Web.Accounts;
using MotCua.Web.Audit;
using MotCua.Web.Infrastructure;
using MotCua.Web.Reception;
using MotCua.Web.Staff;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Form 01 of Circular 03/2025/TT-VPCP, the receipt and appointment slip, as a printable Vietnamese HTML page (A4): the
/// same form as the staff receipt page (<c>Reception/ReceiptForm.razor</c>), on a page of its own.
/// </summary>
public static class DossierReceipt
{
    public static async Task<IResult> HandleAsync(string code, HttpContext http, MotCuaDbContext db, ProblemResults problems,
        DataAccessAudit audit, CancellationToken ct)
    {
        var data = await ReceiptContent.LoadAsync(db, code, CurrentUser.From(http.User), ct);
        if (data is null) return problems.NotFound("Dossiers.NotFound", code);
        await audit.RecordDossierReadAsync(http, MotCua.Data.Entities.DataAccessKind.Receipt, data.Dossier.Code, data.Dossier.UnitCode, null, ct);
        return new RazorComponentResult<ReceiptDocument>(new { Data = data, TrackingUrl = StaffPages.TrackingUrl(http.Request, code) })
        {
            ContentType = "text/html; charset=utf-8",
        };
    }
}
