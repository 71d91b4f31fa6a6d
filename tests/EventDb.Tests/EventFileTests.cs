using System.Security.Cryptography;
using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>Reading a file: read-only, streamed in id order, filtered without SQL, counted; what the file lacks is named.</summary>
public sealed partial class EventFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes syscalls 0..n-1 (arg0 = i, name sys_read or sys_write, procname httpd or init) and closes.</summary>
    private void WriteSyscalls(int n, Action<EventLogger>? more = null)
    {
        using var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All });
        for (int i = 0; i < n; i++)
        {
            log.Add(new Syscall
            {
                Name = i % 2 == 0 ? "sys_read" : "sys_write",
                Retno = i % 5 == 0 ? -2 : i,
                Arg0 = (ulong)i,
                Procname = i % 3 == 0 ? "httpd" : "init",
                ProcId = i,
            });
        }
        more?.Invoke(log);
    }

    private byte[] FileHash() => SHA256.HashData(File.ReadAllBytes(_dir.DbPath));

    [Fact]
    public void Read_ClosedFile_StreamsEveryRowInIdOrderAndChangesNothing()
    {
        WriteSyscalls(1_000);
        var before = FileHash();
        var filesBefore = Directory.GetFiles(_dir.Path).Order().ToArray();

        using (var file = EventFile.OpenRead(_dir.Path)) // a directory means its plugins.db
        {
            var rows = file.ReadWithIds<Syscall>().ToList();
            Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (long)i), rows.Select(r => r.Id));
            Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (ulong)i), rows.Select(r => r.Event.Arg0!.Value));
            Assert.Equal("httpd", rows[3].Event.Procname);
            Assert.Equal(1_000, file.Count<Syscall>());
            Assert.Empty(file.Read<Read>());
        }

        Assert.Equal(before, FileHash());
        Assert.Equal(filesBefore, Directory.GetFiles(_dir.Path).Order().ToArray());
    }

    [Fact]
    public void Read_WithConditions_SelectsOnOwnAndBaseColumnsWithoutSql()
    {
        WriteSyscalls(300);
        using var file = EventFile.OpenRead(_dir.DbPath);

        long[] Ids(RowSelection query) => [.. file.ReadWithIds<Syscall>(query).Select(r => r.Id)];
        long[] Expected(Func<int, bool> keep) => [.. Enumerable.Range(0, 300).Where(keep).Select(i => (long)i + 1)];

        Assert.Equal(Expected(i => i % 2 == 0), Ids(Syscall.Where.Name.Is("sys_read")));
        Assert.Equal(Expected(i => i % 3 == 0 && i % 5 == 0), Ids(Syscall.Where.Procname.Contains("ttp") & Syscall.Where.Retno.LessThan(0)));
        Assert.Equal(Expected(i => i % 3 == 0 || i % 2 == 0), Ids(Syscall.Where.Procname.StartsWith("h") | Syscall.Where.Name.EndsWith("read")));
        Assert.Equal(Expected(i => i % 3 != 0), Ids(!Syscall.Where.Procname.Is("httpd")));
        Assert.Equal(Expected(i => i % 3 == 0), Ids(Syscall.Where.Procname.Like("HTTP%")));
        Assert.Equal(Expected(i => i >= 100 && i < 200), Ids(Syscall.Where.Arg0.AtLeast(100) & Syscall.Where.Arg0.LessThan(200)));
        Assert.Equal(Expected(i => i > 250), Ids(Condition.Sql("syscall.arg0 > ? AND event.proc_id > ?", 250, 0)));
        Assert.Equal(Expected(i => i >= 10 && i < 20), Ids(new RowSelection { AfterId = 10, ThroughId = 20 }));
        Assert.Equal(Expected(i => i % 2 == 1 && i < 10), Ids(new RowSelection { Where = Syscall.Where.Name.Is("sys_write"), Limit = 5 }));
        Assert.Equal(100, file.Count<Syscall>(Syscall.Where.Procname.Is("httpd")));
        Assert.Empty(Ids(Syscall.Where.Arg1.IsNotNull()));
    }

    [Fact]
    public void Read_UnsignedConditions_CompareAsUlongAcrossTheSignBoundary()
    {
        ulong[] values = [0, 1, long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue - 1, ulong.MaxValue];
        using (var log = EventLogger.Open(_dir.Options()))
        {
            foreach (var value in values)
                log.Add(new Syscall { Name = "x", Arg0 = value });
        }
        using var file = EventFile.OpenRead(_dir.DbPath);
        ulong[] Where(Condition c) => [.. file.Read<Syscall>(c).Select(s => s.Arg0!.Value)];

        Assert.Equal(values.Where(v => v > long.MaxValue), Where(Syscall.Where.Arg0.GreaterThan(long.MaxValue)));
        Assert.Equal(values.Where(v => v < (ulong)long.MaxValue + 1), Where(Syscall.Where.Arg0.LessThan((ulong)long.MaxValue + 1)));
        Assert.Equal(values.Where(v => v >= ulong.MaxValue - 1), Where(Syscall.Where.Arg0.AtLeast(ulong.MaxValue - 1)));
        Assert.Equal(values.Where(v => v <= 1), Where(Syscall.Where.Arg0.AtMost(1)));
        Assert.Equal([ulong.MaxValue], Where(Syscall.Where.Arg0.Is(ulong.MaxValue)));
    }

    [Fact]
    public void Read_FileLackingATableOrColumn_ThrowsNamingItAndExtraColumnsAreIgnored()
    {
        using (var db = _dir.OpenRaw(readOnly: false))
        {
            db.Execute(SqliteSql.CreateTable(Event.Schema));
            db.Execute("CREATE TABLE syscall (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR NOT NULL, retno INTEGER, extra BLOB)");
            db.Execute("CREATE TABLE unrelated (x)");
        }
        using var file = EventFile.OpenRead(_dir.DbPath);

        var missingColumns = Assert.Throws<EventDbSchemaException>(() => file.Read<Syscall>());
        Assert.Contains("column 'syscall.retno_repr'", missingColumns.Message, StringComparison.Ordinal);
        Assert.Contains("column 'syscall.arg5_repr'", missingColumns.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("extra", missingColumns.Message, StringComparison.Ordinal);
        var missingTable = Assert.Throws<EventDbSchemaException>(() => file.Count<Read>());
        Assert.Contains("table 'read'", missingTable.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.DbPath, missingTable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FilePenguinsPythonLoggerWrote_ReadsItsRows()
    {
        using (var db = _dir.OpenRaw(readOnly: false))
        {
            // What SQLAlchemy's create_all and Penguin's logger leave: its DDL, a rollback journal, rows by plain SQL.
            db.Execute(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "penguin-schema.sql")));
            db.Execute("INSERT INTO event (id, type, procname, proc_id) VALUES (1, 'syscall', 'httpd', 412), (2, 'write', 'sh', 7)");
            db.Execute("INSERT INTO syscall (id, name, retno, arg0, arg0_repr) VALUES (1, 'sys_openat', -2, -100, 'AT_FDCWD')");
            db.Execute("INSERT INTO write (id, fd, fname, buffer) VALUES (2, 1, '/dev/ttyS0', x'6869')");
        }
        using var file = EventFile.OpenRead(_dir.DbPath);

        var syscall = Assert.Single(file.Read<Syscall>());
        Assert.Equal(("sys_openat", -2L, unchecked((ulong)-100L), "AT_FDCWD", "httpd", 412L),
            (syscall.Name, syscall.Retno, syscall.Arg0, syscall.Arg0Repr, syscall.Procname, syscall.ProcId));
        var write = Assert.Single(file.Read<Write>());
        Assert.Equal("hi"u8.ToArray(), write.Buffer);
    }

    [Fact]
    public void OpenRead_MissingFileOrNotADatabase_ThrowsClearlyAndCreatesNothing()
    {
        var missing = Assert.Throws<EventDbException>(() => EventFile.OpenRead(_dir.DbPath));
        Assert.Contains("no such file", missing.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Path));

        File.WriteAllText(_dir.DbPath, "not a database, just text that is long enough to have a header");
        var garbage = Assert.Throws<EventDbException>(() => EventFile.OpenRead(_dir.DbPath));
        Assert.Contains("is not an SQLite database", garbage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_Clean_LeavesOneSelfContainedFileAndSealOnCloseFalseKeepsWalMode()
    {
        WriteSyscalls(100);
        Assert.Equal(["plugins.db"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        using (var db = _dir.OpenRaw())
            Assert.Equal([["delete"]], db.QueryText("PRAGMA journal_mode"));

        using (var log = EventLogger.Open(_dir.Options() with { SealOnClose = false }))
            log.Add(new Syscall { Name = "more" });
        using (var db = _dir.OpenRaw())
            Assert.Equal([["wal"]], db.QueryText("PRAGMA journal_mode"));
        using (var file = EventFile.OpenRead(_dir.DbPath))
            Assert.Equal(101, file.Count<Syscall>());
    }

    [Fact]
    public void Dispose_Sealing_WritesTheLastBatchIntoTheFileNeverIntoTheWal()
    {
        // No flush but the one at Dispose: its batch is the last one.
        using (var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All, FlushInterval = TimeSpan.FromHours(1) }))
        {
            log.Add(new Syscall { Name = "first" });
            log.Flush();
            // A second name for the WAL keeps its inode, and what was written into it, after the seal deletes it.
            Assert.Equal(0, Link(_dir.DbPath + "-wal", _dir.Path + "/wal-before-close"));
            long walBefore = new FileInfo(_dir.Path + "/wal-before-close").Length;
            for (int i = 0; i < 20_000; i++)
                log.Add(new Syscall { Name = "sys_read", Arg0 = (ulong)i, Procname = "a process name long enough to take some pages" });
            log.Dispose();
            Assert.Equal(walBefore, new FileInfo(_dir.Path + "/wal-before-close").Length); // 20,000 rows would take megabytes
        }
        File.Delete(_dir.Path + "/wal-before-close");
        Assert.Equal(["plugins.db"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        using (var db = _dir.OpenRaw())
            Assert.Equal([["delete"]], db.QueryText("PRAGMA journal_mode"));
        using var file = EventFile.OpenRead(_dir.DbPath);
        Assert.Equal(20_001, file.Count<Syscall>());
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "link", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static partial int Link(string existing, string newName);

    [Fact]
    public void Dispose_WhileAReaderIsAttached_KeepsWalAndLosesNothing()
    {
        using var reader = EventFile.OpenRead(WriteAndKeepOpen(out var log));
        Assert.Equal(10, reader.Count<Syscall>()); // holds the file open
        log.Dispose();
        Assert.True(File.Exists(_dir.DbPath + "-wal"), "the file was sealed under an attached reader");
        Assert.Equal(10, reader.Count<Syscall>());
    }

    private string WriteAndKeepOpen(out EventLogger log)
    {
        log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All });
        for (int i = 0; i < 10; i++)
            log.Add(new Syscall { Name = "x" });
        log.Flush();
        return _dir.DbPath;
    }

    [Fact]
    public async Task Follow_SameProcessWriter_YieldsEveryRowOnceInIdOrderAsItIsCommitted()
    {
        using var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All, FlushInterval = TimeSpan.FromMilliseconds(20) });
        log.Add(new Syscall { Name = "before", Arg0 = 0 });
        log.Flush();
        using var file = EventFile.OpenRead(_dir.DbPath);
        file.PollInterval = TimeSpan.FromMilliseconds(10);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var writer = Task.Run(() =>
        {
            for (ulong i = 1; i < 20_000; i++)
            {
                log.Add(new Syscall { Name = "during", Arg0 = i });
                if (i % 997 == 0)
                    log.Add(new Write { Fd = (long)i }); // another type in between: ids of syscalls have gaps
            }
            log.Flush();
        });
        var seen = new List<(long Id, ulong Arg0)>();
        await foreach (var (id, syscall) in file.FollowWithIds<Syscall>(cancellationToken: done.Token))
        {
            seen.Add((id, syscall.Arg0!.Value));
            if (seen.Count == 20_000)
                break;
        }
        await writer;

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (ulong)i), seen.Select(s => s.Arg0));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Id < p.Second.Id), "ids out of order");
    }

    [Fact]
    public async Task Follow_Cancelled_EndsWithOperationCanceled()
    {
        WriteSyscalls(5);
        using var file = EventFile.OpenRead(_dir.DbPath);
        using var cancel = new CancellationTokenSource();
        int count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in file.Follow<Syscall>(afterId: 2, cancellationToken: cancel.Token))
            {
                if (++count == 3)
                    await cancel.CancelAsync();
            }
        });
        Assert.Equal(3, count);
    }

    [Fact]
    public void Facts_DescribeTablesSchemaModeAndTheWriter()
    {
        WriteSyscalls(10);
        using (var file = EventFile.OpenRead(_dir.DbPath))
        {
            var syscall = Assert.Single(file.Tables(), t => t.Name == "syscall");
            Assert.Equal((10L, 1L, 10L), (syscall.Rows, syscall.MinId!.Value, syscall.MaxId!.Value));
            Assert.Equal("id", syscall.Columns[0]);
            Assert.Equal(["event", "exec", "proc_exit", "proc_start", "read", "syscall", "write"], file.Tables().Select(t => t.Name));
            Assert.Contains(file.SchemaSql(), sql => sql.StartsWith("CREATE TABLE syscall (", StringComparison.Ordinal) || sql.StartsWith("CREATE TABLE IF NOT EXISTS syscall (", StringComparison.Ordinal));
            Assert.Equal("delete", file.JournalMode);
            Assert.Equal(16384, file.PageSize);
            Assert.Null(file.WriterProcessId);
        }
        using var log = EventLogger.Open(_dir.Options());
        using var live = EventFile.OpenRead(_dir.DbPath);
        Assert.Equal(Environment.ProcessId, live.WriterProcessId);
        Assert.Equal("wal", live.JournalMode);
    }

    [Fact]
    public void Query_RunsReadOnlySqlWithParametersAndRefusesWrites()
    {
        WriteSyscalls(10);
        using var file = EventFile.OpenRead(_dir.DbPath);

        var rows = file.Query("SELECT name, count(*) AS n, max(arg0) FROM syscall WHERE id > ? GROUP BY name ORDER BY name", 2);
        Assert.Equal(["name", "n", "max(arg0)"], rows.Columns);
        Assert.Equal([new object?[] { "sys_read", 4L, 8L }, new object?[] { "sys_write", 4L, 9L }], rows.ToList());
        Assert.Equal([new object?[] { 1.5, null, new byte[] { 1, 2 } }], file.Query("SELECT 1.5, NULL, x'0102'").ToList());
        var write = Assert.Throws<EventDbException>(() => file.Query("DELETE FROM syscall").ToList());
        Assert.Contains("readonly", write.Message, StringComparison.Ordinal);
        // The read-only connection alone would let these through: VACUUM INTO writes a new file, ATTACH opens another,
        // and a second statement would be silently ignored.
        var copy = Path.Combine(_dir.Path, "copy.db");
        Assert.Contains("would write", Assert.Throws<EventDbException>(() => file.Query($"VACUUM INTO '{copy}'").ToList()).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(copy));
        Assert.Contains("attached databases", Assert.Throws<EventDbException>(() => file.Query("ATTACH ? AS other", _dir.DbPath).ToList()).Message, StringComparison.Ordinal);
        Assert.Contains("more than one statement", Assert.Throws<EventDbException>(() => file.Query("SELECT 1; DELETE FROM syscall")).Message, StringComparison.Ordinal);
        Assert.Equal([new object?[] { 10L }], file.Query("SELECT count(*) FROM syscall; -- all of them").ToList());
        var raw = file.Query("SELECT CAST(x'ff41' AS TEXT), 'é'");
        raw.TextAsUtf8Bytes = true;
        Assert.Equal([new object?[] { new byte[] { 0xFF, 0x41 }, "é"u8.ToArray() }], raw.ToList());
        Assert.Equal([new object?[] { "\uFFFDA" }], file.Query("SELECT CAST(x'ff41' AS TEXT)").ToList());
    }

    [Fact]
    public void IsFileOrItsJournal_ByAnyPath_NotItsNeighbours()
    {
        WriteSyscalls(1);
        using var file = EventFile.OpenRead(_dir.DbPath);
        var link = Path.Combine(_dir.Path, "link.db");
        File.CreateSymbolicLink(link, _dir.DbPath);
        Assert.True(file.IsFileOrItsJournal(_dir.DbPath));
        Assert.True(file.IsFileOrItsJournal(Path.Combine(_dir.Path, ".", "..", Path.GetFileName(_dir.Path), "plugins.db")));
        Assert.True(file.IsFileOrItsJournal(link));
        Assert.True(file.IsFileOrItsJournal(_dir.DbPath + "-journal")); // not there: by directory and name
        Assert.False(file.IsFileOrItsJournal(link + "-wal"));          // SQLite names them after the link's target
        Assert.False(file.IsFileOrItsJournal(Path.Combine(_dir.Path, "plugins.txt")));
    }
}
