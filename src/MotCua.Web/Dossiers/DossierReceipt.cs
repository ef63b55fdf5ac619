using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Form 01 of Circular 03/2025/TT-VPCP: the receipt and appointment slip, as a printable Vietnamese HTML page (A4/A5).
/// The form is a legal document in Vietnamese, so its text is fixed here rather than translated.
/// </summary>
public static class DossierReceipt
{
    public static async Task<IResult> HandleAsync(string code, HttpContext http, MotCuaDbContext db, ProblemResults problems, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        var dossier = await db.Dossiers.VisibleTo(db, user).AsNoTracking().Include(d => d.Documents).SingleOrDefaultAsync(d => d.Code == code, ct);
        if (dossier is null) return problems.NotFound("Dossiers.NotFound", code);
        var version = await db.ProcedureVersions.AsNoTracking().SingleAsync(p => p.Id == dossier.ProcedureVersionId, ct);
        var definition = CatalogJson.Deserialize(version.DefinitionJson);
        var units = await db.CurrentUnits().AsNoTracking().Where(u => u.Code == dossier.UnitCode || u.Code == dossier.ReceivingUnitCode).ToListAsync(ct);
        var competent = units.Single(u => u.Code == dossier.UnitCode);
        var receiving = units.Single(u => u.Code == dossier.ReceivingUnitCode);
        var point = dossier.ReceptionPointCode is null ? null
            : await db.ReceptionPoints.AsNoTracking().SingleOrDefaultAsync(r => r.Code == dossier.ReceptionPointCode, ct);
        var handedIn = dossier.Documents.Select(d => d.RequiredDocumentCode).ToHashSet();

        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var received = dossier.ReceivedAt.ToVietnam();
        var due = dossier.DueAt.ToVietnam();
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Giấy tiếp nhận hồ sơ {{E(dossier.Code)}}</title>
            <style>
            @page { size: A4; margin: 15mm; } body { font-family: "Times New Roman", serif; font-size: 13pt; max-width: 180mm; margin: auto; }
            .head { display: flex; justify-content: space-between; text-align: center; } h1 { font-size: 14pt; text-align: center; margin: 16px 0 4px; }
            table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #000; padding: 4px; text-align: left; vertical-align: top; }
            .code { font-family: monospace; font-size: 14pt; font-weight: bold; } .sign { display: flex; justify-content: space-between; margin-top: 24px; text-align: center; }
            </style></head><body>
            <div class="head"><div><strong>{{E(receiving.Name.ToUpper(vi))}}</strong><br>BỘ PHẬN MỘT CỬA</div>
            <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập - Tự do - Hạnh phúc</div></div>
            <h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
            <p style="text-align:center">Mã hồ sơ: <span class="code">{{E(dossier.Code)}}</span></p>
            <p>{{E(point?.Name ?? receiving.Name)}} đã tiếp nhận hồ sơ của: <strong>{{E(dossier.Applicant.FullName)}}</strong></p>
            <p>Số định danh cá nhân: {{E(CitizenIdNumber.Mask(dossier.Applicant.IdNumber))}}; Số điện thoại: {{E(dossier.Applicant.Phone)}}; Thư điện tử: {{E(dossier.Applicant.Email)}}</p>
            <p>Địa chỉ: {{E(dossier.Applicant.Address)}}</p>
            <p>Nội dung yêu cầu giải quyết: <strong>{{E(definition.Name)}}</strong> (mã {{E(definition.Code)}})</p>
            <p>Cơ quan giải quyết: {{E(competent.Name)}}{{(definition.SettlingAgency is null ? "" : " — chuyển " + E(definition.SettlingAgency))}}</p>
            <p>Thành phần hồ sơ:</p>
            <table><thead><tr><th>TT</th><th>Tên giấy tờ</th><th>Hình thức</th><th>Đã nộp</th></tr></thead><tbody>
            """);
        var i = 0;
        foreach (var doc in definition.RequiredDocuments)
            html.Append($"<tr><td>{++i}</td><td>{E(doc.Name)}{(doc.Required ? "" : " (nếu có)")}</td><td>{(doc.Original ? "Bản chính" : "Bản sao")}</td><td>{(handedIn.Contains(doc.Code) ? "Có" : "")}</td></tr>");
        html.Append($$"""
            </tbody></table>
            <p>Số lượng hồ sơ: 01 bộ. Hình thức nộp: {{E(ChannelName(dossier.Channel))}}.</p>
            <p>Thời gian giải quyết hồ sơ theo quy định: {{definition.ProcessingDays.ToString("0.##", vi)}} ngày làm việc.</p>
            <p>Thời gian nhận hồ sơ: {{received.ToString("HH 'giờ' mm 'phút', 'ngày' dd/MM/yyyy", vi)}}.</p>
            <p><strong>Thời gian trả kết quả giải quyết hồ sơ: {{due.ToString("HH 'giờ' mm 'phút', 'ngày' dd/MM/yyyy", vi)}}.</strong></p>
            <p>Vào Sổ theo dõi hồ sơ, Quyển số: {{received.Year}}, Số thứ tự: {{E(dossier.Code[^4..])}}</p>
            <p>Tra cứu tình trạng hồ sơ bằng mã hồ sơ và số định danh cá nhân tại trang tra cứu của Trung tâm.</p>
            <div class="sign"><div><strong>NGƯỜI NỘP HỒ SƠ</strong><br><em>(Ký và ghi rõ họ tên)</em></div>
            <div><strong>NGƯỜI TIẾP NHẬN HỒ SƠ</strong><br><em>(Ký và ghi rõ họ tên)</em><br><br><br>{{E(dossier.ReceivedBy)}}</div></div>
            </body></html>
            """);
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string ChannelName(IntakeChannel channel) => channel switch
    {
        IntakeChannel.Online => "Trực tuyến",
        IntakeChannel.Counter => "Trực tiếp",
        IntakeChannel.Post => "Qua dịch vụ bưu chính",
        IntakeChannel.BackEntry => "Trực tiếp (nhập bổ sung)",
        _ => channel.ToString(),
    };
}
