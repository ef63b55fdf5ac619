using System.Globalization;
using System.Text.Json;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Portal;

/// <summary>
/// The online submission form as plain HTML fields: names are the keys the intake service reports errors under
/// ("applicant.idNumber", "formData.childFullName", "unitCode"), so a message lands next to its field.
/// </summary>
public static class PortalForm
{
    public const string UnitCode = "unitCode";
    public const string Province = "province";
    public const string Consent = "consent";
    public const string DocumentPrefix = "doc-";
    public const string FileAccept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

    /// <summary>The applicant block, in the order it is shown.</summary>
    public static readonly IReadOnlyList<string> ApplicantFields = ["fullName", "idNumber", "dateOfBirth", "phone", "email", "address"];

    public static string Applicant(string field) => "applicant." + field;
    public static string FormData(string key) => "formData." + key;

    /// <summary>An HTML id for a field name ("applicant.idNumber" → "f-applicant-idNumber").</summary>
    public static string Id(string name) => "f-" + name.Replace('.', '-');

    /// <summary>The id of the element that holds a field's error messages.</summary>
    public static string ErrorId(string name) => "e-" + name.Replace('.', '-');

    /// <summary>Every field of the form, as typed (trimmed of nothing: the user's text is kept as is).</summary>
    public static Dictionary<string, string> Read(IFormCollection form, ProcedureDefinition definition)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names(definition))
            values[name] = form[name].ToString();
        return values;
    }

    public static IEnumerable<string> Names(ProcedureDefinition definition) =>
        new[] { Province, UnitCode, Consent }
            .Concat(ApplicantFields.Select(Applicant))
            .Concat(definition.FormFields.Select(f => FormData(f.Key)));

    public static string Get(this IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var v) ? v : "";

    /// <summary>The applicant block for the intake service; a date of birth that is not a date is reported here.</summary>
    public static ApplicantDto ToApplicant(IReadOnlyDictionary<string, string> values, out bool dateOfBirthUnreadable)
    {
        var dobText = values.Get(Applicant("dateOfBirth")).Trim();
        DateOnly? dob = null;
        dateOfBirthUnreadable = false;
        if (dobText.Length > 0)
        {
            if (DateOnly.TryParseExact(dobText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) dob = d;
            else dateOfBirthUnreadable = true;
        }
        return new ApplicantDto(Blank(values.Get(Applicant("fullName"))), Blank(values.Get(Applicant("idNumber"))), dob,
            Blank(values.Get(Applicant("phone"))), Blank(values.Get(Applicant("email"))), Blank(values.Get(Applicant("address"))));
    }

    /// <summary>The procedure's fields as the JSON object the intake service checks; empty fields are left out.</summary>
    public static JsonElement ToFormData(IReadOnlyDictionary<string, string> values, ProcedureDefinition definition)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in definition.FormFields)
        {
            var v = values.Get(FormData(field.Key));
            if (!string.IsNullOrWhiteSpace(v)) data[field.Key] = v.Trim();
        }
        return JsonSerializer.SerializeToElement(data);
    }

    /// <summary>A yyyy-MM-dd value shown the Vietnamese way (dd/MM/yyyy); anything else as typed.</summary>
    public static string ShowDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : value;

    /// <summary>A file size in kB or MB.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.CurrentCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(CultureInfo.CurrentCulture) + " kB";

    /// <summary>The HTML input type of a procedure field.</summary>
    public static string InputType(FormFieldKind kind) => kind switch
    {
        FormFieldKind.Date => "date",
        FormFieldKind.Phone => "tel",
        _ => "text",
    };

    public static string? InputMode(FormFieldKind kind) => kind switch
    {
        FormFieldKind.Number => "decimal",
        FormFieldKind.IdNumber => "numeric",
        FormFieldKind.Phone => "tel",
        _ => null,
    };

    /// <summary>The dossier statuses in which the applicant is still waiting (not final).</summary>
    public static bool IsOpen(DossierStatus status) => !DossierTransitionRules.IsFinal(status);

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Answers for pages that show their own "not found" text.</summary>
public static class PortalResponses
{
    /// <summary>
    /// 404 with the page's own text. The status is set when the response starts: set during the render, the component
    /// renderer would leave the body empty for the status-code pages.
    /// </summary>
    public static void NotFound(HttpContext http) => http.Response.OnStarting(() =>
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    });
}
