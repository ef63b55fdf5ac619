using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>Checks formData against the procedure's form fields and returns the normalised JSON to store.</summary>
public static class FormDataValidation
{
    public const int DefaultMaxLength = 500;

    public static string Validate(ProcedureDefinition procedure, JsonElement? formData, ValidationErrors errors, IStringLocalizer t)
    {
        var result = new JsonObject();
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (formData is { ValueKind: JsonValueKind.Object } obj)
            foreach (var p in obj.EnumerateObject()) values[p.Name] = p.Value;
        else if (formData is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors.Add("formData", t["FormData.NotAnObject"]);
            return "{}";
        }

        foreach (var key in values.Keys.Where(k => procedure.FormFields.All(f => f.Key != k)))
            errors.Add($"formData.{key}", t["FormData.UnknownField"]);

        foreach (var field in procedure.FormFields)
        {
            var path = $"formData.{field.Key}";
            if (!values.TryGetValue(field.Key, out var value) || value.ValueKind == JsonValueKind.Null ||
                (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())))
            {
                if (field.Required) errors.Add(path, t["FormData.Required", field.Label]);
                continue;
            }
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.GetRawText();
            switch (field.Kind)
            {
                case FormFieldKind.Text or FormFieldKind.LongText:
                    var max = field.MaxLength ?? (field.Kind == FormFieldKind.LongText ? 4000 : DefaultMaxLength);
                    if (value.ValueKind != JsonValueKind.String) errors.Add(path, t["FormData.NotText", field.Label]);
                    else if (text.Length > max) errors.Add(path, t["Validation.MaxLength", max]);
                    else result[field.Key] = text;
                    break;
                case FormFieldKind.Date:
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        result[field.Key] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    else errors.Add(path, t["FormData.NotDate", field.Label]);
                    break;
                case FormFieldKind.Number:
                    if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) result[field.Key] = number;
                    else errors.Add(path, t["FormData.NotNumber", field.Label]);
                    break;
                case FormFieldKind.Choice:
                    if (field.Options?.Contains(text) == true) result[field.Key] = text;
                    else errors.Add(path, t["FormData.NotAnOption", field.Label, string.Join(", ", field.Options ?? [])]);
                    break;
                case FormFieldKind.IdNumber:
                    if (CitizenIdNumber.IsValid(text)) result[field.Key] = text;
                    else errors.Add(path, t["Applicant.IdNumberFormat"]);
                    break;
                case FormFieldKind.Phone:
                    if (text.Length is >= 9 and <= 15 && text.TrimStart('+').All(char.IsAsciiDigit)) result[field.Key] = text;
                    else errors.Add(path, t["Applicant.PhoneInvalid"]);
                    break;
            }
        }
        return result.ToJsonString();
    }
}
