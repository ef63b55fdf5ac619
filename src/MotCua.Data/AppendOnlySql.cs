namespace MotCua.Data;

/// <summary>
/// The triggers that make an audit table append-only for the app: UPDATE and DELETE (and TRUNCATE on PostgreSQL) are
/// refused by the database itself, so no code path of MotCua (nor a hand-typed query through its connection) can rewrite
/// or erase the record. Used by the register audit (<see cref="RegisterSql"/>) and the personal-data access audit.
/// </summary>
public static class AppendOnlySql
{
    public static string[] SqliteUp(string table) =>
    [
        $"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
        $"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
    ];

    public static string[] SqliteDown(string table) =>
    [
        $"DROP TRIGGER IF EXISTS {table}_no_delete",
        $"DROP TRIGGER IF EXISTS {table}_no_update",
    ];

    public static string[] PostgresUp(string table) =>
    [
        $"""
        CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{table} is append-only'; END $$
        """,
        $"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_append_only()""",
        $"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()""",
    ];

    public static string[] PostgresDown(string table) =>
    [
        $"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        $"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        $"DROP FUNCTION IF EXISTS {table}_append_only()",
    ];
}
