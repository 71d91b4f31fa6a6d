namespace EventDb.FaultTests;

/// <summary>Each bad input gets a clear error naming the column or file, and the events around it are written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly FaultDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Adds a good event, runs <paramref name="bad"/> (which must throw), adds another good event, and returns the exception.</summary>
    private TException RejectedBetweenNeighbours<TException>(EventLogger log, Action bad) where TException : Exception
    {
        log.Add(new Numbered { Producer = 1, Seq = 0, Text = "before" });
        var ex = Assert.Throws<TException>(bad);
        log.Add(new Numbered { Producer = 1, Seq = 1, Text = "after" });
        log.Flush();
        using var db = _dir.OpenRaw(readOnly: true);
        // Both neighbours written, with consecutive ids: the rejected event took no id and left no row.
        Assert.Equal([["1", "0", "before"], ["2", "1", "after"]], db.Rows("SELECT e.id, n.seq, n.text FROM fault_event e JOIN numbered n ON n.id = e.id WHERE e.producer = 1 ORDER BY e.id"));
        FileChecks.AssertSoundAndUntorn(db);
        return ex;
    }

    [Fact]
    public void Add_NullInNotNullMember_ThrowsArgumentExceptionNamingColumnAndNeighboursAreWritten()
    {
        using var log = EventLogger.Open(_dir.Options());
        var ex = RejectedBetweenNeighbours<ArgumentException>(log, () => log.Add(new Labelled { Seq = 7, Label = null! }));
        Assert.Contains("labelled.label", ex.Message, StringComparison.Ordinal);
        Assert.Empty(log.Query<Labelled>());
    }

    [Fact]
    public void Add_StringsWithEmbeddedNul_AreStoredFaithfullyAndReadBackEqual()
    {
        string[] texts = ["a\0b", "\0", "tail\0", "\0\0lead", "plain"];
        using (var log = EventLogger.Open(_dir.Options()))
        {
            for (int i = 0; i < texts.Length; i++)
                log.Add(new Numbered { Seq = i, Text = texts[i] });
            log.Flush();
            Assert.Equal(texts, log.Query<Numbered>().Select(n => n.Text));
        }
        using var db = _dir.OpenRaw(readOnly: true);
        // The bytes in the file, not a C string cut at the first NUL.
        Assert.Equal(
            texts.Select(t => new string?[] { Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(t)) }),
            db.Rows("SELECT hex(CAST(text AS BLOB)) FROM numbered ORDER BY id"));
    }

    [Theory]
    [InlineData("x\uD800y")] // high surrogate without its low half
    [InlineData("x\uDC00")] // low surrogate alone
    [InlineData("\uDBFF")] // high surrogate at the end
    public void Add_StringWithUnpairedSurrogate_ThrowsArgumentExceptionNamingColumnAndNeighboursAreWritten(string text)
    {
        using var log = EventLogger.Open(_dir.Options());
        var ex = RejectedBetweenNeighbours<ArgumentException>(log, () => log.Add(new Numbered { Producer = 2, Seq = 9, Text = text }));
        Assert.Contains("numbered.text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_BlobOverSqliteLengthLimit_ThrowsArgumentExceptionNamingColumnAndNeighboursAreWritten()
    {
        // 1,000,000,001 bytes, allocated but never touched: no page of it is ever backed by memory unless EventDb reads it.
        var huge = GC.AllocateUninitializedArray<byte>(1_000_000_001);
        using var log = EventLogger.Open(_dir.Options());
        var ex = RejectedBetweenNeighbours<ArgumentException>(log, () => log.Add(new Numbered { Producer = 2, Seq = 9, Data = huge }));
        Assert.Contains("numbered.data", ex.Message, StringComparison.Ordinal);
        GC.KeepAlive(huge);
    }

    [Fact]
    public void Open_DirectoryThatCannotBeCreated_ThrowsEventDbExceptionNamingDirectory()
    {
        string blocker = Path.Combine(_dir.Path, "a-file");
        File.WriteAllText(blocker, "not a directory");
        string wanted = Path.Combine(blocker, "results");

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(new EventLoggerOptions { Directory = wanted }));

        Assert.Contains(wanted, ex.Message, StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(blocker));
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_ThrowsEventDbExceptionAndLeavesFileUnchanged()
    {
        var garbage = new byte[8_192];
        new Random(4).NextBytes(garbage);
        File.WriteAllBytes(_dir.DbPath, garbage);

        var ex = Assert.ThrowsAny<EventDbException>(() => EventLogger.Open(_dir.Options()));

        Assert.Contains("not an SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.DbPath, ex.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(_dir.DbPath));
    }

    [Fact]
    public void Open_FileWhoseSchemaDiffers_ThrowsSchemaExceptionNamingTableAndColumnsAndChangesNothing()
    {
        const string OtherSchema = "CREATE TABLE numbered (id INTEGER NOT NULL PRIMARY KEY, seq VARCHAR, extra BLOB)";
        using (var db = _dir.OpenRaw())
            db.Exec(OtherSchema);

        var ex = Assert.Throws<EventDbSchemaException>(() => EventLogger.Open(_dir.Options()));

        Assert.Contains("'numbered'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("seq", ex.Message, StringComparison.Ordinal);   // declared INTEGER NOT NULL, VARCHAR in the file
        Assert.Contains("extra", ex.Message, StringComparison.Ordinal); // not declared
        Assert.Contains("text", ex.Message, StringComparison.Ordinal);  // declared, missing
        using var after = _dir.OpenRaw(readOnly: true);
        // Nothing half-created next to the foreign table: the schema transaction rolled back whole.
        Assert.Equal([["numbered", OtherSchema]], after.Rows("SELECT name, sql FROM sqlite_schema ORDER BY name"));
    }

    [Fact]
    public void Add_AfterDispose_ThrowsObjectDisposedException()
    {
        var log = EventLogger.Open(_dir.Options());
        log.Add(new Numbered { Seq = 0 });
        log.Dispose();

        Assert.Throws<ObjectDisposedException>(() => log.Add(new Numbered { Seq = 1 }));
        Assert.Throws<ObjectDisposedException>(() => log.Add(new Labelled { Seq = 1, Label = "late" }));
        Assert.Throws<ObjectDisposedException>(log.Flush);
        log.Dispose(); // a second Dispose is harmless
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(1, db.Long("SELECT count(*) FROM fault_event"));
    }
}
