using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using MotCua.Web.Accounts;
using MotCua.Web.Audit;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Statistics;

/// <summary>
/// The figures as a file: Excel in the layout of the periodic report on the settlement of administrative procedures
/// (received online / at the counter and by post; settled on time / late; being settled within time / overdue; per field and
/// procedure), and CSV with one line per procedure for other tools. Like the receipt, the report's headings are the fixed
/// Vietnamese of the form; the CSV header is stable machine names.
/// </summary>
public static class StatisticsExport
{
    public static async Task<IResult> ExcelAsync(HttpContext http, GetFigures figures, ProblemResults problems, DataAccessAudit audit, string? unit,
        string? province, string? from, string? to, CancellationToken ct)
    {
        var outcome = await figures.ForUserAsync(CurrentUser.From(http.User), unit, province, from, to, "month", ct);
        if (outcome.Succeeded) await RecordAsync(http, audit, "xlsx", outcome.Value!, ct);
        return outcome.ToResult(problems, f => Results.File(Workbook(f),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"bao-cao-tthc-{f.Code}-{f.From:yyyyMMdd}-{f.To:yyyyMMdd}.xlsx"));
    }

    public static async Task<IResult> CsvAsync(HttpContext http, GetFigures figures, ProblemResults problems, DataAccessAudit audit, string? unit,
        string? province, string? from, string? to, CancellationToken ct)
    {
        var outcome = await figures.ForUserAsync(CurrentUser.From(http.User), unit, province, from, to, "month", ct);
        if (outcome.Succeeded) await RecordAsync(http, audit, "csv", outcome.Value!, ct);
        return outcome.ToResult(problems, f => Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(f))).ToArray(),
            "text/csv; charset=utf-8", $"statistics-{f.Code}-{f.From:yyyyMMdd}-{f.To:yyyyMMdd}.csv"));
    }

    /// <summary>Every export is a line of the data-access audit: the file kind, the unit or province and the period.</summary>
    private static Task RecordAsync(HttpContext http, DataAccessAudit audit, string kind, Figures f, CancellationToken ct) =>
        audit.RecordExportAsync(http, f.Code, $"statistics {kind} {f.Code} {f.From:yyyy-MM-dd}..{f.To:yyyy-MM-dd}", ct);

    public static readonly string[] CsvColumns =
    [
        "procedureCode", "procedureName", "received", "receivedOnline", "receivedCounterOrPost", "resolved", "resolvedOnTime",
        "resolvedLate", "pendingWithinTime", "pendingOverdue", "supplementRequests", "rejections", "withdrawals",
        "averageProcessingDays", "p90ProcessingDays", "rated", "averageRating",
    ];

    public static string Csv(Figures f)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', CsvColumns));
        foreach (var p in f.ByProcedure.Append(new NamedFigures("", "total", f.Totals, "", null, null)))
        {
            var s = p.Figures;
            object?[] values = [p.Code, p.Name, s.Received, s.ReceivedOnline, s.Received - s.ReceivedOnline, s.Resolved, s.ResolvedOnTime,
                s.ResolvedLate, s.PendingWithinTime, s.PendingOverdue, s.SupplementRequests, s.Rejections, s.Withdrawals,
                s.AverageProcessingDays, s.P90ProcessingDays, s.Rated, s.AverageRating];
            csv.AppendLine(string.Join(',', values.Select(Field)));
        }
        return csv.ToString();
    }

    private static string Field(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    private static readonly string[] Headings =
    [
        "STT", "Lĩnh vực, thủ tục hành chính", "Tổng số hồ sơ tiếp nhận", "Trực tuyến", "Trực tiếp và dịch vụ bưu chính",
        "Tổng số đã giải quyết", "Đúng hạn", "Quá hạn", "Tổng số đang giải quyết", "Trong hạn", "Quá hạn",
        "Yêu cầu bổ sung", "Từ chối", "Rút hồ sơ",
    ];

    public static byte[] Workbook(Figures f)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("Báo cáo");
        sheet.Cell(1, 1).Value = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";
        sheet.Range(1, 1, 1, Headings.Length).Merge().Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.Cell(2, 1).Value = $"Đơn vị: {f.Name} ({f.Code}) — Kỳ báo cáo: từ {f.From:dd/MM/yyyy} đến {f.To:dd/MM/yyyy}";
        sheet.Range(2, 1, 2, Headings.Length).Merge();
        // Two heading rows as in the form: groups, then columns.
        string[] groups = ["", "", "Số hồ sơ tiếp nhận", "", "", "Số hồ sơ đã giải quyết", "", "", "Số hồ sơ đang giải quyết", "", "", "Khác", "", ""];
        for (var c = 0; c < Headings.Length; c++)
        {
            sheet.Cell(4, c + 1).Value = groups[c];
            sheet.Cell(5, c + 1).Value = Headings[c];
        }
        sheet.Range(4, 3, 4, 5).Merge();
        sheet.Range(4, 6, 4, 8).Merge();
        sheet.Range(4, 9, 4, 11).Merge();
        sheet.Range(4, 12, 4, 14).Merge();
        var header = sheet.Range(4, 1, 5, Headings.Length);
        header.Style.Font.SetBold().Alignment.SetWrapText().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var row = 6;
        var fieldNo = 0;
        foreach (var field in f.ByField)
        {
            fieldNo++;
            Write(sheet, row++, fieldNo.ToString(CultureInfo.InvariantCulture), field.Name, field.Figures, bold: true);
            var procedureNo = 0;
            foreach (var p in f.ByProcedure.Where(p => p.FieldCode == field.Code))
                Write(sheet, row++, $"{fieldNo}.{++procedureNo}", $"{p.Name} ({p.Code})", p.Figures, bold: false);
        }
        Write(sheet, row, "", "Tổng cộng", f.Totals, bold: true);
        sheet.Range(4, 1, row, Headings.Length).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        sheet.Column(2).Width = 60;
        sheet.Columns(3, Headings.Length).Width = 14;
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Write(IXLWorksheet sheet, int row, string number, string name, FigureSet s, bool bold)
    {
        sheet.Cell(row, 1).Value = number;
        sheet.Cell(row, 2).Value = name;
        long[] values = [s.Received, s.ReceivedOnline, s.Received - s.ReceivedOnline, s.Resolved, s.ResolvedOnTime, s.ResolvedLate,
            s.PendingWithinTime + s.PendingOverdue, s.PendingWithinTime, s.PendingOverdue, s.SupplementRequests, s.Rejections, s.Withdrawals];
        for (var i = 0; i < values.Length; i++) sheet.Cell(row, i + 3).Value = values[i];
        if (bold) sheet.Row(row).Style.Font.SetBold();
    }
}
