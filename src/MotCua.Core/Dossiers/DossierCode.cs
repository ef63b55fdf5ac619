using System.Globalization;
using System.Text.RegularExpressions;

namespace MotCua.Core.Dossiers;

/// <summary>
/// The national dossier code (Circular 01/2018/TT-VPCP, art. 19): <c>V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX</c>,
/// the receiving agency's electronic code, the receipt date (Vietnam time) and the serial number of the day.
/// A serial above 9999 widens to more digits rather than wrapping, so a code is never reused.
/// </summary>
public static partial class DossierCode
{
    // [0-9], not \d (which takes any Unicode digit), and \z, not $ (which allows a final line break).
    [GeneratedRegex(@"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}\z")]
    private static partial Regex AgencyCodePattern();

    [GeneratedRegex(@"^(?<agency>[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})-(?<date>[0-9]{6})-(?<serial>[0-9]{4}|[1-9][0-9]{4,5})\z")]
    private static partial Regex CodePattern();

    public static bool IsValidAgencyCode(string agencyCode) => AgencyCodePattern().IsMatch(agencyCode);

    public static string Format(string agencyCode, DateOnly receiptDate, int serial)
    {
        if (!IsValidAgencyCode(agencyCode))
            throw new ArgumentException($"'{agencyCode}' is not an electronic agency code (VVV.ZZ.YY.MXX).", nameof(agencyCode));
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999_999);
        return $"{agencyCode}-{receiptDate.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{serial.ToString("D4", CultureInfo.InvariantCulture)}";
    }

    public static bool TryParse(string? code, out string agencyCode, out DateOnly receiptDate, out int serial)
    {
        agencyCode = "";
        receiptDate = default;
        serial = 0;
        if (code is null) return false;
        var m = CodePattern().Match(code.Trim());
        if (!m.Success) return false;
        if (!DateOnly.TryParseExact(m.Groups["date"].Value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out receiptDate))
            return false;
        agencyCode = m.Groups["agency"].Value;
        serial = int.Parse(m.Groups["serial"].Value, CultureInfo.InvariantCulture);
        return serial > 0;
    }

    /// <summary>
    /// The default electronic code of a unit when the province has not loaded its official codes:
    /// a province is <c>000.00.00.H{pp}</c> (pp = its 2-digit statistics code); the n-th commune-level unit of
    /// the province (ordered by statistics code, n from 1) is <c>000.{n / 100:D2}.{n % 100:D2}.H{pp}</c>.
    /// </summary>
    public static string DefaultAgencyCode(string provinceCode, int communeIndex = 0)
    {
        if (provinceCode.Length != 2 || !provinceCode.All(char.IsAsciiDigit))
            throw new ArgumentException("Province code must be two digits.", nameof(provinceCode));
        ArgumentOutOfRangeException.ThrowIfNegative(communeIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(communeIndex, 9999);
        return $"000.{communeIndex / 100:D2}.{communeIndex % 100:D2}.H{provinceCode}";
    }
}
