using System.Globalization;
using System.Text;

namespace MotCua.Core.Units;

/// <summary>Comparison keys for Vietnamese names.</summary>
public static class VietnameseText
{
    /// <summary>
    /// Accent- and case-insensitive key: NFD-decompose, drop combining marks, đ/Đ to d, lower-case (invariant),
    /// collapse whitespace, trim. "Đăng Ký Khai Sinh" gives "dang ky khai sinh". NFC and NFD input give the same key.
    /// Distinct names can share a key (Văn Lang and Văn Lăng); use <see cref="SpellingKey"/> to tell them apart.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            folded.Append(c is 'đ' or 'Đ' or 'Ð' ? 'd' : char.ToLowerInvariant(c));
        }
        return CollapseWhitespace(folded.ToString());
    }

    /// <summary>
    /// Case-, whitespace- and Unicode-form-insensitive key that keeps every letter and tone, and ignores where the tone mark
    /// sits in a syllable (old style "Hoà" and new style "Hòa" give the same key; "Văn Lang" and "Văn Lăng" do not).
    /// </summary>
    public static string SpellingKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var syllables = CollapseWhitespace(text).Split(' ');
        for (var i = 0; i < syllables.Length; i++)
            syllables[i] = MoveToneToEnd(syllables[i]);
        return string.Join(' ', syllables).Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>Trims, collapses runs of whitespace to one space and composes to NFC: the form names are stored in.</summary>
    public static string Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CollapseWhitespace(text).Normalize(NormalizationForm.FormC);
    }

    private static string MoveToneToEnd(string syllable)
    {
        var letters = new StringBuilder(syllable.Length + 1);
        char? tone = null;
        foreach (var c in syllable.Normalize(NormalizationForm.FormD))
        {
            if (IsToneMark(c))
                tone = c;
            else
                letters.Append(c == 'Ð' ? 'Đ' : c);
        }
        if (tone is not null)
            letters.Append(tone.Value);
        return letters.ToString();
    }

    // Huyền, sắc, ngã, hỏi, nặng. The other marks (breve, circumflex, horn) are part of the letter.
    private static bool IsToneMark(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
