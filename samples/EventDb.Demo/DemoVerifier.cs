using SQLitePCL;

namespace EventDb.Demo;

/// <summary>Checks a finished file with plain SQL: SQLite's integrity check, and one child row per event row.</summary>
internal static class DemoVerifier
{
    private static readonly string[] s_children = ["read", "write", "syscall", "exec", "proc_start", "proc_exit"];

    public static List<string> Verify(string path)
    {
        var problems = new List<string>();
        Batteries_V2.Init();
        if (raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY, null) != raw.SQLITE_OK)
        {
            problems.Add($"cannot open {path}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
            return problems;
        }
        using (db)
        {
            string integrity = Scalar(db, "PRAGMA integrity_check");
            if (integrity != "ok")
                problems.Add($"integrity_check: {integrity}");
            foreach (var child in s_children)
            {
                string orphans = Scalar(db, $"SELECT count(*) FROM event e WHERE e.type = '{child}' AND NOT EXISTS (SELECT 1 FROM {child} c WHERE c.id = e.id)");
                if (orphans != "0")
                    problems.Add($"{orphans} '{child}' event rows have no {child} row");
                string strays = Scalar(db, $"SELECT count(*) FROM {child} c LEFT JOIN event e ON e.id = c.id WHERE e.id IS NULL OR e.type <> '{child}'");
                if (strays != "0")
                    problems.Add($"{strays} {child} rows have no event row of type '{child}'");
            }
            string unknown = Scalar(db, $"SELECT count(*) FROM event WHERE type NOT IN ({string.Join(", ", s_children.Select(c => $"'{c}'"))})");
            if (unknown != "0")
                problems.Add($"{unknown} event rows have an unknown type");
        }
        return problems;
    }

    private static string Scalar(sqlite3 db, string sql)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out var statement) != raw.SQLITE_OK)
            return $"error: {raw.sqlite3_errmsg(db).utf8_to_string()}";
        using (statement)
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_text(statement, 0).utf8_to_string() : $"error: {raw.sqlite3_errmsg(db).utf8_to_string()}";
    }
}
