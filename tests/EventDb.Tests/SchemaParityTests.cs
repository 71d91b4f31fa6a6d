using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>A file EventDb writes for the Penguin model has exactly the tables Penguin's SQLAlchemy models create.</summary>
public sealed class SchemaParityTests : IDisposable
{
    private static readonly string[] s_penguinTables = ["event", "read", "write", "syscall", "exec", "proc_start", "proc_exit"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string FixtureSql => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "penguin-schema.sql"));

    private SqliteDatabase CreateReference()
    {
        var path = Path.Combine(_dir.Path, "reference.db");
        var db = SqliteDatabase.Open(path, readOnly: false, create: true);
        db.Execute(FixtureSql);
        return db;
    }

    [Fact]
    public void Open_PenguinTables_TableInfoAndForeignKeysEqualPenguinsSchema()
    {
        using (EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All }))
        {
        }

        using var reference = CreateReference();
        using var written = _dir.OpenRaw();
        Assert.Equal(
            s_penguinTables.Order(StringComparer.Ordinal),
            written.QueryText("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").Select(r => r[0]));
        foreach (var table in s_penguinTables)
        {
            Assert.Equal(reference.QueryText($"PRAGMA table_info({table})"), written.QueryText($"PRAGMA table_info({table})"));
            Assert.Equal(reference.QueryText($"PRAGMA foreign_key_list({table})"), written.QueryText($"PRAGMA foreign_key_list({table})"));
        }
    }

    [Fact]
    public void Open_PenguinTables_StoredDdlIsPenguinsTextByteForByte()
    {
        using (EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All }))
        {
        }

        using var reference = CreateReference();
        using var written = _dir.OpenRaw();
        const string Sql = "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name";
        Assert.Equal(reference.QueryText(Sql), written.QueryText(Sql));
    }

    [Fact]
    public void Open_FileCreatedByPenguinsSchema_IsAcceptedAndAppendedTo()
    {
        using (var reference = SqliteDatabase.Open(_dir.DbPath, readOnly: false, create: true))
        {
            reference.Execute(FixtureSql);
            reference.Execute("INSERT INTO event (id, type, procname, proc_id) VALUES (41, 'syscall', 'init', 1)");
            reference.Execute("INSERT INTO syscall (id, name) VALUES (41, 'sys_fork')");
        }

        using (var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All }))
            log.Add(new Syscall { Name = "sys_wait4", Procname = "init", ProcId = 1 });

        using var db = _dir.OpenRaw();
        Assert.Equal([["41", "sys_fork"], ["42", "sys_wait4"]], db.QueryText("SELECT id, name FROM syscall ORDER BY id"));
    }
}
