using System.Runtime.CompilerServices;
using MotCua.Core.Catalog;

namespace MotCua.Core.Tests.Catalog;

/// <summary>The real catalog seed file, <c>src/MotCua.Data/Seed/procedures.json</c>.</summary>
public sealed class ProcedureSeedFileTests
{
    private const string RelativePath = "src/MotCua.Data/Seed/procedures.json";

    private static readonly Lazy<ProcedureCatalog> Seed = new(() => ProcedureCatalogFile.Parse(File.ReadAllText(FindSeedFile())));

    private static string FindSeedFile([CallerFilePath] string sourceFile = "")
    {
        // Build output may live outside the tree (--artifacts-path), so also walk up from this source file.
        string?[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile)];
        foreach (var start in starts)
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"{RelativePath} not found above {AppContext.BaseDirectory} or {sourceFile}.");
    }

    [Fact]
    public void The_seed_file_parses_and_is_large_enough()
    {
        var catalog = Seed.Value;
        Assert.True(catalog.Procedures.Count >= 18, $"only {catalog.Procedures.Count} procedures");
        Assert.True(catalog.Fields.Count >= 6, $"only {catalog.Fields.Count} fields");
        Assert.True(catalog.Procedures.Select(p => p.FieldCode).Distinct().Count() >= 6, "procedures span fewer than 6 fields");
    }

    [Theory]
    [InlineData("1.001193")] // đăng ký khai sinh
    [InlineData("1.000656")] // đăng ký khai tử
    [InlineData("1.000894")] // đăng ký kết hôn
    [InlineData("1.004873")] // cấp Giấy xác nhận tình trạng hôn nhân
    [InlineData("2.000635")] // cấp bản sao trích lục hộ tịch
    [InlineData("2.002621")] // liên thông khai sinh, thường trú, thẻ BHYT trẻ em dưới 6 tuổi
    [InlineData("2.000815")] // chứng thực bản sao từ bản chính
    [InlineData("2.000884")] // chứng thực chữ ký
    [InlineData("1.001612")] // đăng ký thành lập hộ kinh doanh
    [InlineData("1.001776")] // trợ cấp xã hội hằng tháng
    [InlineData("1.013831")] // đăng ký biến động đất đai (Văn phòng đăng ký đất đai giải quyết)
    public void A_required_procedure_is_present(string code)
    {
        Assert.Contains(Seed.Value.Procedures, p => p.Code == code);
    }

    [Fact]
    public void Every_procedure_has_a_document_and_a_workflow()
    {
        Assert.All(Seed.Value.Procedures, p =>
        {
            Assert.True(p.RequiredDocuments.Count >= 1, $"{p.Code} has no required document");
            Assert.True(p.WorkflowSteps.Count >= 2, $"{p.Code} has fewer than 2 workflow steps");
            Assert.Contains(p.RequiredDocuments, d => d.Required);
        });
    }

    [Fact]
    public void Names_are_written_in_Vietnamese_with_diacritics()
    {
        Assert.All(Seed.Value.Procedures, p => Assert.Contains(p.Name, c => c > '\u007f'));
        Assert.All(Seed.Value.Fields, f => Assert.Contains(f.Name, c => c > '\u007f'));
    }

    [Fact]
    public void Birth_registration_asks_for_the_child_and_parents_but_not_the_applicant_block()
    {
        var birth = Seed.Value.Procedures.Single(p => p.Code == "1.001193");
        var keys = birth.FormFields.Select(f => f.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "childFullName", "childDateOfBirth", "childSex", "childPlaceOfBirth", "fatherFullName", "motherFullName" }, keys);
        Assert.Equal(["Nam", "Nữ"], birth.FormFields.Single(f => f.Key == "childSex").Options);
        Assert.Equal(new TimeOnly(15, 0), birth.ReceiptCutoff);
        Assert.Equal(2, birth.MinEidLevel);

        string[] applicantBlock = ["fullName", "idNumber", "dateOfBirth", "phone", "email", "address"];
        Assert.All(Seed.Value.Procedures, p => Assert.DoesNotContain(p.FormFields, f => applicantBlock.Contains(f.Key)));
    }

    [Fact]
    public void The_linked_birth_procedure_takes_at_most_three_working_days()
    {
        var linked = Seed.Value.Procedures.Single(p => p.Code == "2.002621");
        Assert.Equal(3m, linked.ProcessingDays);
        Assert.Equal(OnlineLevel.Full, linked.OnlineLevel);
        Assert.Equal(2, linked.MinEidLevel);
    }

    [Fact]
    public void Same_day_certification_counts_from_the_next_day_after_15_00()
    {
        Assert.All(Seed.Value.Procedures.Where(p => p.Code is "2.000815" or "2.000884"),
            p => Assert.Equal(new TimeOnly(15, 0), p.ReceiptCutoff));
    }

    [Fact]
    public void A_land_procedure_is_received_at_the_commune_and_settled_by_the_land_registration_office()
    {
        var land = Seed.Value.Procedures.Where(p => p.FieldCode == "DD" && p.CompetentLevel == CompetentLevel.Province).ToList();
        Assert.NotEmpty(land);
        Assert.All(land, p => Assert.Contains("Văn phòng đăng ký đất đai", p.SettlingAgency));
    }
}
