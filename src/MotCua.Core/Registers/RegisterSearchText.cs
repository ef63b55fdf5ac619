using System.Text;
using MotCua.Core.Units;

namespace MotCua.Core.Registers;

/// <summary>
/// The folded texts a register entry is searched by, and the search expressions built from what a clerk types.
/// Folding is <see cref="VietnameseText.Fold"/> (accents and tone marks dropped, đ/Đ → d, lower case); a search token is
/// a run of letters and digits of the folded text, so "Nguyễn-Văn  AN" and "nguyen van an" give the same tokens.
/// </summary>
public static class RegisterSearchText
{
    /// <summary>At most this many tokens are used from a query; more only slow the search down.</summary>
    public const int MaxTokens = 8;

    public static string FoldName(string fullName) => string.Join(' ', Tokens(fullName));

    /// <summary>The folded name, or null when the name is missing or has no letter or digit.</summary>
    public static string? FoldOptionalName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : FoldName(name) is { Length: > 0 } folded ? folded : null;

    /// <summary>The folded tokens of a text: letters and digits only, at most <see cref="MaxTokens"/> when it is a query.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var folded = VietnameseText.Fold(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) current.Append(c);
            else if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    /// <summary>The query's tokens (at most <see cref="MaxTokens"/>), or none when it has no letter or digit.</summary>
    public static IReadOnlyList<string> QueryTokens(string? query) =>
        string.IsNullOrWhiteSpace(query) ? [] : Tokens(query).Take(MaxTokens).ToList();

    /// <summary>
    /// An SQLite FTS5 expression: every token as a word, the last one also as the start of a word (what is being typed):
    /// "nguyen van a" → name : "nguyen" AND name : "van" AND name : "a"*. Tokens hold letters and digits only, so nothing in
    /// them needs escaping.
    /// </summary>
    public static string Fts5(string column, IReadOnlyList<string> tokens) =>
        string.Join(" AND ", tokens.Select((t, i) => $"{column} : \"{t}\"" + (i == tokens.Count - 1 ? "*" : "")));

    /// <summary>
    /// A PostgreSQL tsquery (simple configuration) with the same meaning ("nguyen van a" → nguyen &amp; van &amp; a:*). Whole
    /// words keep GIN's fast intersection; a prefix of a common word ("thi:*") would read every posting list it covers. With
    /// <paramref name="lastWords"/> (every known word that starts with the last token, from the list of words), the last
    /// token is those words instead of a prefix: "lac thi yen" → lac &amp; thi &amp; ( yen | yenx ), which GIN intersects
    /// without a prefix scan.
    /// </summary>
    public static string TsQuery(IReadOnlyList<string> tokens, IReadOnlyList<string>? lastWords = null) =>
        string.Join(" & ", tokens.Select((t, i) => i < tokens.Count - 1 ? t
            : lastWords is { Count: > 0 } words ? "( " + string.Join(" | ", words) + " )" : t + ":*"));
}
