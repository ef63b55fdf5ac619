using System.Globalization;
using MotCua.Core.Catalog;

namespace MotCua.Core.Tests.Catalog;

/// <summary>The reader and validator of the procedure catalog file, on small inline files.</summary>
public sealed class ProcedureCatalogFileTests
{
    private const string Fields = """[ { "code": "HT", "name": "Hộ tịch" }, { "code": "CTH", "name": "Chứng thực" } ]""";

    private const string Documents = """
        [ { "code": "to-khai", "name": "Tờ khai", "original": true, "required": true },
          { "code": "giay-chung-sinh", "name": "Giấy chứng sinh", "original": true, "required": true, "copies": 1 } ]
        """;

    private const string FormFields = """
        [ { "key": "childFullName", "label": "Họ, chữ đệm, tên của trẻ", "kind": "Text", "required": true, "maxLength": 100 },
          { "key": "childSex", "label": "Giới tính", "kind": "Choice", "required": true, "options": ["Nam", "Nữ"] } ]
        """;

    private const string Steps = """
        [ { "name": "Tiếp nhận", "role": "Officer", "days": 0.5 },
          { "name": "Thẩm định", "role": "Specialist", "days": 1.5 },
          { "name": "Phê duyệt", "role": "Leader", "days": 0.5 },
          { "name": "Trả kết quả", "role": "Officer", "days": 0.5 } ]
        """;

    private static string Procedure(string code = "1.000001", string fieldCode = "HT", decimal processingDays = 3, int minEidLevel = 2,
        string documents = Documents, string formFields = FormFields, string steps = Steps, string receiptCutoff = "\"15:00\"") => $$"""
        {
          "code": "{{code}}", "name": "Thủ tục thử {{code}}", "fieldCode": "{{fieldCode}}", "competentLevel": "Commune",
          "processingDays": {{processingDays.ToString(CultureInfo.InvariantCulture)}}, "fee": 8000, "feeNote": "8.000 đồng/bản",
          "onlineLevel": "Full", "minEidLevel": {{minEidLevel}}, "receiptCutoff": {{receiptCutoff}}, "settlingAgency": null,
          "legalBasis": "Luật Hộ tịch 2014",
          "requiredDocuments": {{documents}}, "formFields": {{formFields}}, "workflowSteps": {{steps}}
        }
        """;

    private static string Catalog(params string[] procedures) =>
        $$"""{ "fields": {{Fields}}, "procedures": [ {{string.Join(",", procedures)}} ] }""";

    private static string Problems(string json) => Assert.Throws<FormatException>(() => ProcedureCatalogFile.Parse(json)).Message;

    [Fact]
    public void A_valid_file_is_read_with_enums_times_and_records()
    {
        var catalog = ProcedureCatalogFile.Parse(Catalog(Procedure("1.000001"), Procedure("1.000002", fieldCode: "CTH", receiptCutoff: "null")));

        Assert.Equal(["HT", "CTH"], catalog.Fields.Select(f => f.Code));
        Assert.Equal("Hộ tịch", catalog.Fields[0].Name);
        Assert.Equal(2, catalog.Procedures.Count);
        var p = catalog.Procedures[0];
        Assert.Equal("1.000001", p.Code);
        Assert.Equal(CompetentLevel.Commune, p.CompetentLevel);
        Assert.Equal(OnlineLevel.Full, p.OnlineLevel);
        Assert.Equal(3m, p.ProcessingDays);
        Assert.Equal(8000m, p.Fee);
        Assert.Equal(new TimeOnly(15, 0), p.ReceiptCutoff);
        Assert.Null(catalog.Procedures[1].ReceiptCutoff);
        Assert.Equal(1, p.RequiredDocuments[0].Copies);
        Assert.Equal(FormFieldKind.Choice, p.FormFields[1].Kind);
        Assert.Equal(["Nam", "Nữ"], p.FormFields[1].Options);
        Assert.Equal([Roles.Officer, Roles.Specialist, Roles.Leader, Roles.Officer], p.WorkflowSteps.Select(s => s.Role));
        Assert.Equal(3m, p.WorkflowSteps.Sum(s => s.Days));
    }

    [Fact]
    public void Unknown_field_code_is_rejected_naming_the_procedure()
    {
        var message = Problems(Catalog(Procedure("1.000001", fieldCode: "XYZ")));
        Assert.Contains("1.000001", message);
        Assert.Contains("XYZ", message);
    }

    [Fact]
    public void Duplicate_procedure_code_is_rejected_naming_the_procedure()
    {
        var message = Problems(Catalog(Procedure("1.000001"), Procedure("1.000002"), Procedure("1.000001")));
        Assert.Contains("Thủ tục 1.000001: mã thủ tục bị trùng", message);
        Assert.DoesNotContain("1.000002", message);
    }

    [Fact]
    public void Duplicate_document_code_within_a_procedure_is_rejected_naming_the_procedure()
    {
        const string documents = """
            [ { "code": "to-khai", "name": "Tờ khai", "original": true, "required": true },
              { "code": "to-khai", "name": "Tờ khai khác", "original": false, "required": false } ]
            """;
        var message = Problems(Catalog(Procedure("1.000001", documents: documents)));
        Assert.Contains("1.000001", message);
        Assert.Contains("\"to-khai\" bị trùng", message);
    }

    [Fact]
    public void Same_document_code_in_two_procedures_is_allowed()
    {
        var catalog = ProcedureCatalogFile.Parse(Catalog(Procedure("1.000001"), Procedure("1.000002")));
        Assert.All(catalog.Procedures, p => Assert.Contains(p.RequiredDocuments, d => d.Code == "to-khai"));
    }

    [Fact]
    public void Duplicate_form_key_within_a_procedure_is_rejected_naming_the_procedure()
    {
        const string formFields = """
            [ { "key": "childFullName", "label": "Họ tên", "kind": "Text", "required": true },
              { "key": "childFullName", "label": "Họ tên (lần nữa)", "kind": "Text", "required": false } ]
            """;
        var message = Problems(Catalog(Procedure("1.000001", formFields: formFields)));
        Assert.Contains("1.000001", message);
        Assert.Contains("\"childFullName\" bị trùng", message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Processing_days_not_above_zero_is_rejected_naming_the_procedure(int days)
    {
        var message = Problems(Catalog(Procedure("1.000001", processingDays: days, steps: "[]")));
        Assert.Contains("Thủ tục 1.000001: thời hạn giải quyết phải lớn hơn 0", message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Min_eid_level_other_than_1_or_2_is_rejected_naming_the_procedure(int level)
    {
        var message = Problems(Catalog(Procedure("1.000001", minEidLevel: level)));
        Assert.Contains("Thủ tục 1.000001: mức định danh điện tử tối thiểu phải là 1 hoặc 2", message);
    }

    [Fact]
    public void Min_eid_level_1_is_accepted()
    {
        var catalog = ProcedureCatalogFile.Parse(Catalog(Procedure("1.000001", minEidLevel: 1)));
        Assert.Equal(1, catalog.Procedures[0].MinEidLevel);
    }

    [Fact]
    public void Workflow_role_outside_the_roles_of_MotCua_is_rejected_naming_the_procedure()
    {
        const string steps = """
            [ { "name": "Tiếp nhận", "role": "Officer", "days": 0.5 },
              { "name": "Thẩm định", "role": "Clerk", "days": 1 } ]
            """;
        var message = Problems(Catalog(Procedure("1.000001", steps: steps)));
        Assert.Contains("1.000001", message);
        Assert.Contains("\"Clerk\"", message);
    }

    [Fact]
    public void Workflow_days_summing_to_more_than_processing_days_are_rejected_naming_the_procedure()
    {
        const string steps = """
            [ { "name": "Tiếp nhận", "role": "Officer", "days": 0.5 },
              { "name": "Thẩm định", "role": "Specialist", "days": 2.5 },
              { "name": "Trả kết quả", "role": "Officer", "days": 0.25 } ]
            """;
        var message = Problems(Catalog(Procedure("1.000001", processingDays: 3, steps: steps)));
        Assert.Contains("Thủ tục 1.000001: tổng thời gian các bước xử lý (3.25 ngày) vượt thời hạn giải quyết (3 ngày)", message);
    }

    [Fact]
    public void Workflow_days_summing_exactly_to_processing_days_are_accepted()
    {
        var catalog = ProcedureCatalogFile.Parse(Catalog(Procedure("1.000001", processingDays: 3)));
        Assert.Equal(catalog.Procedures[0].ProcessingDays, catalog.Procedures[0].WorkflowSteps.Sum(s => s.Days));
    }

    [Theory]
    [InlineData("")]
    [InlineData(""", "options": null""")]
    [InlineData(""", "options": []""")]
    public void Choice_field_without_options_is_rejected_naming_the_procedure(string options)
    {
        var formFields = $$"""[ { "key": "childSex", "label": "Giới tính", "kind": "Choice", "required": true{{options}} } ]""";
        var message = Problems(Catalog(Procedure("1.000001", formFields: formFields)));
        Assert.Contains("Thủ tục 1.000001: trường lựa chọn \"childSex\" không có danh sách giá trị", message);
    }

    [Fact]
    public void Every_problem_of_the_file_is_listed_in_one_exception()
    {
        const string badRole = """[ { "name": "Xử lý", "role": "Nobody", "days": 1 } ]""";
        var message = Problems(Catalog(
            Procedure("1.000001", fieldCode: "XYZ"),
            Procedure("1.000002", minEidLevel: 5),
            Procedure("1.000003", steps: badRole)));

        Assert.Contains("3 lỗi", message);
        Assert.Contains("Thủ tục 1.000001", message);
        Assert.Contains("Thủ tục 1.000002", message);
        Assert.Contains("Thủ tục 1.000003", message);
    }

    [Fact]
    public void Text_that_is_not_a_catalog_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => ProcedureCatalogFile.Parse("{ \"fields\": [ "));
        Assert.Throws<FormatException>(() => ProcedureCatalogFile.Parse("null"));
    }

    [Fact]
    public void Missing_required_member_is_a_format_error()
    {
        var withoutSteps = Procedure("1.000001").Replace("\"workflowSteps\":", "\"ignoredSteps\":", StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ProcedureCatalogFile.Parse(Catalog(withoutSteps)));
    }

    [Fact]
    public void Unknown_enum_name_is_a_format_error()
    {
        var json = Catalog(Procedure("1.000001").Replace("\"Commune\"", "\"District\"", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => ProcedureCatalogFile.Parse(json));
    }

    [Fact]
    public void Badly_written_receipt_cutoff_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => ProcedureCatalogFile.Parse(Catalog(Procedure("1.000001", receiptCutoff: "\"3pm\""))));
    }

    [Fact]
    public void Validate_checks_one_definition_against_the_known_fields()
    {
        var definition = ProcedureCatalogFile.Parse(Catalog(Procedure("1.000001"))).Procedures[0];

        Assert.Empty(ProcedureCatalogFile.Validate(definition, ["HT"]));
        var problems = ProcedureCatalogFile.Validate(definition with { ProcessingDays = 1 }, ["CTH"]);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("Thủ tục 1.000001:", p));
    }
}
