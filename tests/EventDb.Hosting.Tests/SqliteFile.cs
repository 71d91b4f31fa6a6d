using System.Globalization;
using SQLitePCL;

namespace EventDb.Hosting.Tests;

/// <summary>A plain read-only SQLite connection, independent of the logger: counts what really is in the file.</summary>
internal sealed class SqliteFile : IDisposable
{
    static SqliteFile() => Batteries_V2.Init();

    private readonly sqlite3 _db;

    public SqliteFile(string path)
    {
        int rc = raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READONLY, null);
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"cannot open {path}: {rc} {raw.sqlite3_errstr(rc).utf8_to_string()}");
    }

    public long Long(string sql) => long.Parse(Text(sql), CultureInfo.InvariantCulture);

    /// <summary>The first column of the single row <paramref name="sql"/> returns, as text.</summary>
    public string Text(string sql)
    {
        int rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"preparing '{sql}' failed: {rc} {raw.sqlite3_errmsg(_db).utf8_to_string()}");
        using (statement)
        {
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
            string value = raw.sqlite3_column_text(statement, 0).utf8_to_string();
            Assert.Equal(raw.SQLITE_DONE, raw.sqlite3_step(statement));
            return value;
        }
    }

    public void Dispose() => _db.Dispose();
}
