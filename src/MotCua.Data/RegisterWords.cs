using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MotCua.Data;

/// <summary>
/// The list of words of the entries' folded names on PostgreSQL (<see cref="RegisterSql.WordsTable"/>): what a search expands
/// the word being typed to. Every writer of entries adds their words in its transaction, so the list is never missing a word
/// of an entry (it may hold more: those only cost an empty look-up in the full-text index).
/// </summary>
public static class RegisterWords
{
    /// <summary>The distinct words of folded texts (names, relatives' names: words separated by one space).</summary>
    public static void Collect(ISet<string> into, string? folded)
    {
        if (string.IsNullOrEmpty(folded)) return;
        foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries)) into.Add(word);
    }

    /// <summary>Adds the words on PostgreSQL (no-op on SQLite, whose FTS5 table has its own prefix index).</summary>
    public static async Task AddAsync(MotCuaDbContext db, IEnumerable<string> words, CancellationToken ct)
    {
        if (!db.IsPostgres) return;
        var sorted = words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0) return;
        await db.Database.ExecuteSqlRawAsync(RegisterSql.PostgresAddWords, [new NpgsqlParameter("words", sorted)], ct);
    }

    /// <summary>
    /// The words that start with <paramref name="prefix"/>, or null when there are more than
    /// <see cref="RegisterSql.MaxExpandedWords"/> (then the caller keeps the prefix match). PostgreSQL only.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> StartingWithAsync(MotCuaDbContext db, string prefix, CancellationToken ct)
    {
        var upper = prefix + "~"; // words are lower-case ASCII letters and digits, compared bytewise (COLLATE "C")
        var words = await db.Database.SqlQuery<string>(
            $"SELECT \"Word\" AS \"Value\" FROM register_words WHERE \"Word\" >= {prefix} AND \"Word\" < {upper} ORDER BY \"Word\" LIMIT {RegisterSql.MaxExpandedWords + 1}")
            .ToListAsync(ct);
        return words.Count > RegisterSql.MaxExpandedWords ? null : words;
    }
}
