using SQLitePCL;

namespace EventDb.FaultTests;

/// <summary>
/// A plain SQLite connection, independent of the logger: the second connection that holds locks, and the checker that
/// counts what really is in the file.
/// </summary>
internal sealed class RawDb : IDisposable
{
    static RawDb() => Batteries_V2.Init();

    private RawDb(sqlite3 handle) => Handle = handle;

    public sqlite3 Handle { get; }

    public static RawDb Open(string path, bool readOnly = false, int busyTimeoutMs = 5_000)
    {
        int flags = readOnly ? raw.SQLITE_OPEN_READONLY : raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE;
        int rc = raw.sqlite3_open_v2(path, out var db, flags, null);
        if (rc != raw.SQLITE_OK)
        {
            string message = db is null ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new InvalidOperationException($"cannot open {path}: {rc} {message}");
        }
        raw.sqlite3_busy_timeout(db, busyTimeoutMs);
        return new RawDb(db);
    }

    /// <summary>Runs SQL and returns the result code (no throw): lock tests want to see it.</summary>
    public int TryExec(string sql) => raw.sqlite3_exec(Handle, sql);

    public void Exec(string sql)
    {
        int rc = TryExec(sql);
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"'{sql}' failed: {rc} {Error}");
    }

    public string Error => raw.sqlite3_errmsg(Handle).utf8_to_string();

    public long Long(string sql)
    {
        var row = Assert.Single(Rows(sql));
        return long.Parse(row[0]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public string? Text(string sql) => Assert.Single(Rows(sql))[0];

    /// <summary>Every row, each column as text (NULL as null).</summary>
    public List<string?[]> Rows(string sql)
    {
        int rc = raw.sqlite3_prepare_v2(Handle, sql, out var statement);
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"preparing '{sql}' failed: {rc} {Error}");
        using (statement)
        {
            var rows = new List<string?[]>();
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var row = new string?[raw.sqlite3_column_count(statement)];
                for (int i = 0; i < row.Length; i++)
                    row[i] = raw.sqlite3_column_type(statement, i) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(statement, i).utf8_to_string();
                rows.Add(row);
            }
            if (rc != raw.SQLITE_DONE)
                throw new InvalidOperationException($"'{sql}' failed: {rc} {Error}");
            return rows;
        }
    }

    public void Dispose() => Handle.Dispose();
}
