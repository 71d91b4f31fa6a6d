using SQLitePCL;

namespace EventDb.Generators.Tests;

/// <summary>Runs DDL in an in-memory SQLite database and reads back what SQLite stored in sqlite_master.</summary>
internal static class SqliteSchema
{
    static SqliteSchema() => Batteries_V2.Init();

    public static List<string> StoredCreateStatements(IEnumerable<string> ddl)
    {
        Check(raw.sqlite3_open(":memory:", out var db), db);
        using (db)
        {
            foreach (var statement in ddl)
                Check(raw.sqlite3_exec(db, statement), db);
            Check(raw.sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid", out var select), db);
            using (select)
            {
                var result = new List<string>();
                while (raw.sqlite3_step(select) == raw.SQLITE_ROW)
                    result.Add(raw.sqlite3_column_text(select, 0).utf8_to_string());
                return result;
            }
        }
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
    }
}
