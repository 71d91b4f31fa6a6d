using EventDb.Penguin;
using SQLitePCL;

namespace EventDb.Tests;

/// <summary>
/// The one chunked, id-ordered read behind <see cref="EventFile.Read{T}"/>, <see cref="EventFile.ReadTable"/> and the
/// follows: 4,096 rows per read, none held between chunks, up to the last id present when the read starts.
/// </summary>
public sealed class ChunkedReadTests : IDisposable
{
    private const int Rows = 10_000; // more than two chunks

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A file as Penguin's own logger leaves it (rollback journal: a commit waits for every reader) with syscalls 1..n.</summary>
    private void WritePenguinFile(int n)
    {
        using var db = _dir.OpenRaw(readOnly: false);
        db.Execute(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "penguin-schema.sql")));
        db.Execute($"""
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
            INSERT INTO event (id, type, procname, proc_id) SELECT i, 'syscall', 'p' || i, i FROM n;
            INSERT INTO syscall (id, name, arg0) SELECT id, CASE WHEN id % 2 = 0 THEN 'sys_read' ELSE 'sys_write' END, id FROM event;
            COMMIT;
            """);
    }

    /// <summary>Commits one more syscall on a connection of its own that does not wait for locks: fails while a reader holds its read.</summary>
    private void CommitSyscall(long id)
    {
        using var writer = _dir.OpenRaw(readOnly: false);
        writer.Execute($"BEGIN; INSERT INTO event (id, type, procname, proc_id) VALUES ({id}, 'syscall', 'late', 0); INSERT INTO syscall (id, name) VALUES ({id}, 'sys_late'); COMMIT;");
    }

    [Fact]
    public void Read_WhileAPenguinWriterCommits_HoldsNoReadBetweenRowsAndStopsAtTheLastIdItStartedWith()
    {
        WritePenguinFile(Rows);
        using var file = EventFile.OpenRead(_dir.DbPath);

        var ids = new List<long>();
        foreach (var (id, syscall) in file.ReadWithIds<Syscall>())
        {
            ids.Add(id);
            Assert.Equal("p" + id, syscall.Procname);
            if (id is 1 or 5_000 or 9_999) // in the first, second and third chunk
                CommitSyscall(Rows + id);
        }

        Assert.Equal(Enumerable.Range(1, Rows).Select(i => (long)i), ids); // what was committed meanwhile came after the start
        Assert.Equal(Rows + 3, file.Count<Syscall>());
        Assert.Equal([Rows + 1L, Rows + 5_000L, Rows + 9_999L], file.ReadWithIds<Syscall>(new RowSelection { AfterId = Rows }).Select(r => r.Id));
    }

    [Fact]
    public void Read_LastAndLimit_TakeTheLastOrFirstRowsAndKeepIdOrder()
    {
        WritePenguinFile(Rows);
        using var file = EventFile.OpenRead(_dir.DbPath);
        long[] Ids(RowSelection selection) => [.. file.ReadWithIds<Syscall>(selection).Select(r => r.Id)];
        static long[] Range(long first, long last) => [.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => (long)i)];

        Assert.Equal(Range(9_998, Rows), Ids(new RowSelection { Last = 3 }));
        Assert.Equal(Range(1, 5_000), Ids(new RowSelection { Limit = 5_000 }));
        Assert.Equal(Range(1, Rows), Ids(new RowSelection { Last = 20_000 }));
        Assert.Equal(Range(96, 100), Ids(new RowSelection { Last = 5, ThroughId = 100 }));
        Assert.Equal(Range(11, 15), Ids(new RowSelection { Last = 5, AfterId = 10, ThroughId = 15 }));
        Assert.Equal([.. Range(1, Rows).Where(i => i % 2 == 0).TakeLast(4_500)], Ids(new RowSelection { Last = 4_500, Where = Syscall.Where.Name.Is("sys_read") }));
        Assert.Empty(Ids(new RowSelection { Last = 0 }));
        Assert.Empty(Ids(new RowSelection { Limit = -1 }));
        Assert.Equal(3, file.Count<Syscall>(new RowSelection { Last = 3 }));
        Assert.Equal(Rows, file.Count<Syscall>(new RowSelection { Last = 20_000 }));
        var both = Assert.Throws<ArgumentException>(() => file.Read<Syscall>(new RowSelection { Limit = 1, Last = 1 }));
        Assert.Contains("Last", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileDisposedMidway_EndsWithObjectDisposedAtTheNextChunk()
    {
        WritePenguinFile(Rows);
        var file = EventFile.OpenRead(_dir.DbPath);
        int read = 0;
        var error = Assert.Throws<ObjectDisposedException>(() =>
        {
            foreach (var _ in file.Read<Syscall>())
            {
                if (++read == 10)
                    file.Dispose();
            }
        });
        Assert.Equal(4_096, read); // the rest of the chunk in hand, nothing after it
        Assert.Contains(_dir.DbPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_DisposedMidway_ReleasesItsReadAndEndsTheEnumeration()
    {
        WritePenguinFile(10);
        using var file = EventFile.OpenRead(_dir.DbPath);
        var rows = file.Query("SELECT id FROM syscall ORDER BY id");
        using var reading = rows.GetEnumerator();
        Assert.True(reading.MoveNext()); // stepped: the statement holds a read until it ends or is disposed
        Assert.Equal(raw.SQLITE_BUSY, Assert.Throws<EventDbException>(() => CommitSyscall(100)).SqliteErrorCode);

        rows.Dispose();

        CommitSyscall(100);
        Assert.Throws<ObjectDisposedException>(() => reading.MoveNext());
        Assert.Throws<ObjectDisposedException>(() => rows.GetEnumerator());
        rows.Dispose(); // twice is fine
    }

    [Fact]
    public void Query_Unread_DisposedHoldsNothingAndReadTwiceIsRefused()
    {
        WritePenguinFile(10);
        using var file = EventFile.OpenRead(_dir.DbPath);
        using (file.Query("SELECT count(*) FROM syscall"))
        {
        }
        using var rows = file.Query("SELECT count(*) FROM syscall");
        Assert.Equal([new object?[] { 10L }], rows.ToList());
        Assert.Throws<InvalidOperationException>(() => rows.ToList());
    }

    [Fact]
    public async Task Follow_WhileAPenguinWriterCommitsChunksOfEverySize_EveryRowOnceInOrder()
    {
        WritePenguinFile(1);
        using var file = EventFile.OpenRead(_dir.DbPath);
        file.PollInterval = TimeSpan.FromMilliseconds(5);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int[] sizes = [1, 4_095, 4_096, 4_097, 9_000, 3];
        int total = 1 + sizes.Sum();

        var writer = Task.Run(() =>
        {
            long next = 2;
            foreach (int size in sizes)
            {
                using var db = _dir.OpenRaw(readOnly: false);
                raw.sqlite3_busy_timeout(db.Handle, 10_000);
                db.Execute($"""
                    BEGIN IMMEDIATE;
                    WITH RECURSIVE n(i) AS (SELECT {next} UNION ALL SELECT i + 1 FROM n WHERE i < {next + size - 1})
                    INSERT INTO event (id, type, procname, proc_id) SELECT i, 'syscall', 'p' || i, i FROM n;
                    INSERT INTO syscall (id, name) SELECT id, 'sys_x' FROM event WHERE id >= {next};
                    COMMIT;
                    """);
                next += size;
            }
        });
        var seen = new List<long>();
        await foreach (var (id, syscall) in file.FollowWithIds<Syscall>(cancellationToken: done.Token))
        {
            Assert.Equal("p" + id, syscall.Procname);
            seen.Add(id);
            if (seen.Count == total)
                break;
        }
        await writer;

        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), seen);
    }
}
