using SQLitePCL;

namespace EventDb;

/// <summary>A read-only connection to an EventDb file, and the typed reads made through it.</summary>
internal sealed class SqliteReader : IDisposable
{
    private readonly SqliteDatabase _db;

    private SqliteReader(SqliteDatabase db) => _db = db;

    public static SqliteReader Open(string path, TimeSpan busyTimeout)
    {
        var db = SqliteDatabase.Open(path, readOnly: true);
        // Readers in WAL mode rarely wait, but they do while a connection recovers or removes the WAL (a writer's close).
        raw.sqlite3_busy_timeout(db.Handle, (int)busyTimeout.TotalMilliseconds);
        return new SqliteReader(db);
    }

    /// <summary>Every row of <typeparamref name="T"/>'s table in id order; none when the table does not exist yet.</summary>
    public List<(long Id, T Row)> ReadAll<T>() where T : struct, IEventTable<T>
    {
        var schema = T.Schema;
        var rows = new List<(long, T)>();
        if (!SchemaManager.TableExists(_db, schema.Name))
            return rows;
        using var statement = _db.Prepare(SqliteSql.Select(schema));
        nint handle = statement.DangerousGetHandle();
        int rc;
        while ((rc = NativeMethods.sqlite3_step(handle)) == raw.SQLITE_ROW)
        {
            var reader = new SqliteRowReader(handle, 1);
            rows.Add((NativeMethods.sqlite3_column_int64(handle, 0), T.Read(ref reader)));
        }
        if (rc != raw.SQLITE_DONE)
            EventDbThrow.Sqlite(rc, _db.Handle, $"Reading '{schema.Name}' from '{_db.Path}' failed");
        return rows;
    }

    public void Dispose() => _db.Dispose();
}
