using SQLitePCL;

namespace EventDb.Cli.Tests;

/// <summary>
/// Builds a test file by plain SQL, as Penguin's own logger would have: the fixture DDL (what SQLAlchemy's create_all
/// writes for Penguin's models) and rows inserted with INSERT, so the tool reads a file no EventDb code wrote.
/// </summary>
internal sealed class SqlFile : IDisposable
{
    static SqlFile() => Batteries_V2.Init();

    private readonly sqlite3 _db;

    private SqlFile(sqlite3 db) => _db = db;

    public static string PenguinSchema => System.IO.File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "penguin-schema.sql"));

    /// <summary>A new file at <paramref name="path"/> with Penguin's seven tables.</summary>
    public static SqlFile Penguin(string path)
    {
        var file = Create(path);
        file.Exec(PenguinSchema);
        return file;
    }

    public static SqlFile Create(string path)
    {
        int rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE, null);
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"cannot open {path}: {rc}");
        return new SqlFile(db);
    }

    public SqlFile Exec(string sql)
    {
        int rc = raw.sqlite3_exec(_db, sql);
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"'{sql}' failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}");
        return this;
    }

    /// <summary>An event row and its child row: <paramref name="child"/> holds the child's values after the id, as SQL.</summary>
    public SqlFile Event(long id, string type, string procname, string child) =>
        Exec($"INSERT INTO event (id, type, procname, proc_id) VALUES ({id}, '{type}', {Text(procname)}, 0); INSERT INTO {type} VALUES ({id}, {child});");

    /// <summary>A syscall: name, retno, retno_repr, then (value, repr) for arg0..arg5 (missing ones NULL).</summary>
    public SqlFile Syscall(long id, string procname, string name, long? retno, string? retnoRepr, params (long? Value, string? Repr)[] args)
    {
        var values = new List<string> { Text(name), retno?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL", Text(retnoRepr) };
        for (int i = 0; i < 6; i++)
        {
            var (value, repr) = i < args.Length ? args[i] : (null, null);
            values.Add(value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL");
            values.Add(Text(repr));
        }
        return Event(id, "syscall", procname, string.Join(", ", values));
    }

    public SqlFile Read(long id, string procname, long fd, string fname, byte[]? buffer) =>
        Event(id, "read", procname, $"{fd}, {Text(fname)}, {Blob(buffer)}");

    public SqlFile Write(long id, string procname, long fd, string? fname, byte[]? buffer) =>
        Event(id, "write", procname, $"{fd}, {Text(fname)}, {Blob(buffer)}");

    public SqlFile Exec(long id, string procname, string calltree, string argv) =>
        Event(id, "exec", procname, $"{Text(calltree)}, '1', {Text(argv)}, '{{}}', 0, 0");

    /// <summary>An SQL text literal ('' for a quote; a newline stays a newline), or NULL.</summary>
    public static string Text(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Blob(byte[]? value) => value is null ? "NULL" : "X'" + Convert.ToHexString(value) + "'";

    public void Dispose() => _db.Dispose();
}
