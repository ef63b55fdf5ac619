namespace MotCua.Core.Dossiers;

/// <summary>
/// The 12-digit personal identification number (Decree 137/2015/NĐ-CP, Circular 59/2021/TT-BCA):
/// 3 digits of the province of birth registration (001–096), 1 digit of century and sex
/// (0/1: 1900s male/female, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 2300s), 2 digits of the birth year, 6 random digits.
/// </summary>
public static class CitizenIdNumber
{
    public enum Problem { None, Format, ProvinceCode, BirthYearMismatch }

    public static Problem Check(string? idNumber, DateOnly? dateOfBirth = null)
    {
        if (idNumber is null || idNumber.Length != 12 || !idNumber.All(char.IsAsciiDigit))
            return Problem.Format;
        var province = int.Parse(idNumber.AsSpan(0, 3));
        if (province is < 1 or > 96)
            return Problem.ProvinceCode;
        if (dateOfBirth is { } dob)
        {
            var centuryDigit = idNumber[3] - '0';
            var century = 1900 + centuryDigit / 2 * 100;
            var year = century + int.Parse(idNumber.AsSpan(4, 2));
            if (year != dob.Year)
                return Problem.BirthYearMismatch;
        }
        return Problem.None;
    }

    public static bool IsValid(string? idNumber, DateOnly? dateOfBirth = null) => Check(idNumber, dateOfBirth) == Problem.None;

    /// <summary>For display to people who may see it only partly: keeps the last 4 digits.</summary>
    public static string Mask(string idNumber) =>
        idNumber.Length <= 4 ? idNumber : new string('•', idNumber.Length - 4) + idNumber[^4..];
}
