using EventDb.Penguin;
using EventDb.Tests.Fixtures;

namespace EventDb.Tests;

/// <summary>The old Penguin logger's behaviours, kept, and the basic runtime contract.</summary>
public sealed class EventLoggerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Dispose_AfterAdds_WritesEveryEventInOrderAsItsConcreteType()
    {
        using (var log = EventLogger.Open(_dir.Options()))
        {
            log.Add(new Syscall { Name = "sys_openat", Retno = 3, Arg0 = 0xFFFF_FF9C, Arg0Repr = "AT_FDCWD", Procname = "httpd", ProcId = 412 });
            log.Add(new Read { Fd = 3, Fname = "/etc/passwd", Buffer = [1, 2, 3], Procname = "httpd", ProcId = 412 });
            log.Add(new Write { Fd = 1, Fname = null, Buffer = null, Procname = "sh", ProcId = 7 });
            log.Add(new Syscall { Name = "sys_close", Retno = 0, Arg0 = 3, Procname = "httpd", ProcId = 412 });
        }

        using var db = _dir.OpenRaw();
        var events = db.QueryText("SELECT id, type, procname, proc_id FROM event ORDER BY id");
        Assert.Equal(
            [["1", "syscall", "httpd", "412"], ["2", "read", "httpd", "412"], ["3", "write", "sh", "7"], ["4", "syscall", "httpd", "412"]],
            events);

        using var log2 = EventLogger.Open(_dir.Options());
        var syscalls = log2.ReadAllWithIds<Syscall>();
        Assert.Equal([1L, 4L], syscalls.Select(s => s.Id));
        Assert.Equal(new Syscall { Name = "sys_openat", Retno = 3, Arg0 = 0xFFFF_FF9C, Arg0Repr = "AT_FDCWD", Procname = "httpd", ProcId = 412 }, syscalls[0].Event);
        Assert.Equal("sys_close", syscalls[1].Event.Name);
        var read = Assert.Single(log2.ReadAll<Read>());
        Assert.Equal(new byte[] { 1, 2, 3 }, read.Buffer);
        Assert.Equal("/etc/passwd", read.Fname);
        var write = Assert.Single(log2.ReadAll<Write>());
        Assert.Null(write.Fname);
        Assert.Null(write.Buffer);
    }

    [Fact]
    public void ReadAll_ThroughTheLoggersOwnEventFile_OldQueryNamesForwardToIt()
    {
        using var log = EventLogger.Open(_dir.Options() with { Tables = [Syscall.Schema] });
        Assert.Empty(log.ReadAll<Write>()); // no table yet: nothing, not an error
        log.Add(new Syscall { Name = "a" });
        log.Add(new Write { Fd = 1 });
        log.Add(new Syscall { Name = "b" });
        log.Flush();

        Assert.Equal([(1L, "a"), (3L, "b")], log.ReadAllWithIds<Syscall>().Select(r => (r.Id, r.Event.Name)));
        Assert.Equal(1, Assert.Single(log.ReadAll<Write>()).Fd);
#pragma warning disable CS0618 // the forwarders under test
        Assert.Equal(log.ReadAll<Syscall>(), log.Query<Syscall>());
        Assert.Equal(log.ReadAllWithIds<Syscall>(), log.QueryWithIds<Syscall>());
        using (var file = EventFile.OpenRead(_dir.DbPath))
            Assert.Equal([3L], file.ReadWithIds<Syscall>(new EventQuery { AfterId = 1 }).Select(r => r.Id));
#pragma warning restore CS0618
    }

    [Fact]
    public void Add_UInt64AboveInt64Max_IsStoredWrappedAndReadBackUnwrapped()
    {
        using var log = EventLogger.Open(_dir.Options());
        log.Add(new Syscall { Name = "sys_mmap", Arg0 = 0xFFFF_FFFF_FFFF_FFFF, Arg1 = 0x8000_0000_0000_0000, Arg2 = 42 });
        log.Flush();

        using (var db = _dir.OpenRaw())
            Assert.Equal([["-1", "-9223372036854775808", "42"]], db.QueryText("SELECT arg0, arg1, arg2 FROM syscall"));

        var syscall = Assert.Single(log.ReadAll<Syscall>());
        Assert.Equal(ulong.MaxValue, syscall.Arg0);
        Assert.Equal(0x8000_0000_0000_0000UL, syscall.Arg1);
        Assert.Equal(42UL, syscall.Arg2);
        Assert.Null(syscall.Arg3);
    }

    [Fact]
    public void Add_WithoutProcess_DefaultsProcIdToZeroAndProcnameToUnknown()
    {
        using var log = EventLogger.Open(_dir.Options());
        log.Add(new Syscall { Name = "sys_getpid" });
        log.Flush();

        using var db = _dir.OpenRaw();
        Assert.Equal([["[?]", "0"]], db.QueryText("SELECT procname, proc_id FROM event"));
        var syscall = Assert.Single(log.ReadAll<Syscall>());
        Assert.Equal("[?]", syscall.Procname);
        Assert.Equal(0, syscall.ProcId);
    }

    [Fact]
    public void Flush_ThenQuery_SeesTheRowsWithoutDispose()
    {
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) });
        for (int i = 0; i < 1000; i++)
            log.Add(new ProcStart { Pid = i, Ppid = 1, CreateTime = 1000 + i, Comm = $"proc{i}" });

        Assert.Empty(log.ReadAll<ProcStart>()); // nothing flushed yet: the interval is an hour and the buffer is not full
        log.Flush();

        var rows = log.ReadAll<ProcStart>();
        Assert.Equal(1000, rows.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), rows.Select(r => r.Pid));
        Assert.Equal(1000, log.WrittenEvents);
        Assert.Equal(0, log.QueuedEvents);
    }

    [Fact]
    public void Query_TableThatNeverGotARow_ReturnsEmpty()
    {
        using var log = EventLogger.Open(_dir.Options());
        Assert.Empty(log.ReadAll<ProcExit>());
        Assert.Empty(log.ReadAll<RunInfo>());
    }

    [Fact]
    public void FlushInterval_Elapsed_WritesWithoutAnExplicitFlush()
    {
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromMilliseconds(50) });
        log.Add(new RunInfo { Firmware = "rv130", Seed = 1 });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (log.WrittenEvents == 0 && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        Assert.Single(log.ReadAll<RunInfo>());
    }

    [Fact]
    public void BufferSize_Reached_FlushesBeforeTheInterval()
    {
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1), BufferSize = 100 });
        for (int i = 0; i < 100; i++)
            log.Add(new RunInfo { Firmware = "fw", Seed = i });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (log.WrittenEvents < 100 && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        Assert.Equal(100, log.WrittenEvents);
    }

    [Fact]
    public void Reopen_TwoLoggersInTurn_IdsAreUniqueAndContinue()
    {
        using (var first = EventLogger.Open(_dir.Options()))
        {
            for (int i = 0; i < 10; i++)
                first.Add(new Syscall { Name = "first" });
            first.Add(new RunInfo { Firmware = "a" });
        }
        using (var second = EventLogger.Open(_dir.Options()))
        {
            second.Add(new RunInfo { Firmware = "b" });
            for (int i = 0; i < 10; i++)
                second.Add(new Syscall { Name = "second" });
        }

        using var db = _dir.OpenRaw();
        var eventIds = db.QueryText("SELECT id FROM event ORDER BY id").Select(r => long.Parse(r[0]!)).ToList();
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => (long)i), .. Enumerable.Range(13, 10).Select(i => (long)i)], eventIds);
        Assert.Equal([["11", "a"], ["12", "b"]], db.QueryText("SELECT id, firmware FROM run_info ORDER BY id"));
    }

    [Fact]
    public void Add_NullInNotNullMember_ThrowsNamingTheColumnAndKeepsTheOthers()
    {
        using (var log = EventLogger.Open(_dir.Options()))
        {
            log.Add(new Syscall { Name = "before" });
            var ex = Assert.Throws<ArgumentException>(() => log.Add(new Syscall { Name = null! }));
            Assert.Contains("syscall.name", ex.Message, StringComparison.Ordinal);
            var ex2 = Assert.Throws<ArgumentException>(() => log.Add(new Read { Fd = 1, Fname = null! }));
            Assert.Contains("read.fname", ex2.Message, StringComparison.Ordinal);
            log.Add(new Syscall { Name = "after" });
        }

        using var db = _dir.OpenRaw();
        Assert.Equal([["1", "before"], ["2", "after"]], db.QueryText("SELECT id, name FROM syscall ORDER BY id"));
    }

    [Fact]
    public void Add_ShortTextOfEveryLength_IsStoredAsItsUtf8WhereverANonAsciiCharacterFalls()
    {
        // Short ASCII is narrowed a vector at a time (two or four overlapping halves): every length up to past the
        // widest, with a character of every UTF-8 length at every position, must come back byte for byte.
        var texts = new List<string>();
        for (int length = 0; length <= 40; length++)
        {
            var ascii = new string([.. Enumerable.Range(0, length).Select(i => (char)(' ' + (i * 7 + length) % 95))]);
            texts.Add(ascii);
            for (int at = 0; at < length; at++)
            {
                foreach (var other in new[] { "\u007F", "\u0080", "é", "€", "\uD83D\uDE00", "\0" })
                    texts.Add(ascii[..at] + other + ascii[(at + 1)..]);
            }
        }
        using (var log = EventLogger.Open(_dir.Options()))
        {
            foreach (var text in texts)
                log.Add(new Syscall { Name = text, Arg0Repr = text });
            log.Flush();
            Assert.Equal(texts.Count, log.WrittenEvents);
        }

        using var db = _dir.OpenRaw();
        var stored = db.QueryText("SELECT hex(name), hex(arg0_repr) FROM syscall ORDER BY id");
        Assert.Equal(texts.Count, stored.Count);
        for (int i = 0; i < texts.Count; i++)
        {
            string expected = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(texts[i]));
            Assert.Equal(new string?[] { expected, expected }, stored[i]);
        }
    }

    [Fact]
    public void Flush_TextWithUnpairedSurrogate_RejectsThatEventAloneAndReportsTheColumn()
    {
        var errors = new List<EventDbException>();
        using (var log = EventLogger.Open(_dir.Options() with { OnError = e => { lock (errors) errors.Add(e); } }))
        {
            log.Add(new Syscall { Name = "before", Arg0Repr = "pair \uD83D\uDE00 ok" });
            log.Add(new Syscall { Name = "bad child", Arg0Repr = "lone \uD800 high" });
            log.Add(new Syscall { Name = "bad base", Procname = "\uDC00" });
            log.Add(new Syscall { Name = "after" });
            log.Flush();
            Assert.Equal(2, log.RejectedEvents);
            Assert.Equal(2, log.WrittenEvents);
            Assert.Equal(0, log.QueuedEvents);
        }

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("Event 2 ", StringComparison.Ordinal) && e.Message.Contains("'syscall.arg0_repr'", StringComparison.Ordinal) && e.Message.Contains("unpaired surrogate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("Event 3 ", StringComparison.Ordinal) && e.Message.Contains("'event.procname'", StringComparison.Ordinal));
        using var db = _dir.OpenRaw();
        Assert.Equal([["1", "before"], ["4", "after"]], db.QueryText("SELECT id, name FROM syscall ORDER BY id"));
        Assert.Equal([["1"], ["4"]], db.QueryText("SELECT id FROM event ORDER BY id"));
        Assert.Equal([["pair \uD83D\uDE00 ok"]], db.QueryText("SELECT arg0_repr FROM syscall WHERE id = 1"));
    }

    [Fact]
    public void Flush_NaN_RejectsThatEventAloneAndReportsTheColumn()
    {
        // SQLite binds a NaN as NULL: a NOT NULL column would fail the batch's INSERT, a nullable one would turn it into null.
        var errors = new List<EventDbException>();
        using (var log = EventLogger.Open(_dir.Options() with { OnError = e => { lock (errors) errors.Add(e); } }))
        {
            log.Add(new EveryKind { String = "before", Bytes = [], Double = 1 });
            log.Add(new EveryKind { String = "not null", Bytes = [], Double = double.NaN });
            log.Add(new EveryKind { String = "nullable", Bytes = [], MaybeDouble = double.NaN });
            log.Add(new EveryKind { String = "after", Bytes = [], Double = double.PositiveInfinity, MaybeDouble = double.NegativeInfinity });
            log.Flush();
            Assert.Equal(2, log.RejectedEvents);
            Assert.Equal(2, log.WrittenEvents);
        }

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("Event 2 ", StringComparison.Ordinal) && e.Message.Contains("'every_kind.double'", StringComparison.Ordinal) && e.Message.Contains("NaN", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("Event 3 ", StringComparison.Ordinal) && e.Message.Contains("'every_kind.maybe_double'", StringComparison.Ordinal));
        using var log2 = EventLogger.Open(_dir.Options());
        var rows = log2.ReadAll<EveryKind>();
        Assert.Equal(["before", "after"], rows.Select(r => r.String));
        Assert.Equal(double.PositiveInfinity, rows[1].Double);
        Assert.Equal(double.NegativeInfinity, rows[1].MaybeDouble);
    }

    [Fact]
    public void Open_TableWithDifferentColumns_ThrowsNamingTableAndColumns()
    {
        using (var db = _dir.OpenRaw(readOnly: false))
            db.Execute("CREATE TABLE run_info (id INTEGER NOT NULL, firmware INTEGER, extra VARCHAR, PRIMARY KEY (id))");

        var ex = Assert.Throws<EventDbSchemaException>(() => EventLogger.Open(_dir.Options() with { Tables = [RunInfo.Schema] }));
        Assert.Contains("'run_info'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column firmware is INTEGER in the file but declared VARCHAR NOT NULL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing column seed INTEGER NOT NULL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column extra is in the file but not declared", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_FirstEventOfATypeWhoseTableDiffers_ThrowsAndWritesNothingOfIt()
    {
        using (var db = _dir.OpenRaw(readOnly: false))
            db.Execute("CREATE TABLE run_info (id INTEGER NOT NULL, firmware VARCHAR NOT NULL, PRIMARY KEY (id))");

        using var log = EventLogger.Open(_dir.Options());
        var ex = Assert.Throws<EventDbSchemaException>(() => log.Add(new RunInfo { Firmware = "x", Seed = 1 }));
        Assert.Contains("missing column seed", ex.Message, StringComparison.Ordinal);
        log.Add(new Syscall { Name = "still works" });
        log.Flush();
        Assert.Single(log.ReadAll<Syscall>());
    }

    [Fact]
    public void Query_AllMappedTypes_RoundTripThroughTheFile()
    {
        var value = new EveryKind
        {
            Int64 = long.MinValue,
            Int32 = int.MinValue,
            Int16 = short.MaxValue,
            SByte = -5,
            Byte = 250,
            Bool = true,
            Enum = Mood.Glad,
            UInt64 = ulong.MaxValue,
            UInt32 = uint.MaxValue,
            UInt16 = ushort.MaxValue,
            UInt128 = (UInt128.One << 64) | 0xFFFF_FFFF_FFFF_FFFE, // only the low 64 bits are stored
            Int128 = -2,
            Double = Math.PI,
            Single = 1.5f,
            String = "ünïcödé ✓ \0 embedded",
            Bytes = [],
            Memory = new byte[] { 9, 8, 7 },
            MaybeInt64 = null,
            MaybeUInt64 = 0x8000_0000_0000_0001,
            MaybeDouble = -0.25,
            MaybeString = "",
            MaybeBytes = null,
            Renamed = 77,
        };
        using var log = EventLogger.Open(_dir.Options());
        log.Add(value);
        log.Flush();

        var back = Assert.Single(log.ReadAll<EveryKind>());
        Assert.Equal(value.Int64, back.Int64);
        Assert.Equal(value.Int32, back.Int32);
        Assert.Equal(value.Int16, back.Int16);
        Assert.Equal(value.SByte, back.SByte);
        Assert.Equal(value.Byte, back.Byte);
        Assert.True(back.Bool);
        Assert.Equal(Mood.Glad, back.Enum);
        Assert.Equal(ulong.MaxValue, back.UInt64);
        Assert.Equal(uint.MaxValue, back.UInt32);
        Assert.Equal(ushort.MaxValue, back.UInt16);
        Assert.Equal((UInt128)0xFFFF_FFFF_FFFF_FFFE, back.UInt128);
        Assert.Equal((Int128)(-2), back.Int128);
        Assert.Equal(Math.PI, back.Double);
        Assert.Equal(1.5f, back.Single);
        Assert.Equal(value.String, back.String);
        Assert.Empty(back.Bytes);
        Assert.Equal(new byte[] { 9, 8, 7 }, back.Memory.ToArray());
        Assert.Null(back.MaybeInt64);
        Assert.Equal(0x8000_0000_0000_0001UL, back.MaybeUInt64);
        Assert.Equal(-0.25, back.MaybeDouble);
        Assert.Equal("", back.MaybeString);
        Assert.Null(back.MaybeBytes);
        Assert.Null(back.MaybeMemory); // a NULL, not an empty ReadOnlyMemory<byte>
        Assert.Equal(77, back.Renamed);

        using var db = _dir.OpenRaw();
        // An empty array is an empty BLOB, not NULL; a null array is NULL; the column rename holds.
        Assert.Equal([["blob", "null", "77", "-1"]], db.QueryText("SELECT typeof(bytes), typeof(maybe_bytes), renamed, u_int64 FROM every_kind"));
    }

    [Fact]
    public void ManyProducers_EachAddsAHundredThousand_EveryEventOnceInEachProducersOrder()
    {
        const int Producers = 4, PerProducer = 100_000;
        using (var log = EventLogger.Open(_dir.Options() with { BufferSize = 20_000 }))
        {
            var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
            {
                for (int i = 0; i < PerProducer; i++)
                {
                    if (i % 10 == 0)
                        log.Add(new Write { Fd = p, Fname = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ProcId = i });
                    else
                        log.Add(new Syscall { Name = "sys_read", Arg0 = (ulong)p, Arg1 = (ulong)i, ProcId = i });
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal(Producers * PerProducer, log.AddedEvents);
        }

        using var db = _dir.OpenRaw();
        Assert.Equal(Producers * PerProducer, db.QueryInt64("SELECT count(*) FROM event"));
        Assert.Equal(Producers * PerProducer, db.QueryInt64("SELECT max(id) FROM event"));
        Assert.Equal(0, db.QueryInt64("SELECT count(*) FROM event e LEFT JOIN syscall s ON s.id = e.id LEFT JOIN write w ON w.id = e.id WHERE (s.id IS NULL) = (w.id IS NULL)"));
        // Per producer, ids follow the producer's own sequence number (carried in proc_id).
        Assert.All(ProducerOrder.AssertEachInOrder(db, Producers), n => Assert.Equal(PerProducer, n));
    }

    [Fact]
    public void Open_NewFileGets16KiBPagesAndWal_ExistingFileKeepsItsPageSize()
    {
        using (EventLogger.Open(_dir.Options() with { Tables = [RunInfo.Schema] }))
        {
            Assert.True(File.Exists(_dir.DbPath + "-wal"), "the open logger writes through a WAL");
        }
        using (var db = _dir.OpenRaw())
        {
            Assert.Equal(16384, db.QueryInt64("PRAGMA page_size"));
            Assert.Equal([["delete"]], db.QueryText("PRAGMA journal_mode")); // sealed by the clean close
        }

        var other = Path.Combine(_dir.Path, "old");
        Directory.CreateDirectory(other);
        using (var old = SqliteDatabase.Open(Path.Combine(other, "plugins.db"), readOnly: false, create: true))
            old.Execute("PRAGMA page_size=4096; CREATE TABLE unrelated (x INTEGER)");
        using (var log = EventLogger.Open(_dir.Options() with { Directory = other }))
        {
            log.Add(new RunInfo { Firmware = "fw" });
        }
        using var reopened = SqliteDatabase.Open(Path.Combine(other, "plugins.db"), readOnly: true);
        Assert.Equal(4096, reopened.QueryInt64("PRAGMA page_size"));
        Assert.Equal(1, reopened.QueryInt64("SELECT count(*) FROM run_info"));
    }

    [Fact]
    public void Add_AfterDispose_ThrowsObjectDisposed()
    {
        var log = EventLogger.Open(_dir.Options());
        log.Add(new RunInfo { Firmware = "x" });
        log.Dispose();
        Assert.Throws<ObjectDisposedException>(() => log.Add(new RunInfo { Firmware = "y" }));
        Assert.Throws<ObjectDisposedException>(log.Flush);
        log.Dispose(); // idempotent
    }

    [Fact]
    public async Task DisposeAsync_WritesEverything()
    {
        await using (var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) }))
        {
            for (int i = 0; i < 5000; i++)
                log.Add(new RunInfo { Firmware = "fw", Seed = i });
            await log.FlushAsync();
            log.Add(new RunInfo { Firmware = "last", Seed = -1 });
        }
        using var db = _dir.OpenRaw();
        Assert.Equal(5001, db.QueryInt64("SELECT count(*) FROM run_info"));
    }
}
