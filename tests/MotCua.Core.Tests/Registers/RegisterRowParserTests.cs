using MotCua.Core.Registers;

namespace MotCua.Core.Tests.Registers;

public class RegisterRowParserTests
{
    private static readonly RegisterRowParser Parser = new("30502", new HashSet<string> { "30502", "30511", "30517" }, new DateOnly(2026, 11, 27));

    private static (RegisterRow? Row, List<RegisterRowProblem> Problems) Parse(params (string Column, string Value)[] values)
    {
        var fields = new Dictionary<string, string>
        {
            ["kind"] = "khai sinh", ["book_number"] = "01", ["year"] = "1978", ["entry_number"] = "12", ["full_name"] = " Nguyễn  Thị Hằng ",
        };
        foreach (var (c, v) in values) fields[c] = v;
        var problems = new List<RegisterRowProblem>();
        return (Parser.Parse(2, c => fields.GetValueOrDefault(c), problems), problems);
    }

    [Fact]
    public void A_minimal_row_defaults_to_the_importing_unit_and_canonical_text()
    {
        var (row, problems) = Parse();
        Assert.Empty(problems);
        Assert.Equal(RegisterKind.Birth, row!.Kind);
        Assert.Equal("30502", row.BookUnitCode);
        Assert.Equal("Nguyễn Thị Hằng", row.FullName);
        Assert.Equal("nguyen thi hang", row.NameFolded);
    }

    [Fact]
    public void Each_relatives_name_is_folded_on_its_own_and_a_missing_one_is_null()
    {
        var (row, problems) = Parse(("father_name", "Đỗ  Văn-Đạt"), ("mother_name", "LÊ THỊ HOA"), ("spouse_name", " "));
        Assert.Empty(problems);
        Assert.Equal("do van dat", row!.FatherFolded);
        Assert.Equal("le thi hoa", row.MotherFolded);
        Assert.Null(row.SpouseFolded);
        Assert.Equal("do van dat le thi hoa", row.RelativesFolded);
    }

    [Theory]
    [InlineData("05/03/1978", 1978)]
    [InlineData("1978-03-05", 1978)]
    [InlineData("1977", 1977)]
    public void A_date_of_birth_may_be_a_full_date_or_a_year(string value, int year)
    {
        var (row, problems) = Parse(("date_of_birth", value));
        Assert.Empty(problems);
        Assert.Equal(year, row!.BirthYear);
        Assert.Equal(value.Length == 4, row.DateOfBirth is null);
    }

    [Theory]
    [InlineData("kind", "rửa tội", RegisterProblemCode.Invalid)]
    [InlineData("kind", "", RegisterProblemCode.Required)]
    [InlineData("unit_code", "30112", RegisterProblemCode.UnitNotInLineage)]
    [InlineData("year", "1899", RegisterProblemCode.OutOfRange)]
    [InlineData("year", "19a8", RegisterProblemCode.Invalid)]
    [InlineData("page", "-1", RegisterProblemCode.Invalid)]
    [InlineData("date_of_birth", "31/02/1978", RegisterProblemCode.Invalid)]
    [InlineData("date_of_birth", "2027-01-01", RegisterProblemCode.OutOfRange)]
    [InlineData("sex", "x", RegisterProblemCode.Invalid)]
    [InlineData("entry_number", "123456789012345678901", RegisterProblemCode.TooLong)]
    public void Bad_values_are_refused_with_the_column_and_why(string column, string value, RegisterProblemCode code)
    {
        var (row, problems) = Parse((column, value));
        Assert.Null(row);
        var problem = Assert.Single(problems);
        Assert.Equal((2L, column, code), (problem.Row, problem.Column, problem.Code));
    }

    [Fact]
    public void A_birth_after_its_registration_is_refused()
    {
        var (_, problems) = Parse(("registered_on", "1978-03-01"), ("date_of_birth", "1978-03-05"));
        Assert.Equal(RegisterProblemCode.OutOfRange, Assert.Single(problems).Code);
    }

    [Theory]
    [InlineData("nữ", RegisterSex.Female), InlineData("Nam", RegisterSex.Male), InlineData("F", RegisterSex.Female), InlineData("", RegisterSex.Unknown)]
    public void Sex_reads_vietnamese_and_english(string value, RegisterSex sex) => Assert.Equal(sex, Parse(("sex", value)).Row!.Sex);
}
