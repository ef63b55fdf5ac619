using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Core.Registers;
using MotCua.Core.Units;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Registers;

/// <summary>
/// Search of the old civil-status books for staff. Name and parents' names match accent- and case-insensitively, every
/// word typed as a word (the last also as the start of one) (SQLite FTS5, PostgreSQL GIN over tsvector 'simple' on the folded columns); results
/// rank the exact full name with the same accents first, then the exact name without accents, then names that start
/// with the query, then the other matches; a parent's name selects first the entries whose father, mother or spouse has
/// exactly that name, then those holding its words (see <see cref="ParentStages"/>). A unit means its books and those of every unit merged into it. Every search
/// is audited.
/// </summary>
public sealed class SearchRegister(MotCuaDbContext db, UnitLineageCache lineage, TimeProvider time, IStringLocalizer<RegisterText> text)
{
    public const int MaxPageSize = 100;

    /// <summary>The tsquery of each token list of this search (PostgreSQL), with the word being typed expanded.</summary>
    private readonly Dictionary<string, string> tsQueries = new(StringComparer.Ordinal);

    public sealed record Request(string? Q = null, string? Parent = null, string? Kind = null, string? Unit = null, int? BirthYear = null,
        DateOnly? DateOfBirth = null, int? Year = null, int Page = 1, int PageSize = 20);

    public static async Task<IResult> HandleAsync([AsParameters] Query query, HttpContext http, SearchRegister search, ProblemResults problems,
        CancellationToken ct)
    {
        var outcome = await search.SearchAsync(query.ToRequest(), CurrentUser.From(http.User), ct);
        return outcome.ToResult(problems, Results.Ok);
    }

    /// <summary>The query string of GET /registers/entries.</summary>
    public sealed record Query(string? Q, string? Parent, string? Kind, string? Unit, int? BirthYear, DateOnly? DateOfBirth, int? Year,
        int? Page, int? PageSize)
    {
        public Request ToRequest() => new(Q, Parent, Kind, Unit, BirthYear, DateOfBirth, Year, Page ?? 1, PageSize ?? 20);
    }

    public async Task<Outcome<RegisterSearchResult>> SearchAsync(Request request, CurrentUser user, CancellationToken ct)
    {
        var scope = await RegisterScope.ForAsync(user, lineage, ct);
        if (scope is null) return Outcome<RegisterSearchResult>.Fail(StatusCodes.Status403Forbidden, text["Registers.StaffOnly"]);
        var errors = new ValidationErrors();
        var nameTokens = RegisterSearchText.QueryTokens(request.Q);
        var parentTokens = RegisterSearchText.QueryTokens(request.Parent);
        RegisterKind? kind = null;
        if (!string.IsNullOrWhiteSpace(request.Kind))
        {
            if (RegisterRowParser.TryParseKind(request.Kind, out var k)) kind = k;
            else errors.Add("kind", text["Registers.KindInvalid"]);
        }
        if (nameTokens.Count == 0 && parentTokens.Count == 0 && request.DateOfBirth is null)
            errors.Add("q", text["Registers.CriteriaRequired"]);
        if (request.Page < 1) errors.Add("page", text["Registers.PageInvalid"]);
        if (request.PageSize is < 1 or > MaxPageSize) errors.Add("pageSize", text["Registers.PageSizeInvalid", MaxPageSize]);
        IReadOnlySet<string>? unitCodes = null;
        if (!string.IsNullOrWhiteSpace(request.Unit))
        {
            var snapshot = await lineage.GetAsync(ct);
            var code = request.Unit.Trim();
            if (!snapshot.KnownCodes.Contains(code)) errors.Add("unit", text["Registers.UnitUnknown", code]);
            else unitCodes = snapshot.Lineage.SelfAndPredecessors(code).ToHashSet(StringComparer.Ordinal);
        }
        if (errors.Any) return Outcome<RegisterSearchResult>.Invalid(errors);

        var entries = scope.Apply(db.RegisterEntries.AsNoTracking());
        if (unitCodes is not null) entries = entries.Where(e => unitCodes.Contains(e.BookUnitCode));
        if (kind is { } kk) entries = entries.Where(e => e.Kind == kk);
        if (request.BirthYear is { } by) entries = entries.Where(e => e.BirthYear == by);
        if (request.DateOfBirth is { } dob) entries = entries.Where(e => e.DateOfBirth == dob);
        if (request.Year is { } year) entries = entries.Where(e => e.Year == year);

        var need = request.Page * request.PageSize + 1;
        var ranked = new List<(long Id, RegisterMatch Match)>();
        var seen = new HashSet<long>();
        foreach (var stage in ParentStages(entries, parentTokens, ct))
        {
            if (ranked.Count >= need) break;
            // A later step may find again what an earlier one found (an exact parent's name holds its own words): it reads as
            // many as the page needs in all and drops those already found.
            var found = nameTokens.Count == 0
                ? (await (await stage.ByFullText()).OrderBy(e => e.NameFolded).ThenBy(e => e.Id).Select(e => e.Id).Take(need).ToListAsync(ct)).Select(id => (id, RegisterMatch.None)).ToList()
                : await RankByNameAsync(stage, nameTokens, request.Q!, need, scope, ct);
            ranked.AddRange(found.Where(f => seen.Add(f.Item1)).Take(need - ranked.Count));
        }
        var pageIds = ranked.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        var ids = pageIds.Select(r => r.Id).ToList();
        var rows = await db.RegisterEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var items = pageIds.Select(r => RegisterEntryDto.From(rows[r.Id], r.Match)).ToList();

        RegisterAudit.Add(db, user, RegisterAuditAction.Search, time.GetUtcNow(), request with { }, resultCount: items.Count);
        await db.SaveChangesAsync(ct);
        return Outcome<RegisterSearchResult>.Ok(new RegisterSearchResult(items, request.Page, request.PageSize, ranked.Count > request.Page * request.PageSize));
    }

    /// <summary>
    /// The ids of the first <paramref name="need"/> matches, best first, in up to four cheap steps, each only when the
    /// earlier ones found too few: the exact name with the same accents; the exact name without accents; names that start
    /// with the query (a range of the btree on the folded name, read in index order, so a common prefix such as
    /// "nguyen van" stops after a page); then names holding every word in any order (full-text index). The folded name
    /// is ASCII and compared bytewise (collation "C" on PostgreSQL, BINARY on SQLite), so the prefix is the range
    /// [folded, folded + "~").
    /// </summary>
    private async Task<List<(long Id, RegisterMatch Match)>> RankByNameAsync(Stage stage, IReadOnlyList<string> tokens,
        string query, int need, RegisterScope scope, CancellationToken ct)
    {
        var entries = stage.ByName;
        var folded = string.Join(' ', tokens);
        var spelling = VietnameseText.SpellingKey(query);
        var upper = folded + "~";
        var result = new List<(long, RegisterMatch)>();
        var exact = await entries.Where(e => e.NameFolded == folded && e.NameSpelling == spelling)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(need).ToListAsync(ct);
        result.AddRange(exact.Select(id => (id, RegisterMatch.Exact)));
        if (result.Count < need)
        {
            var folding = await entries.Where(e => e.NameFolded == folded && e.NameSpelling != spelling)
                .OrderBy(e => e.NameSpelling).ThenBy(e => e.Id).Select(e => e.Id).Take(need - result.Count).ToListAsync(ct);
            result.AddRange(folding.Select(id => (id, RegisterMatch.ExactFolded)));
        }
        if (result.Count < need)
        {
            var prefix = await entries.Where(e => string.Compare(e.NameFolded, folded) > 0 && string.Compare(e.NameFolded, upper) < 0)
                .OrderBy(e => e.NameFolded).ThenBy(e => e.NameSpelling).ThenBy(e => e.Id).Select(e => e.Id).Take(need - result.Count).ToListAsync(ct);
            result.AddRange(prefix.Select(id => (id, RegisterMatch.Prefix)));
        }
        if (stage.WordsStep && result.Count < need)
        {
            // Within a unit's books (a few hundred thousand entries at most) reading the folded names from the scope's btree is
            // cheaper than a full-text index whose posting lists ("nguyen", "thi") cover a third of the province; with a year
            // of birth, from the (book unit, birth year, name) index.
            var candidates = db.IsPostgres && scope.BookUnitCodes is not null
                ? ContainsWords(stage.ByName, e => e.NameFolded, tokens)
                : await MatchWordsAsync(await stage.ByFullText(), "NameFolded", tokens, ct);
            var words = await candidates
                .Where(e => string.Compare(e.NameFolded, folded) < 0 || string.Compare(e.NameFolded, upper) >= 0)
                .OrderBy(e => e.NameFolded).ThenBy(e => e.Id).Select(e => e.Id).Take(need - result.Count).ToListAsync(ct);
            result.AddRange(words.Select(id => (id, RegisterMatch.Words)));
        }
        return result;
    }

    /// <summary>
    /// One step of a search by a parent's name: the entries it selects, as the name ranking reads them (<see cref="ByName"/>:
    /// the exact, accent and prefix steps, driven by the name's btree) and as the words step and a search without a name read
    /// them (<see cref="ByFullText"/>: driven by a full-text index, built only when a step needs it, as it may read the list
    /// of words); <see cref="WordsStep"/>: whether the words step runs.
    /// </summary>
    private sealed record Stage(IQueryable<LegacyRegisterEntry> ByName, Func<Task<IQueryable<LegacyRegisterEntry>>> ByFullText, bool WordsStep);

    /// <summary>
    /// The entries a parent's (or spouse's) name selects, best first, in two steps: first those whose father, mother or
    /// spouse has exactly that name without accents (btree equality on FatherFolded/MotherFolded/SpouseFolded, with the
    /// scope and the folded name in the index, so only matching rows are read); then every entry holding the words typed
    /// among the relatives' names, which includes the first step's (the caller drops those). The second step runs only
    /// when the first found less than a page, so a common name such as "le thi hoa" never reads the full-text posting
    /// lists of "le" and "thi". In the second step the name's exact, accent and prefix steps read the name's btree and
    /// check the relatives' words on the rows read by LIKE over the folded text (a string scan: the full-text index would
    /// intersect posting lists that cover most of the province, and matching tsvector per row parses the text); without a
    /// name, and for the name's words, the full-text index selects them. With a name typed too, the first step ranks by
    /// the exact name and its prefix only (read from those indexes); names holding the words in any order come in the
    /// second step. Without a parent's name, one step: every entry.
    /// </summary>
    private IEnumerable<Stage> ParentStages(IQueryable<LegacyRegisterEntry> entries, IReadOnlyList<string> tokens, CancellationToken ct)
    {
        if (tokens.Count == 0)
        {
            yield return new Stage(entries, () => Task.FromResult(entries), true);
            yield break;
        }
        var name = string.Join(' ', tokens);
        var exact = entries.Where(e => e.FatherFolded == name || e.MotherFolded == name || e.SpouseFolded == name);
        yield return new Stage(exact, () => Task.FromResult(exact), false);
        yield return new Stage(ContainsWords(entries, e => e.RelativesFolded, tokens), () => MatchWordsAsync(entries, "RelativesFolded", tokens, ct), true);
    }

    /// <summary>
    /// Every token is a word of the folded text (the last one may be the start of a word), by LIKE over the text of the rows
    /// read (from an index or the table): the same meaning as the full-text match, with no full-text index. Tokens hold
    /// letters and digits only, so no LIKE wildcard comes from what was typed; the values are query parameters.
    /// </summary>
    private static IQueryable<LegacyRegisterEntry> ContainsWords(IQueryable<LegacyRegisterEntry> entries,
        Expression<Func<LegacyRegisterEntry, string>> column, IReadOnlyList<string> tokens)
    {
        var text = column.Body;
        for (var i = 0; i < tokens.Count; i++)
        {
            var last = i == tokens.Count - 1;
            var word = tokens[i];
            Expression Value(string v) => Expression.Property(Expression.Constant(new Pattern(v)), nameof(Pattern.Value));
            Expression Like(string pattern) => Expression.Call(LikeMethod, Expression.Property(null, typeof(EF), nameof(EF.Functions)), text, Value(pattern));
            var alone = Expression.Equal(text, Value(word));
            var first = Like(word + (last ? "%" : " %"));
            var middle = Like("% " + word + (last ? "%" : " %"));
            var end = Like("% " + word);
            var any = last ? Expression.OrElse(first, middle) : Expression.OrElse(Expression.OrElse(alone, first), Expression.OrElse(middle, end));
            entries = entries.Where(Expression.Lambda<Func<LegacyRegisterEntry, bool>>(any, column.Parameters[0]));
        }
        return entries;
    }

    /// <summary>A value read through a property, so that EF Core sends it as a parameter (one cached query for every word).</summary>
    private sealed record Pattern(string Value);

    private static readonly MethodInfo LikeMethod = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string)])!;

    /// <summary>
    /// Every token is a word of the folded column (the last may be the start of one): FTS5 on SQLite, tsvector 'simple' (GIN
    /// expression index) on PostgreSQL, where the last token is expanded to the known words that start with it (read once
    /// per search from register_words, see <see cref="RegisterWords"/>).
    /// </summary>
    private async Task<IQueryable<LegacyRegisterEntry>> MatchWordsAsync(IQueryable<LegacyRegisterEntry> entries, string column,
        IReadOnlyList<string> tokens, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            var key = string.Join(' ', tokens);
            if (!tsQueries.TryGetValue(key, out var tsQuery))
                tsQueries[key] = tsQuery = RegisterSearchText.TsQuery(tokens, await RegisterWords.StartingWithAsync(db, tokens[^1], ct));
            return column == "NameFolded"
                ? entries.Where(e => EF.Functions.ToTsVector("simple", e.NameFolded).Matches(EF.Functions.ToTsQuery("simple", tsQuery)))
                : entries.Where(e => EF.Functions.ToTsVector("simple", e.RelativesFolded).Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }
        var match = RegisterSearchText.Fts5(column, tokens);
        var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM register_entries_fts WHERE register_entries_fts MATCH {match}");
        return entries.Where(e => ids.Contains(e.Id));
    }
}
