using MotCua.Core.Dossiers;
using Problem = MotCua.Core.Dossiers.CitizenIdNumber.Problem;

namespace MotCua.Core.Tests.Dossiers;

/// <summary>
/// The 12-digit personal identification number: province of birth registration (001–096), a century-and-sex digit,
/// two digits of the birth year, six random digits.
/// </summary>
public class CitizenIdNumberTests
{
    [Theory]
    [InlineData("091095001234")]
    [InlineData("001000000000")]
    [InlineData("096999999999")]
    [InlineData("079203012345")]
    public void Twelve_digits_with_a_known_province_are_valid(string id)
    {
        Assert.Equal(Problem.None, CitizenIdNumber.Check(id));
        Assert.True(CitizenIdNumber.IsValid(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("09109500123")]     // 11 digits
    [InlineData("0910950012345")]   // 13 digits
    [InlineData("09109500123A")]
    [InlineData("O91095001234")]    // letter O
    [InlineData("091 095 001 234")]
    [InlineData(" 091095001234")]
    [InlineData("091095001234 ")]
    [InlineData("-91095001234")]
    [InlineData("\u0660\u0669\u0661095001234")]       // Arabic-Indic digits
    [InlineData("\uFF10\uFF19\uFF11095001234")]       // fullwidth digits
    public void Anything_but_twelve_ASCII_digits_is_a_format_problem(string? id)
    {
        Assert.Equal(Problem.Format, CitizenIdNumber.Check(id));
        Assert.Equal(Problem.Format, CitizenIdNumber.Check(id, new DateOnly(1995, 1, 1)));
        Assert.False(CitizenIdNumber.IsValid(id));
    }

    [Theory]
    [InlineData("000095001234")]
    [InlineData("097095001234")]
    [InlineData("099095001234")]
    [InlineData("999095001234")]
    public void A_province_outside_001_096_is_a_province_problem(string id)
    {
        Assert.Equal(Problem.ProvinceCode, CitizenIdNumber.Check(id));
        Assert.Equal(Problem.ProvinceCode, CitizenIdNumber.Check(id, new DateOnly(1995, 1, 1)));
    }

    [Theory]
    [InlineData("091095001234", 1995)]  // 0: male, 1900s
    [InlineData("091195001234", 1995)]  // 1: female, 1900s
    [InlineData("091205001234", 2005)]  // 2: male, 2000s
    [InlineData("091305001234", 2005)]  // 3: female, 2000s
    [InlineData("091200001234", 2000)]
    [InlineData("091099001234", 1999)]
    [InlineData("091400001234", 2100)]  // 4/5: 2100s
    [InlineData("091599001234", 2199)]
    [InlineData("091601001234", 2201)]  // 6/7: 2200s
    [InlineData("091801001234", 2301)]  // 8/9: 2300s
    [InlineData("091901001234", 2301)]
    public void The_century_digit_and_year_match_the_birth_year(string id, int birthYear)
    {
        Assert.Equal(Problem.None, CitizenIdNumber.Check(id, new DateOnly(birthYear, 6, 15)));
    }

    [Theory]
    [InlineData("091095001234", 2005)]  // 1995 given 2005
    [InlineData("091095001234", 1996)]
    [InlineData("091205001234", 1905)]  // 2005 given 1905
    [InlineData("091305001234", 2006)]
    [InlineData("091199001234", 2099)]
    public void A_birth_year_that_does_not_match_is_a_mismatch(string id, int birthYear)
    {
        Assert.Equal(Problem.BirthYearMismatch, CitizenIdNumber.Check(id, new DateOnly(birthYear, 1, 1)));
        Assert.False(CitizenIdNumber.IsValid(id, new DateOnly(birthYear, 1, 1)));
    }

    [Fact]
    public void Without_a_birth_date_the_year_is_not_checked()
    {
        Assert.Equal(Problem.None, CitizenIdNumber.Check("091905001234", null));
    }

    [Fact]
    public void The_format_is_checked_before_the_province_and_the_province_before_the_year()
    {
        Assert.Equal(Problem.Format, CitizenIdNumber.Check("00009500123", new DateOnly(2005, 1, 1)));
        Assert.Equal(Problem.ProvinceCode, CitizenIdNumber.Check("000095001234", new DateOnly(2005, 1, 1)));
    }

    [Theory]
    [InlineData("091095001234", "••••••••1234")]
    [InlineData("079203012345", "••••••••2345")]
    [InlineData("12345", "•2345")]
    [InlineData("1234", "1234")]
    [InlineData("", "")]
    public void Mask_keeps_only_the_last_four(string id, string masked)
    {
        Assert.Equal(masked, CitizenIdNumber.Mask(id));
    }
}
