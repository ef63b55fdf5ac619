using System.Globalization;
using Microsoft.Extensions.Localization;
using MotCua.Core.Catalog;
using MotCua.Core.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Administration;

/// <summary>
/// The "new version" form of a procedure as typed: every value is kept as text so that nothing typed is lost when a
/// field is wrong. Lists are one item per line with parts separated by "|":
/// documents "code | name | bản chính/bản sao | bắt buộc/nếu có | copies", form fields
/// "key | label | kind | bắt buộc/nếu có | option; option | max length", workflow steps "name | role | days".
/// <see cref="ToDefinition"/> reads it into a <see cref="ProcedureDefinition"/>, putting every problem on its field; the
/// catalog rules proper (<see cref="ProcedureCatalogFile.Validate(ProcedureDefinition, IEnumerable{string})"/>) run after.
/// </summary>
public sealed class ProcedureVersionForm
{
    public string? EffectiveFrom { get; set; }
    public string? Name { get; set; }
    public string? FieldCode { get; set; }
    public string? CompetentLevel { get; set; }
    public string? ProcessingDays { get; set; }
    public string? Fee { get; set; }
    public string? FeeNote { get; set; }
    public string? OnlineLevel { get; set; }
    public string? MinEidLevel { get; set; }
    public string? ReceiptCutoff { get; set; }
    public string? SettlingAgency { get; set; }
    public string? LegalBasis { get; set; }
    public string? RequiredDocuments { get; set; }
    public string? FormFields { get; set; }
    public string? WorkflowSteps { get; set; }

    /// <summary>Words written for the yes/no parts of a line, in the page's language.</summary>
    public sealed record Words(string Original, string Copy, string Required, string Optional);

    public static Words WordsOf(IStringLocalizer<AdminText> a) =>
        new(a.GetString("Words.Original"), a.GetString("Words.Copy"), a.GetString("Words.Required"), a.GetString("Words.Optional"));

    // Accepted whatever the page's language, compared without accents or case.
    private static readonly HashSet<string> OriginalWords = ["ban chinh", "chinh", "original", "originale"];
    private static readonly HashSet<string> CopyWords = ["ban sao", "sao", "copy", "copie"];
    private static readonly HashSet<string> RequiredWords = ["bat buoc", "required", "obligatoire", "co"];
    private static readonly HashSet<string> OptionalWords = ["neu co", "khong bat buoc", "optional", "facultatif", "facultative", "khong"];

    public static ProcedureVersionForm From(ProcedureDefinition d, DateOnly effectiveFrom, Words words) => new()
    {
        EffectiveFrom = AdminPage.Iso(effectiveFrom),
        Name = d.Name,
        FieldCode = d.FieldCode,
        CompetentLevel = d.CompetentLevel.ToString(),
        ProcessingDays = Number(d.ProcessingDays),
        Fee = Number(d.Fee),
        FeeNote = d.FeeNote,
        OnlineLevel = d.OnlineLevel.ToString(),
        MinEidLevel = d.MinEidLevel.ToString(CultureInfo.InvariantCulture),
        ReceiptCutoff = d.ReceiptCutoff?.ToString("HH:mm", CultureInfo.InvariantCulture),
        SettlingAgency = d.SettlingAgency,
        LegalBasis = d.LegalBasis,
        RequiredDocuments = string.Join('\n', d.RequiredDocuments.Select(r => string.Join(" | ", new[]
        {
            r.Code, r.Name, r.Original ? words.Original : words.Copy, r.Required ? words.Required : words.Optional,
        }.Concat(r.Copies == 1 ? [] : [r.Copies.ToString(CultureInfo.InvariantCulture)])))),
        FormFields = string.Join('\n', d.FormFields.Select(f => string.Join(" | ", new[]
        {
            f.Key, f.Label, f.Kind.ToString(), f.Required ? words.Required : words.Optional, string.Join("; ", f.Options ?? []),
            f.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "",
        }).TrimEnd(' ', '|'))),
        WorkflowSteps = string.Join('\n', d.WorkflowSteps.Select(s => $"{s.Name} | {s.Role} | {Number(s.Days)}")),
    };

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The definition, or null with the problems added to <paramref name="errors"/> under the form's field names.</summary>
    public ProcedureDefinition? ToDefinition(string code, ValidationErrors errors, IStringLocalizer<Messages> t, IStringLocalizer<AdminText> a)
    {
        if (string.IsNullOrWhiteSpace(Name)) errors.Add(nameof(Name), t["Validation.Required"]);
        else if (Name.Trim().Length > 1000) errors.Add(nameof(Name), t["Validation.MaxLength", 1000]);
        if (string.IsNullOrWhiteSpace(FieldCode)) errors.Add(nameof(FieldCode), t["Validation.Required"]);
        var level = ParseEnum<CompetentLevel>(CompetentLevel, nameof(CompetentLevel), errors, t);
        var online = ParseEnum<OnlineLevel>(OnlineLevel, nameof(OnlineLevel), errors, t);

        var days = ParseDecimal(ProcessingDays);
        if (string.IsNullOrWhiteSpace(ProcessingDays)) errors.Add(nameof(ProcessingDays), t["Validation.Required"]);
        else if (days is null) errors.Add(nameof(ProcessingDays), a.GetString("Catalog.NotANumber"));
        else if (days <= 0) errors.Add(nameof(ProcessingDays), a.GetString("Catalog.ProcessingDaysPositive"));
        else if (days > 9999) errors.Add(nameof(ProcessingDays), a.GetString("Catalog.ProcessingDaysTooLong"));

        decimal fee = 0;
        if (!string.IsNullOrWhiteSpace(Fee))
        {
            var digits = Fee.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) || whole > 1_000_000_000_000)
                errors.Add(nameof(Fee), a.GetString("Catalog.FeeInvalid"));
            else if (whole < 0) errors.Add(nameof(Fee), a.GetString("Catalog.FeeNegative"));
            else fee = whole;
        }

        var eid = MinEidLevel?.Trim() switch { "1" => 1, "2" => 2, _ => 0 };
        if (eid == 0) errors.Add(nameof(MinEidLevel), a.GetString("Catalog.EidLevelInvalid"));

        TimeOnly? cutoff = null;
        if (!string.IsNullOrWhiteSpace(ReceiptCutoff))
        {
            if (TimeOnly.TryParseExact(ReceiptCutoff.Trim(), ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var c))
                cutoff = c;
            else errors.Add(nameof(ReceiptCutoff), a.GetString("Catalog.TimeInvalid"));
        }

        Check(FeeNote, nameof(FeeNote), 2000, errors, t);
        Check(SettlingAgency, nameof(SettlingAgency), 300, errors, t);
        Check(LegalBasis, nameof(LegalBasis), 4000, errors, t);

        var documents = ParseDocuments(errors, a);
        var fields = ParseFormFields(errors, a);
        var steps = ParseSteps(errors, a);
        if (errors.Any) return null;

        return new ProcedureDefinition
        {
            Code = code,
            Name = VietnameseText.Canonical(Name!),
            FieldCode = FieldCode!.Trim(),
            CompetentLevel = level!.Value,
            ProcessingDays = days!.Value,
            Fee = fee,
            FeeNote = Clean(FeeNote),
            OnlineLevel = online!.Value,
            MinEidLevel = eid,
            ReceiptCutoff = cutoff,
            SettlingAgency = Clean(SettlingAgency),
            LegalBasis = Clean(LegalBasis),
            RequiredDocuments = documents,
            FormFields = fields,
            WorkflowSteps = steps,
        };
    }

    /// <summary>The effective date typed (yyyy-MM-dd, as a date input sends it), or null with its error.</summary>
    public DateOnly? ParseEffectiveFrom(ValidationErrors errors, IStringLocalizer<Messages> t, IStringLocalizer<AdminText> a)
    {
        if (string.IsNullOrWhiteSpace(EffectiveFrom))
        {
            errors.Add(nameof(EffectiveFrom), t["Validation.Required"]);
            return null;
        }
        if (DateOnly.TryParseExact(EffectiveFrom.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors.Add(nameof(EffectiveFrom), a.GetString("Common.DateInvalid"));
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Check(string? value, string field, int max, ValidationErrors errors, IStringLocalizer<Messages> t)
    {
        if (value is not null && value.Trim().Length > max) errors.Add(field, t["Validation.MaxLength", max]);
    }

    private static TEnum? ParseEnum<TEnum>(string? value, string field, ValidationErrors errors, IStringLocalizer<Messages> t) where TEnum : struct, Enum
    {
        if (value is not null && Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            return Enum.Parse<TEnum>(name);
        errors.Add(field, t["Validation.Required"]);
        return null;
    }

    /// <summary>A decimal written with a dot or a comma ("1.5", "1,5"), at most 2 decimals.</summary>
    private static decimal? ParseDecimal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normal = text.Trim().Replace(',', '.');
        return decimal.TryParse(normal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && decimal.Round(value, 2) == value ? value : null;
    }

    private static IEnumerable<(int Line, string[] Parts)> Lines(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select((line, i) => (Line: i + 1, Text: line.Trim()))
            .Where(l => l.Text.Length > 0)
            .Select(l => (l.Line, l.Text.Split('|').Select(p => p.Trim()).ToArray()));

    private static bool? YesNo(string part, HashSet<string> yes, HashSet<string> no)
    {
        var folded = VietnameseText.Fold(part);
        return yes.Contains(folded) ? true : no.Contains(folded) ? false : null;
    }

    private List<RequiredDocument> ParseDocuments(ValidationErrors errors, IStringLocalizer<AdminText> a)
    {
        const string field = nameof(RequiredDocuments);
        var list = new List<RequiredDocument>();
        foreach (var (line, parts) in Lines(RequiredDocuments))
        {
            if (parts.Length is < 2 or > 5 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                errors.Add(field, a.GetString("Catalog.DocumentLine", line));
                continue;
            }
            var original = parts.Length > 2 && parts[2].Length > 0 ? YesNo(parts[2], OriginalWords, CopyWords) : true;
            var required = parts.Length > 3 && parts[3].Length > 0 ? YesNo(parts[3], RequiredWords, OptionalWords) : true;
            var copies = 1;
            if (original is null) errors.Add(field, a.GetString("Catalog.OriginalWord", line, parts[2]));
            if (required is null) errors.Add(field, a.GetString("Catalog.RequiredWord", line, parts[3]));
            if (parts.Length > 4 && parts[4].Length > 0 && (!int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out copies) || copies is < 1 or > 99))
                errors.Add(field, a.GetString("Catalog.CopiesInvalid", line));
            if (original is not null && required is not null)
                list.Add(new RequiredDocument(parts[0], parts[1], original.Value, required.Value, copies));
        }
        return list;
    }

    private List<FormField> ParseFormFields(ValidationErrors errors, IStringLocalizer<AdminText> a)
    {
        const string field = nameof(FormFields);
        var list = new List<FormField>();
        foreach (var (line, parts) in Lines(FormFields))
        {
            if (parts.Length is < 3 or > 6 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                errors.Add(field, a.GetString("Catalog.FormFieldLine", line));
                continue;
            }
            var kindName = Enum.GetNames<FormFieldKind>().FirstOrDefault(n => n.Equals(parts[2], StringComparison.OrdinalIgnoreCase));
            if (kindName is null) errors.Add(field, a.GetString("Catalog.KindInvalid", line, parts[2], string.Join(", ", Enum.GetNames<FormFieldKind>())));
            var required = parts.Length > 3 && parts[3].Length > 0 ? YesNo(parts[3], RequiredWords, OptionalWords) : false;
            if (required is null) errors.Add(field, a.GetString("Catalog.RequiredWord", line, parts[3]));
            var options = parts.Length > 4 ? parts[4].Split(';').Select(o => o.Trim()).Where(o => o.Length > 0).ToList() : [];
            int? maxLength = null;
            if (parts.Length > 5 && parts[5].Length > 0)
            {
                if (int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is > 0 and <= 100_000) maxLength = max;
                else errors.Add(field, a.GetString("Catalog.MaxLengthInvalid", line));
            }
            if (kindName is not null && required is not null)
                list.Add(new FormField(parts[0], parts[1], Enum.Parse<FormFieldKind>(kindName), required.Value, options.Count == 0 ? null : options, maxLength));
        }
        return list;
    }

    private List<WorkflowStep> ParseSteps(ValidationErrors errors, IStringLocalizer<AdminText> a)
    {
        const string field = nameof(WorkflowSteps);
        var list = new List<WorkflowStep>();
        foreach (var (line, parts) in Lines(WorkflowSteps))
        {
            if (parts.Length != 3 || parts[0].Length == 0)
            {
                errors.Add(field, a.GetString("Catalog.StepLine", line));
                continue;
            }
            var role = Roles.All.FirstOrDefault(r => r.Equals(parts[1], StringComparison.OrdinalIgnoreCase));
            if (role is null) errors.Add(field, a.GetString("Catalog.RoleInvalid", line, parts[1], string.Join(", ", Roles.All)));
            var days = ParseDecimal(parts[2]);
            if (days is null or < 0) errors.Add(field, a.GetString("Catalog.StepDaysInvalid", line));
            if (role is not null && days is >= 0) list.Add(new WorkflowStep(parts[0], role, days.Value));
        }
        return list;
    }
}
