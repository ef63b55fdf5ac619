using System.Security.Cryptography;
using System.Text;

namespace MotCua.Core.Units;

/// <summary>
/// Codes for old units that the file lists without a code. The code is "X" followed by the first 10 upper-case hex digits
/// of the SHA-256 of the UTF-8 text "province|district|name", each part the <see cref="VietnameseText.SpellingKey"/> of the
/// old province, district and unit name. It depends only on the old unit's names, so it is the same on every read, in a
/// corrected file, and for every new unit a split old unit went into. Real codes are all digits, so the two never clash.
/// </summary>
public static class SyntheticUnitCode
{
    public const string Prefix = "X";

    public static string For(string oldName, string? oldDistrictName, string? oldProvinceName)
    {
        ArgumentNullException.ThrowIfNull(oldName);
        var identity = IdentityKey(oldName, oldDistrictName, oldProvinceName);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return Prefix + Convert.ToHexString(hash, 0, 5);
    }

    public static bool IsSynthetic(string code) => code.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key that says two rows name the same old unit.</summary>
    internal static string IdentityKey(string oldName, string? oldDistrictName, string? oldProvinceName) =>
        string.Join('|',
            VietnameseText.SpellingKey(oldProvinceName ?? ""),
            VietnameseText.SpellingKey(oldDistrictName ?? ""),
            VietnameseText.SpellingKey(oldName));
}
