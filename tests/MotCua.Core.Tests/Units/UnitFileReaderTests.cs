using System.Text;
using MotCua.Core.Units;

namespace MotCua.Core.Tests.Units;

public class UnitFileReaderTests
{
    private const string Provinces = """
        {"type": "table", "name": "provinces", "data": [
          {"province_code": "24", "code": "BNH", "name": "Bắc Ninh", "place_type": "Tỉnh"},
          {"province_code": "91", "code": "AGG", "name": "An Giang", "place_type": "Tỉnh"}]}
        """;

    private const string Wards = """
        {"type": "table", "name": "wards", "data": [
          {"ward_code": "07210", "name": "Phường Bắc Giang", "province_code": "24"},
          {"ward_code": "07300", "name": "Xã Văn Lang", "province_code": "24"},
          {"ward_code": "07301", "name": "Xã Văn Lăng", "province_code": "24"},
          {"ward_code": "30502", "name": "Phường Thới Sơn", "province_code": "91"}]}
        """;

    private static UnitImportPlan Read(string mappings, DateOnly? effectiveOn = null) =>
        UnitFileReader.Read(Stream($"[{{\"type\": \"header\"}}, {Provinces}, {Wards}, {{\"type\": \"table\", \"name\": \"ward_mappings\", \"data\": [{mappings}]}}]"), effectiveOn);

    private static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    private static string Row(string? oldCode, string oldName, string newCode, string newName, string province = "Bắc Ninh",
        string district = "Thành phố Bắc Giang", string oldProvince = "Tỉnh Bắc Giang") =>
        $$"""
        {"old_ward_code": {{(oldCode is null ? "null" : $"\"{oldCode}\"")}}, "old_ward_name": "{{oldName}}", "old_district_name": "{{district}}",
         "old_province_name": "{{oldProvince}}", "new_ward_code": "{{newCode}}", "new_ward_name": "{{newName}}", "new_province_name": "{{province}}"}
        """;

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"provinces\": []}", "starts with a JSON Object")]
    [InlineData("[{\"type\": \"table\", \"name\": \"provinces\", \"data\": []}]", "no \"wards\" table")]
    [InlineData("[{\"type\": \"table\", \"name\": \"wards\", \"data\": {}}]", "Table \"wards\" (item 0) has no \"data\" array")]
    [InlineData("[{\"type\": \"table\", \"name\": \"wards\", \"data\": []}, {\"type\": \"table\", \"name\": \"wards\", \"data\": []}]", "appears twice")]
    [InlineData("", "not valid JSON")]
    public void A_malformed_file_gives_a_format_exception_that_says_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => UnitFileReader.Read(Stream(json)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Reads_current_units_with_effective_date()
    {
        var plan = Read("", new DateOnly(2026, 1, 1));

        Assert.Equal(6, plan.CurrentUnits.Count());
        Assert.Contains(new UnitRecord("24", "Bắc Ninh", AdministrativeUnitKind.Province, null, new DateOnly(2026, 1, 1), null, "BNH"), plan.Units);
        Assert.Contains(new UnitRecord("07210", "Phường Bắc Giang", AdministrativeUnitKind.Ward, "24", new DateOnly(2026, 1, 1), null), plan.Units);
        Assert.Empty(plan.Successions);
        Assert.Empty(plan.Problems);   // no mapping rows at all: a file of current units only, nothing to report
    }

    [Fact]
    public void A_mapping_row_gives_an_old_unit_and_a_succession()
    {
        var plan = Read(Row("07201", "Phường Thọ Xương", "07210", "Phường Bắc Giang"));

        Assert.Contains(new UnitRecord("07201", "Phường Thọ Xương", AdministrativeUnitKind.Ward, null, null, new DateOnly(2025, 6, 30),
            OldDistrictName: "Thành phố Bắc Giang", OldProvinceName: "Tỉnh Bắc Giang"), plan.Units);
        Assert.Equal([new SuccessionRecord("07201", "07210", new DateOnly(2025, 7, 1), false)], plan.Successions);
    }

    [Fact]
    public void An_unknown_successor_code_is_resolved_by_name_within_the_province()
    {
        var plan = Read(Row("07201", "Thị trấn Vôi", "157", "phường  bắc giang".Normalize(NormalizationForm.FormD)));

        Assert.Equal("07210", Assert.Single(plan.Successions).SuccessorCode);
        Assert.Equal(0, Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.SuccessorMatchedByName).RowIndex);
        Assert.Equal(AdministrativeUnitKind.Township, plan.Units.Single(u => u.Code == "07201").Kind);
    }

    [Fact]
    public void Names_that_differ_only_in_diacritics_stay_apart()
    {
        var plan = Read(Row("07202", "Xã A", "99999", "Xã Văn Lăng") + "," + Row("07203", "Xã B", "99999", "Xa Van Lang"));

        Assert.Equal("07301", Assert.Single(plan.Successions).SuccessorCode);
        var ambiguous = Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.AmbiguousSuccessorName);
        Assert.Equal(1, ambiguous.RowIndex);
    }

    [Fact]
    public void A_successor_code_of_another_province_is_resolved_by_name_in_the_rows_province()
    {
        var plan = Read(Row("30517", "Phường Thới Sơn", "07210", "Phường Thới Sơn", province: "An Giang", district: "Thị xã Tịnh Biên", oldProvince: "Tỉnh An Giang"));

        Assert.Equal("30502", Assert.Single(plan.Successions).SuccessorCode);
        Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.ProvinceMismatch);
    }

    [Fact]
    public void An_unmatched_successor_is_reported_not_dropped()
    {
        var plan = Read(Row("07201", "Phường Thọ Xương", "99999", "Phường Không Có"));

        Assert.Empty(plan.Successions);
        Assert.Equal(0, Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.SuccessorUnmatched).RowIndex);
        Assert.Contains(plan.Units, u => u.Code == "07201");
    }

    [Fact]
    public void A_split_old_unit_gets_partial_successions_and_repeats_are_reported()
    {
        var plan = Read(string.Join(",",
            Row("07201", "Phường Thọ Xương", "07210", "Phường Bắc Giang"),
            Row("07201", "Phường Thọ Xương", "07300", "Xã Văn Lang"),
            Row("07201", "Phường Thọ Xương", "07300", "Xã Văn Lang")));

        Assert.Equal(2, plan.Successions.Count);
        Assert.All(plan.Successions, s => Assert.True(s.Partial));
        Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.SplitPredecessor);
        Assert.Equal(2, Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.DuplicateRow).RowIndex);
    }

    [Fact]
    public void A_missing_old_code_is_borrowed_from_a_row_naming_the_same_unit_or_else_synthesised_stably()
    {
        var rows = string.Join(",",
            Row("07201", "Phường Thọ Xương", "07210", "Phường Bắc Giang"),
            Row(null, "Phường  Thọ Xương", "07300", "Xã Văn Lang"),
            Row(null, "Phường Lê Lợi", "07210", "Phường Bắc Giang"),
            Row(null, "phường lê lợi", "07300", "Xã Văn Lang"));

        var plan = Read(rows);
        var again = Read(rows);

        var synthetic = SyntheticUnitCode.For("Phường Lê Lợi", "Thành phố Bắc Giang", "Tỉnh Bắc Giang");
        Assert.Matches("^X[0-9A-F]{10}$", synthetic);
        Assert.Equal(
            [("07201", "07210"), ("07201", "07300"), (synthetic, "07210"), (synthetic, "07300")],
            plan.Successions.Select(s => (s.PredecessorCode, s.SuccessorCode)));
        Assert.All(plan.Successions, s => Assert.True(s.Partial));
        Assert.Equal(plan.Successions, again.Successions);
        Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.OldCodeMatchedByName);
        Assert.Equal([2, 3], plan.Problems.Where(p => p.Kind == UnitImportProblemKind.MissingOldCode).Select(p => p.RowIndex));
        Assert.Single(plan.Units, u => u.Code == synthetic);
    }

    [Fact]
    public void Bad_rows_become_problems_not_exceptions()
    {
        var json = $$"""
            [{"type": "table", "name": "provinces", "data": [
               {"province_code": "24", "code": "BNH", "name": "Bắc Ninh"},
               {"province_code": 24, "code": "BNH", "name": "Bắc Ninh"},
               {"province_code": "24", "code": "BNH", "name": "Bắc Ninh"}]},
             {"type": "table", "name": "wards", "data": [
               {"ward_code": "07210", "name": "Phường Bắc Giang", "province_code": "24"},
               {"ward_code": "07211", "name": "Phường X", "province_code": "99"},
               "not a row",
               {"ward_code": "07212", "name": "Khu Y", "province_code": "24"}]},
             {"type": "table", "name": "ward_mappings", "data": [
               {"old_ward_code": "", "old_ward_name": null, "new_ward_code": "07210", "new_ward_name": "Phường Bắc Giang", "new_province_name": "Bắc Ninh"}]}]
            """;

        var plan = UnitFileReader.Read(Stream(json));

        Assert.Equal(3, plan.CurrentUnits.Count());
        Assert.Equal(4, plan.Problems.Count(p => p.Kind == UnitImportProblemKind.InvalidRow));
        Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.DuplicateRow);
        Assert.Single(plan.Problems, p => p.Kind == UnitImportProblemKind.UnknownNamePrefix);
        Assert.Equal(AdministrativeUnitKind.Commune, plan.Units.Single(u => u.Code == "07212").Kind);
        Assert.Contains(plan.Problems, p => p.Detail.StartsWith("provinces[1]: field \"province_code\" is a Number"));
    }
}
