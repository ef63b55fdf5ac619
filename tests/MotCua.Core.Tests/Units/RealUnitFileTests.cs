using MotCua.Core.Units;

namespace MotCua.Core.Tests.Units;

public class RealUnitFileTests
{
    private static UnitImportPlan Plan => RealUnitFile.Plan;

    private static UnitRecord CurrentUnit(string name, string provinceName)
    {
        var province = Plan.CurrentUnits.Single(u => u.Kind == AdministrativeUnitKind.Province && u.Name == provinceName);
        return Plan.CurrentUnits.Single(u => u.Name == name && u.ParentCode == province.Code);
    }

    private static UnitRecord Province(string name) =>
        Plan.CurrentUnits.Single(u => u.Kind == AdministrativeUnitKind.Province && u.Name == name);

    [Fact]
    public void Has_34_provinces_and_3321_current_commune_level_units()
    {
        var current = Plan.CurrentUnits.ToList();

        Assert.Equal(34, current.Count(u => u.Kind == AdministrativeUnitKind.Province));
        Assert.Equal(3321, current.Count(u => u.Kind != AdministrativeUnitKind.Province));
        Assert.All(current, u => Assert.Equal(UnitFileReader.ReformDate, u.EffectiveFrom));
        Assert.Equal(current.Count, current.Select(u => u.Code).Distinct().Count());
    }

    [Fact]
    public void Provinces_have_a_two_digit_code_and_a_short_code()
    {
        var provinces = Plan.CurrentUnits.Where(u => u.Kind == AdministrativeUnitKind.Province).ToList();

        Assert.All(provinces, p => Assert.Matches("^[0-9]{2}$", p.Code));
        Assert.All(provinces, p => Assert.Matches("^[A-Z]{3}$", p.ShortCode!));
        Assert.All(provinces, p => Assert.Null(p.ParentCode));
        Assert.Equal("HNI", provinces.Single(p => p.Code == "01").ShortCode);
    }

    [Fact]
    public void Every_current_unit_has_an_existing_province_as_parent()
    {
        var provinces = Plan.CurrentUnits.Where(u => u.Kind == AdministrativeUnitKind.Province).Select(u => u.Code).ToHashSet();

        Assert.All(Plan.CurrentUnits.Where(u => u.Kind != AdministrativeUnitKind.Province),
            u => Assert.Contains(u.ParentCode!, provinces));
    }

    [Fact]
    public void Kinds_match_name_prefixes_and_names_are_nfc()
    {
        foreach (var unit in Plan.Units.Where(u => u.Kind != AdministrativeUnitKind.Province))
        {
            var expected = unit.Name.Split(' ')[0] switch
            {
                "Xã" => AdministrativeUnitKind.Commune,
                "Phường" => AdministrativeUnitKind.Ward,
                "Đặc" => AdministrativeUnitKind.SpecialZone,
                "Thị" => AdministrativeUnitKind.Township,
                _ => throw new Xunit.Sdk.XunitException($"unexpected prefix in {unit.Name}"),
            };
            Assert.Equal(expected, unit.Kind);
            Assert.True(unit.Name.IsNormalized(System.Text.NormalizationForm.FormC), unit.Name);
        }
        var current = Plan.CurrentUnits.ToList();
        Assert.Equal(2621, current.Count(u => u.Kind == AdministrativeUnitKind.Commune));
        Assert.Equal(687, current.Count(u => u.Kind == AdministrativeUnitKind.Ward));
        Assert.Equal(13, current.Count(u => u.Kind == AdministrativeUnitKind.SpecialZone));
        Assert.DoesNotContain(current, u => u.Kind == AdministrativeUnitKind.Township);
        Assert.Contains(Plan.Units, u => u.Kind == AdministrativeUnitKind.Township);
    }

    [Fact]
    public void News_units_come_out_right()
    {
        Assert.Equal("91", Province("An Giang").Code);
        Assert.Equal("82", Province("Đồng Tháp").Code);
        Assert.Equal("24", Province("Bắc Ninh").Code);
        Assert.Equal("30502", CurrentUnit("Phường Thới Sơn", "An Giang").Code);
        Assert.Equal("30112", CurrentUnit("Xã Mỹ Hiệp", "Đồng Tháp").Code);
        Assert.Equal("07210", CurrentUnit("Phường Bắc Giang", "Bắc Ninh").Code);
        // Another Phường Thới Sơn (Mỹ Tho) is in Đồng Tháp: look wards up by name within a province.
        Assert.Equal("28270", CurrentUnit("Phường Thới Sơn", "Đồng Tháp").Code);
    }

    [Fact]
    public void Bac_Giang_ward_merged_from_the_seven_old_wards_the_news_names()
    {
        var lineage = new UnitLineage(Plan.Successions);
        var oldUnits = Plan.Units.Where(u => u.EffectiveTo is not null).ToDictionary(u => u.Code);

        var merged = lineage.SelfAndPredecessors("07210").Where(oldUnits.ContainsKey).Select(code => oldUnits[code]).ToList();

        Assert.Equal(
            ["Phường Dĩnh Kế", "Phường Dĩnh Trì", "Phường Hoàng Văn Thụ", "Phường Ngô Quyền", "Phường Thọ Xương", "Phường Trần Phú", "Phường Xương Giang"],
            merged.Where(u => !SyntheticUnitCode.IsSynthetic(u.Code)).Select(u => u.Name).Order(StringComparer.Ordinal));
        Assert.All(merged, u => Assert.Equal("Thành phố Bắc Giang", u.OldDistrictName));
        Assert.All(merged, u => Assert.Equal("Tỉnh Bắc Giang", u.OldProvinceName));
        // The file adds three rows without a code for units that were gone before 2025; they get synthetic codes.
        Assert.Equal(
            ["Phường Lê Lợi", "Phường Trần Nguyên Hãn", "Xã Dĩnh Trì"],
            merged.Where(u => SyntheticUnitCode.IsSynthetic(u.Code)).Select(u => u.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void News_units_list_their_old_units()
    {
        var lineage = new UnitLineage(Plan.Successions);

        Assert.Equal(["30502", "30511", "30517"], lineage.SelfAndPredecessors("30502").Order(StringComparer.Ordinal));
        Assert.Equal(["30115", "30127"], lineage.PredecessorsOf("30112"));
        Assert.Equal(["07210"], lineage.SuccessorsOf("07201"));   // old Phường Thọ Xương
        Assert.Equal(["07210"], lineage.SuccessorsOf("07210"));   // old Phường Hoàng Văn Thụ kept its code
        Assert.Equal(["30502"], lineage.SuccessorsOf("30517"));   // old Phường Thới Sơn, Tịnh Biên
    }

    [Fact]
    public void An_old_unit_and_the_current_unit_that_kept_its_code_are_both_stored()
    {
        var records = Plan.Units.Where(u => u.Code == "07210").ToList();

        Assert.Equal(2, records.Count);
        Assert.Contains(records, u => u.Name == "Phường Bắc Giang" && u.EffectiveTo is null && u.ParentCode == "24");
        Assert.Contains(records, u => u.Name == "Phường Hoàng Văn Thụ" && u.EffectiveTo == new DateOnly(2025, 6, 30) && u.EffectiveFrom is null);
        Assert.Equal(Plan.Units.Count, Plan.Units.Select(u => (u.Code, u.EffectiveTo)).Distinct().Count());
    }

    [Fact]
    public void The_431_rows_with_a_code_missing_from_wards_are_resolved_by_name()
    {
        var wardCodes = Plan.CurrentUnits.Select(u => u.Code).ToHashSet();
        var missingCodeRows = Enumerable.Range(0, RealUnitFile.MappingRows.Count)
            .Where(i => !wardCodes.Contains(RealUnitFile.MappingRows[i].GetProperty("new_ward_code").GetString()!))
            .ToList();
        var byName = Plan.Problems.Where(p => p.Kind == UnitImportProblemKind.SuccessorMatchedByName).ToList();

        Assert.Equal(431, missingCodeRows.Count);
        Assert.Equal(missingCodeRows, byName.Select(p => p.RowIndex!.Value).Order());
        Assert.DoesNotContain(Plan.Problems, p => p.Kind is UnitImportProblemKind.SuccessorUnmatched or UnitImportProblemKind.AmbiguousSuccessorName);
    }

    [Fact]
    public void Rows_whose_code_is_in_another_province_are_resolved_by_name_in_theirs()
    {
        var mismatches = Plan.Problems.Where(p => p.Kind == UnitImportProblemKind.ProvinceMismatch).ToList();
        var lineage = new UnitLineage(Plan.Successions);

        Assert.Equal(22, mismatches.Count);
        // ward_mappings says Phường Bình Thạnh, Thành phố Hồ Chí Minh, code 31473 (that is Phường Long Bình, Cần Thơ).
        Assert.Contains(mismatches, p => p.Detail.Contains("31473") && p.Detail.EndsWith("to 26929."));
        var binhThanh24 = Plan.Units.Single(u => u.Name == "Phường 24" && u.OldDistrictName == "Quận Bình Thạnh");
        Assert.Equal(["26929"], lineage.SuccessorsOf(binhThanh24.Code));
        var currentCodes = Plan.CurrentUnits.Select(u => u.Code).ToHashSet();
        Assert.All(Plan.Successions, s => Assert.Contains(s.SuccessorCode, currentCodes));
    }

    [Fact]
    public void Every_mapping_row_ends_as_a_succession_or_a_problem()
    {
        var rows = RealUnitFile.MappingRows;
        var rowProblems = Plan.Problems.Where(p => p.RowIndex is not null && p.Detail.StartsWith("ward_mappings[", StringComparison.Ordinal))
            .ToLookup(p => p.RowIndex!.Value);
        var fromCodes = Plan.Successions.Select(s => s.PredecessorCode).ToHashSet();

        for (var i = 0; i < rows.Count; i++)
        {
            var oldCode = rows[i].GetProperty("old_ward_code").GetString();
            if (!string.IsNullOrEmpty(oldCode))
                Assert.True(fromCodes.Contains(oldCode), $"row {i}: no succession from {oldCode}");
            else
                Assert.True(rowProblems[i].Any(), $"row {i}: no code, yet no problem");
        }
        Assert.Equal(5, Plan.Problems.Count(p => p.Kind == UnitImportProblemKind.InvalidRow));
        Assert.Equal(10977 - 5, Plan.Successions.Count + Plan.Problems.Count(p => p.Kind == UnitImportProblemKind.DuplicateRow));
    }

    [Fact]
    public void Split_predecessors_are_marked_partial()
    {
        var splitCodes = Plan.Successions.GroupBy(s => s.PredecessorCode).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();

        Assert.NotEmpty(splitCodes);
        Assert.All(Plan.Successions, s => Assert.Equal(splitCodes.Contains(s.PredecessorCode), s.Partial));
        Assert.Equal(splitCodes.Count, Plan.Problems.Count(p => p.Kind == UnitImportProblemKind.SplitPredecessor));
        // Phường Dịch Vọng (Cầu Giấy, Hà Nội) went partly into Phường Cầu Giấy and partly into Phường Nghĩa Đô.
        Assert.Equal(["00160", "00166"], new UnitLineage(Plan.Successions).SuccessorsOf("00166"));
        Assert.All(Plan.Successions.Where(s => s.PredecessorCode == "00166"), s => Assert.True(s.Partial));
    }

    [Fact]
    public void Rows_without_an_old_code_get_synthetic_codes_that_are_stable_across_reads()
    {
        var again = RealUnitFile.Read();
        var synthetic = Plan.Units.Where(u => SyntheticUnitCode.IsSynthetic(u.Code)).ToList();

        Assert.NotEmpty(synthetic);
        Assert.Equal(synthetic, again.Units.Where(u => SyntheticUnitCode.IsSynthetic(u.Code)));
        Assert.Equal(Plan.Successions, again.Successions);
        Assert.All(synthetic, u => Assert.Matches("^X[0-9A-F]{10}$", u.Code));
        Assert.All(synthetic, u => Assert.Equal(SyntheticUnitCode.For(u.Name, u.OldDistrictName, u.OldProvinceName), u.Code));
        Assert.Equal(synthetic.Count, Plan.Problems.Where(p => p.Kind == UnitImportProblemKind.MissingOldCode)
            .Select(p => p.Detail.Split("synthetic code ")[1][..11]).Distinct().Count());
    }

    [Fact]
    public void Old_units_end_the_day_before_the_reform_and_have_no_parent()
    {
        var old = Plan.Units.Where(u => u.EffectiveTo is not null).ToList();

        Assert.All(old, u => Assert.Equal(new DateOnly(2025, 6, 30), u.EffectiveTo));
        Assert.All(old, u => Assert.Null(u.EffectiveFrom));
        Assert.All(old, u => Assert.Null(u.ParentCode));
        Assert.All(old, u => Assert.False(string.IsNullOrEmpty(u.OldDistrictName)));
        Assert.All(old, u => Assert.False(string.IsNullOrEmpty(u.OldProvinceName)));
    }

    [Fact]
    public void Summary_counts_units_successions_and_problems()
    {
        var summary = Plan.Summary();

        Assert.Contains("Provinces: 34", summary);
        Assert.Contains("Current communes, wards and special zones: 3321 (Commune 2621, Ward 687, SpecialZone 13)", summary);
        Assert.Contains("SuccessorMatchedByName 431", summary);
    }
}
