namespace MotCua.Data;

/// <summary>
/// The provider-specific SQL of the register tables, run by the Registers migrations: full-text search over the folded
/// names (SQLite FTS5, PostgreSQL GIN over tsvector 'simple' and pg_trgm for page text) and the append-only audit table.
/// </summary>
public static class RegisterSql
{
    public const string FtsTable = "register_entries_fts";
    public const string AuditTable = "register_audit";

    public static readonly string[] SqliteUp =
    [
        // External-content FTS5 table over the folded columns, kept in sync by triggers. The texts are folded already
        // (no accents, lower case), so unicode61 only splits words.
        $"""CREATE VIRTUAL TABLE {FtsTable} USING fts5("NameFolded", "RelativesFolded", content='register_entries', content_rowid='Id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
        $"""CREATE TRIGGER register_entries_ai AFTER INSERT ON register_entries BEGIN INSERT INTO {FtsTable}(rowid, "NameFolded", "RelativesFolded") VALUES (new."Id", new."NameFolded", new."RelativesFolded"); END""",
        $"""CREATE TRIGGER register_entries_ad AFTER DELETE ON register_entries BEGIN INSERT INTO {FtsTable}({FtsTable}, rowid, "NameFolded", "RelativesFolded") VALUES ('delete', old."Id", old."NameFolded", old."RelativesFolded"); END""",
        $"""CREATE TRIGGER register_entries_au AFTER UPDATE ON register_entries BEGIN INSERT INTO {FtsTable}({FtsTable}, rowid, "NameFolded", "RelativesFolded") VALUES ('delete', old."Id", old."NameFolded", old."RelativesFolded"); INSERT INTO {FtsTable}(rowid, "NameFolded", "RelativesFolded") VALUES (new."Id", new."NameFolded", new."RelativesFolded"); END""",
        .. AppendOnlySql.SqliteUp(AuditTable),
    ];

    public static readonly string[] SqliteDown =
    [
        .. AppendOnlySql.SqliteDown(AuditTable),
        "DROP TRIGGER IF EXISTS register_entries_au",
        "DROP TRIGGER IF EXISTS register_entries_ad",
        "DROP TRIGGER IF EXISTS register_entries_ai",
        $"DROP TABLE IF EXISTS {FtsTable}",
    ];

    public static readonly string[] PostgresUp =
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        // Folded names are ASCII: compare them bytewise, so a prefix is a btree range whatever the database's collation
        // (the indexes on them are rebuilt with the column).
        """ALTER TABLE register_entries ALTER COLUMN "NameFolded" TYPE character varying(150) COLLATE "C", ALTER COLUMN "NameSpelling" TYPE character varying(150) COLLATE "C" """,
        """CREATE INDEX ix_register_entries_name_fts ON register_entries USING gin (to_tsvector('simple', "NameFolded"))""",
        """CREATE INDEX ix_register_entries_relatives_fts ON register_entries USING gin (to_tsvector('simple', "RelativesFolded"))""",
        """CREATE INDEX ix_register_pages_text_trgm ON register_pages USING gin ("OcrTextFolded" gin_trgm_ops)""",
        .. AppendOnlySql.PostgresUp(AuditTable),
    ];

    public const string WordsTable = "register_words";

    /// <summary>
    /// PostgreSQL: every word of the folded names and relatives' names of the entries (a superset: a word stays when its
    /// entries go). A search expands the word being typed (the last one, "yen" → yen, yenx, ...) through its btree instead
    /// of a prefix match in the GIN index, which reads every posting list the prefix covers and cannot skip through the
    /// others ("lac &amp; thi &amp; yen:*" 18 ms, "lac &amp; thi &amp; yen" 3.5 ms at 2 million entries). The import and
    /// a typed entry add their words in their transaction; the migration that creates it fills it from the entries.
    /// SQLite's FTS5 table has its own prefix index and needs no such list.
    /// </summary>
    public static readonly string[] PostgresWordsUp =
    [
        $"""CREATE TABLE {WordsTable} ("Word" character varying(150) COLLATE "C" PRIMARY KEY)""",
        $"""INSERT INTO {WordsTable} ("Word") SELECT DISTINCT w FROM register_entries, unnest(string_to_array("NameFolded" || ' ' || "RelativesFolded", ' ')) AS w WHERE w <> '' ON CONFLICT DO NOTHING""",
    ];

    public static readonly string[] PostgresWordsDown = [$"DROP TABLE IF EXISTS {WordsTable}"];

    /// <summary>Adds words (a text[] parameter @words, sorted so that concurrent imports lock them in the same order).</summary>
    public const string PostgresAddWords = $"""INSERT INTO {WordsTable} ("Word") SELECT unnest(@words) ORDER BY 1 ON CONFLICT DO NOTHING""";

    /// <summary>At most this many words are read for the word being typed; with more, the search keeps the GIN prefix match.</summary>
    public const int MaxExpandedWords = 64;

    public static readonly string[] PostgresDown =
    [
        .. AppendOnlySql.PostgresDown(AuditTable),
        "DROP INDEX IF EXISTS ix_register_pages_text_trgm",
        "DROP INDEX IF EXISTS ix_register_entries_relatives_fts",
        "DROP INDEX IF EXISTS ix_register_entries_name_fts",
    ];
}
