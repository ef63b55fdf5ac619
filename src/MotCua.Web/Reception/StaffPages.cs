using System.Globalization;
using System.Text.Json;
using MotCua.Core.Calendar;
using MotCua.Core.Dossiers;
using QRCoder;

namespace MotCua.Web.Staff;

/// <summary>Small helpers shared by the staff pages: Vietnam-time inputs, field ids for errors, 404, QR codes, due marks.</summary>
public static class StaffPages
{
    private const string LocalInputFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>
    /// Answers 404 while still rendering the page's own "not found" content: the status is set when the response starts,
    /// after the component renderer has decided not to hand the request to the status-code pages.
    /// </summary>
    public static void MarkNotFound(HttpContext http) => http.Response.OnStarting(() =>
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    });

    /// <summary>A datetime-local value ("2025-07-01T09:30", seconds allowed) read as Vietnam time (+07:00); null when empty or unreadable.</summary>
    public static bool TryParseLocal(string? value, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!DateTime.TryParseExact(value.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        instant = new DateTimeOffset(local, WorkingCalendar.VietnamOffset);
        return true;
    }

    /// <summary>The value of a datetime-local input for an instant, in Vietnam time.</summary>
    public static string ToLocalInput(DateTimeOffset instant) =>
        instant.ToOffset(WorkingCalendar.VietnamOffset).ToString(LocalInputFormat, CultureInfo.InvariantCulture);

    /// <summary>camelCase name of an enum value, as the API and the forms spell it.</summary>
    public static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The element id of the input an error key belongs to ("applicant.idNumber" → "applicant-idNumber", "formData.x" → "f-x").</summary>
    public static string FieldId(string key) => key switch
    {
        "procedureCode" => "procedure",
        "applicant" => "applicant-fullName",
        _ when key.StartsWith("formData.", StringComparison.Ordinal) => "f-" + key["formData.".Length..],
        _ => key.Replace('.', '-'),
    };

    /// <summary>Overdue: the clock runs, no result yet, the appointment has passed (the same rule as the dossier's).</summary>
    public static bool IsOverdue(DossierStatus status, DateTimeOffset? completedAt, DateTimeOffset? clockStoppedAt, DateTimeOffset dueAt, DateTimeOffset now) =>
        completedAt is null && clockStoppedAt is null && !DossierTransitionRules.IsFinal(status) && now > dueAt;

    /// <summary>Due soon: not overdue yet, clock running, due within one working day from now.</summary>
    public static bool IsDueSoon(DossierStatus status, DateTimeOffset? completedAt, DateTimeOffset? clockStoppedAt, DateTimeOffset dueAt,
        DateTimeOffset now, DateTimeOffset soonLimit) =>
        completedAt is null && clockStoppedAt is null && !DossierTransitionRules.IsFinal(status) && dueAt >= now && dueAt <= soonLimit;

    /// <summary>The end of the "due soon" window: one working day from now on the working calendar.</summary>
    public static DateTimeOffset DueSoonLimit(WorkingCalendar calendar, DateTimeOffset now) =>
        calendar.AddWorkingTime(now, calendar.Hours.DayLength).ToUniversalTime();

    /// <summary>Whole working days late (a started day counts), at least 1 for an overdue dossier.</summary>
    public static int WorkingDaysLate(WorkingCalendar calendar, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var late = calendar.WorkingTimeBetween(dueAt, now);
        return Math.Max(1, (int)Math.Ceiling(late.TotalMinutes / calendar.Hours.DayLength.TotalMinutes));
    }

    /// <summary>A PNG QR code (error correction M) as a data: URI, so the page needs no other request.</summary>
    public static string QrDataUri(string text, int pixelsPerModule = 4)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The public tracking link printed on the receipt: the portal's tracking page with the code filled in.</summary>
    public static string TrackingUrl(HttpRequest request, string code) =>
        $"{request.Scheme}://{request.Host}/tra-cuu?ma={Uri.EscapeDataString(code)}";

    /// <summary>Shortens a long catalog name for a select option.</summary>
    public static string Short(string text, int max = 110) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
