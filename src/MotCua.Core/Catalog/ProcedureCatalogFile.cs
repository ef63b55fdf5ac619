using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MotCua.Core.Catalog;

/// <summary>The content of a procedure catalog data file: its fields and its procedures.</summary>
public sealed record ProcedureCatalog(IReadOnlyList<FieldDefinition> Fields, IReadOnlyList<ProcedureDefinition> Procedures);

/// <summary>
/// Reads and checks the procedure catalog data file (<c>src/MotCua.Data/Seed/procedures.json</c>):
/// camelCase JSON, enums as their names ("Full", "Commune", "Choice"), times of day as "15:00".
/// A file with any problem is refused as a whole, with every problem listed, so that a catalog is
/// never half-loaded.
/// </summary>
public static class ProcedureCatalogFile
{
    /// <summary>The JSON settings of the catalog file.</summary>
    public static readonly JsonSerializerOptions JsonOptions = CreateOptions();

    /// <summary>Parses and validates a catalog file.</summary>
    /// <exception cref="FormatException">
    /// The text is not a catalog file, or the catalog breaks a rule; the message lists every problem,
    /// one per line, each naming the procedure (or field) concerned.
    /// </exception>
    public static ProcedureCatalog Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" (tại {e.Path}, dòng {e.LineNumber + 1})";
            throw new FormatException($"Tệp danh mục thủ tục không đúng định dạng{where}: {e.Message}", e);
        }
        if (document is null) throw new FormatException("Tệp danh mục thủ tục rỗng.");

        var fields = document.Fields ?? [];
        var procedures = document.Procedures ?? [];
        var problems = new List<string>();
        if (document.Fields is null) problems.Add("Tệp danh mục thiếu danh sách lĩnh vực (\"fields\").");
        if (document.Procedures is null) problems.Add("Tệp danh mục thiếu danh sách thủ tục (\"procedures\").");

        var fieldCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field is null) { problems.Add($"Lĩnh vực thứ {i + 1} rỗng."); continue; }
            if (string.IsNullOrWhiteSpace(field.Code)) problems.Add($"Lĩnh vực thứ {i + 1} thiếu mã.");
            else if (!fieldCodes.Add(field.Code)) problems.Add($"Lĩnh vực {field.Code}: mã lĩnh vực bị trùng.");
            if (string.IsNullOrWhiteSpace(field.Name)) problems.Add($"Lĩnh vực {field.Code}: thiếu tên.");
        }

        var procedureCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < procedures.Count; i++)
        {
            var procedure = procedures[i];
            if (procedure is null) { problems.Add($"Thủ tục thứ {i + 1} rỗng."); continue; }
            if (!string.IsNullOrWhiteSpace(procedure.Code) && !procedureCodes.Add(procedure.Code))
                problems.Add($"Thủ tục {procedure.Code}: mã thủ tục bị trùng trong danh mục.");
            problems.AddRange(Validate(procedure, fieldCodes, i + 1));
        }

        if (problems.Count > 0)
            throw new FormatException($"Danh mục thủ tục có {problems.Count} lỗi:{Environment.NewLine}"
                + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        return new ProcedureCatalog(fields, procedures);
    }

    /// <summary>
    /// The problems of one procedure definition, each naming the procedure; empty when it is valid.
    /// Used for the file and for a new version entered by a province administrator.
    /// </summary>
    /// <param name="procedure">The definition to check.</param>
    /// <param name="knownFieldCodes">Codes of the fields of the catalog.</param>
    public static IReadOnlyList<string> Validate(ProcedureDefinition procedure, IEnumerable<string> knownFieldCodes)
    {
        ArgumentNullException.ThrowIfNull(knownFieldCodes);
        return Validate(procedure, knownFieldCodes as IReadOnlySet<string> ?? knownFieldCodes.ToHashSet(StringComparer.Ordinal), null);
    }

    private static List<string> Validate(ProcedureDefinition procedure, IReadOnlySet<string> fieldCodes, int? position)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var problems = new List<string>();
        var name = string.IsNullOrWhiteSpace(procedure.Code)
            ? (position is null ? "Thủ tục (chưa có mã)" : $"Thủ tục thứ {position} (chưa có mã)")
            : $"Thủ tục {procedure.Code}";
        void Add(string problem) => problems.Add($"{name}: {problem}");

        if (string.IsNullOrWhiteSpace(procedure.Code)) Add("thiếu mã thủ tục.");
        if (string.IsNullOrWhiteSpace(procedure.Name)) Add("thiếu tên thủ tục.");
        if (string.IsNullOrWhiteSpace(procedure.FieldCode)) Add("thiếu mã lĩnh vực.");
        else if (!fieldCodes.Contains(procedure.FieldCode)) Add($"mã lĩnh vực \"{procedure.FieldCode}\" không có trong danh mục lĩnh vực.");
        if (!Enum.IsDefined(procedure.CompetentLevel)) Add($"cấp có thẩm quyền \"{procedure.CompetentLevel}\" không hợp lệ.");
        if (!Enum.IsDefined(procedure.OnlineLevel)) Add($"mức dịch vụ công trực tuyến \"{procedure.OnlineLevel}\" không hợp lệ.");
        if (procedure.ProcessingDays <= 0)
            Add($"thời hạn giải quyết phải lớn hơn 0 ngày làm việc (đang là {Format(procedure.ProcessingDays)}).");
        if (procedure.Fee < 0) Add($"lệ phí không được âm (đang là {Format(procedure.Fee)}).");
        if (procedure.MinEidLevel is not (1 or 2))
            Add($"mức định danh điện tử tối thiểu phải là 1 hoặc 2 (đang là {procedure.MinEidLevel}).");

        CheckDocuments(procedure.RequiredDocuments, Add);
        CheckFormFields(procedure.FormFields, Add);
        CheckWorkflow(procedure.WorkflowSteps, procedure.ProcessingDays, Add);
        return problems;
    }

    private static void CheckDocuments(IReadOnlyList<RequiredDocument>? documents, Action<string> add)
    {
        if (documents is null) { add("thiếu danh sách thành phần hồ sơ (\"requiredDocuments\")."); return; }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (document is null) { add("có thành phần hồ sơ rỗng."); continue; }
            if (string.IsNullOrWhiteSpace(document.Code)) add($"thành phần hồ sơ \"{document.Name}\" thiếu mã.");
            else if (!codes.Add(document.Code)) add($"mã thành phần hồ sơ \"{document.Code}\" bị trùng.");
            if (string.IsNullOrWhiteSpace(document.Name)) add($"thành phần hồ sơ \"{document.Code}\" thiếu tên.");
            if (document.Copies < 1) add($"thành phần hồ sơ \"{document.Code}\" phải có ít nhất 1 bản (đang là {document.Copies}).");
        }
    }

    private static void CheckFormFields(IReadOnlyList<FormField>? formFields, Action<string> add)
    {
        if (formFields is null) { add("thiếu danh sách trường thông tin (\"formFields\")."); return; }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in formFields)
        {
            if (field is null) { add("có trường thông tin rỗng."); continue; }
            if (string.IsNullOrWhiteSpace(field.Key)) add($"trường thông tin \"{field.Label}\" thiếu khóa.");
            else if (!keys.Add(field.Key)) add($"khóa trường thông tin \"{field.Key}\" bị trùng.");
            if (string.IsNullOrWhiteSpace(field.Label)) add($"trường thông tin \"{field.Key}\" thiếu nhãn.");
            if (!Enum.IsDefined(field.Kind)) add($"trường thông tin \"{field.Key}\" có kiểu \"{field.Kind}\" không hợp lệ.");
            if (field.Kind == FormFieldKind.Choice && (field.Options is null || field.Options.Count == 0))
                add($"trường lựa chọn \"{field.Key}\" không có danh sách giá trị (\"options\").");
            if (field.MaxLength is <= 0) add($"trường thông tin \"{field.Key}\" có độ dài tối đa không hợp lệ ({field.MaxLength}).");
        }
    }

    private static void CheckWorkflow(IReadOnlyList<WorkflowStep>? steps, decimal processingDays, Action<string> add)
    {
        if (steps is null) { add("thiếu quy trình xử lý (\"workflowSteps\")."); return; }
        decimal total = 0;
        foreach (var step in steps)
        {
            if (step is null) { add("có bước xử lý rỗng."); continue; }
            if (string.IsNullOrWhiteSpace(step.Name)) add("có bước xử lý thiếu tên.");
            if (!Roles.All.Contains(step.Role, StringComparer.Ordinal))
                add($"bước \"{step.Name}\" giao cho vai trò \"{step.Role}\" không có trong hệ thống (hợp lệ: {string.Join(", ", Roles.All)}).");
            if (step.Days < 0) add($"bước \"{step.Name}\" có số ngày âm ({Format(step.Days)}).");
            total += step.Days;
        }
        if (processingDays > 0 && total > processingDays)
            add($"tổng thời gian các bước xử lý ({Format(total)} ngày) vượt thời hạn giải quyết ({Format(processingDays)} ngày).");
    }

    private static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.Converters.Add(new TimeOfDayConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed record CatalogDocument(IReadOnlyList<FieldDefinition>? Fields, IReadOnlyList<ProcedureDefinition>? Procedures);

    /// <summary>Reads "15:00" or "15:00:00", writes "15:00".</summary>
    private sealed class TimeOfDayConverter : JsonConverter<TimeOnly>
    {
        private static readonly string[] Formats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is not null && TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                return time;
            throw new JsonException($"Giờ \"{text}\" không đúng dạng HH:mm (ví dụ \"15:00\").");
        }

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
    }
}
