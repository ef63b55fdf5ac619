using Microsoft.EntityFrameworkCore;
using MotCua.Core.Registers;

namespace MotCua.Data;

/// <summary>
/// Folds the father's, mother's and spouse's names one by one (<c>FatherFolded</c>, <c>MotherFolded</c>,
/// <c>SpouseFolded</c>) for the register entries imported before the <c>RegisterRelativeNames</c> migration, which have
/// only the relatives' names folded together: without them the exact-parent step of a search does not find those entries.
/// Folding is <see cref="RegisterSearchText"/>'s (the same as an import), so it runs here and not in SQL. Such entries
/// are the ones <see cref="Pending"/> selects, found through the partial index <see cref="IndexName"/>: no entry written
/// since matches it, so on a database with nothing left to do the check at start-up reads an empty index. Run at
/// start-up after the migrations, in batches; a run cut short goes on at the next start.
/// </summary>
public static class RegisterRelativesBackfill
{
    public const string IndexName = "IX_register_entries_relatives_backfill";

    /// <summary>Relatives' names folded together but none of them one by one (SQL valid on SQLite and PostgreSQL).</summary>
    public const string Pending =
        "\"RelativesFolded\" <> '' AND \"FatherFolded\" IS NULL AND \"MotherFolded\" IS NULL AND \"SpouseFolded\" IS NULL";

    public const int BatchSize = 1000;

    /// <summary>Fills the pending entries; returns how many were filled.</summary>
    public static Task<int> RunAsync(MotCuaDbContext db, CancellationToken ct = default) =>
        BatchRewrite.RunAsync(db, $"SELECT \"Id\" AS \"Value\" FROM register_entries WHERE {Pending} ORDER BY \"Id\" LIMIT {BatchSize}",
            ids => db.RegisterEntries.Where(e => ids.Contains(e.Id)), e =>
            {
                e.FatherFolded = RegisterSearchText.FoldOptionalName(e.FatherName);
                e.MotherFolded = RegisterSearchText.FoldOptionalName(e.MotherName);
                e.SpouseFolded = RegisterSearchText.FoldOptionalName(e.SpouseName);
                // Relatives folded together from names that fold to nothing: nothing to find them by one by one; the
                // combined text is written again the way an import writes it, so the entry leaves the pending set.
                if (e.FatherFolded is null && e.MotherFolded is null && e.SpouseFolded is null) e.RelativesFolded = "";
            }, ct);
}
