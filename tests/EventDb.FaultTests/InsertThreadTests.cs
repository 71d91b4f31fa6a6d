namespace EventDb.FaultTests;

/// <summary>
/// The writer's INSERTs run on a thread of their own while the writer thread stages the next rows. A failure there, in
/// the middle of a batch, must still roll back the whole batch and hold it. (That the thread ends with its logger is in
/// <see cref="LoggerThreadTests"/>.)
/// </summary>
public sealed class InsertThreadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InsertFailingMidBatch_RollsBackTheWholeBatch_ThenItLandsOnceWhenTheCauseIsGone()
    {
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) });
        log.Add(new Numbered { Producer = 1, Seq = -1 });
        log.Flush();
        // A unique index another connection adds: the second numbered row of producer 0 fails when it is stepped, on
        // the insert thread, while the writer thread is still staging the chunks after it.
        using (var db = _dir.OpenRaw())
            db.Exec("CREATE UNIQUE INDEX one_per_producer ON fault_event(producer) WHERE producer = 0");
        const int Events = 5_000;
        for (int seq = 0; seq < Events; seq++)
            log.Add(new Numbered { Producer = 0, Seq = seq });

        var error = Assert.ThrowsAny<EventDbException>(log.Flush);
        Assert.Contains("UNIQUE constraint failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(Events, log.QueuedEvents);
        using (var db = _dir.OpenRaw(readOnly: true))
        {
            Assert.Equal(1, db.Long("SELECT count(*) FROM fault_event"));
            Assert.Equal(1, db.Long("SELECT count(*) FROM numbered"));
        }

        using (var db = _dir.OpenRaw())
            db.Exec("DROP INDEX one_per_producer");
        log.Flush();
        Assert.Equal(Events + 1, log.WrittenEvents);
        using (var db = _dir.OpenRaw(readOnly: true))
        {
            Assert.Equal(Events + 1, db.Long("SELECT count(*) FROM numbered"));
            Assert.Equal(Events, db.Long("SELECT count(DISTINCT seq) FROM numbered WHERE seq >= 0"));
            FileChecks.AssertSoundAndUntorn(db);
        }
    }
    [Fact]
    public void NullValues_StayNull_WhereTheSameStatementBoundValuesBefore()
    {
        // The insert thread sets every parameter to NULL once per chunk and binds only the values that are not: a value
        // left bound from an earlier chunk of the same 64-row statement must never show through a NULL.
        const int Rows = 64;
        using (var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) }))
        {
            for (int seq = 0; seq < Rows; seq++)
                log.Add(new Numbered { Producer = 0, Seq = seq, Text = $"text {seq}", Data = [(byte)seq] });
            log.Flush();
            for (int seq = Rows; seq < 3 * Rows; seq++)
                log.Add(new Numbered { Producer = 0, Seq = seq, Text = seq % 2 == 0 ? null : $"text {seq}", Data = seq % 3 == 0 ? [(byte)seq] : null });
            log.Flush();
        }

        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(3 * Rows, db.Long("SELECT count(*) FROM numbered"));
        Assert.Equal(0, db.Long($"SELECT count(*) FROM numbered WHERE seq < {Rows} AND (text IS NOT 'text ' || seq OR (data IS NULL OR hex(data) != printf('%02X', seq)))"));
        Assert.Equal(0, db.Long($"SELECT count(*) FROM numbered WHERE seq >= {Rows} AND seq % 2 = 0 AND text IS NOT NULL"));
        Assert.Equal(0, db.Long($"SELECT count(*) FROM numbered WHERE seq >= {Rows} AND seq % 2 = 1 AND text IS NOT 'text ' || seq"));
        Assert.Equal(0, db.Long($"SELECT count(*) FROM numbered WHERE seq >= {Rows} AND seq % 3 != 0 AND data IS NOT NULL"));
        Assert.Equal(0, db.Long($"SELECT count(*) FROM numbered WHERE seq >= {Rows} AND seq % 3 = 0 AND (data IS NULL OR hex(data) != printf('%02X', seq))"));
        Assert.Equal(0, db.Long("SELECT count(*) FROM numbered WHERE id != seq + 1"));
    }
}
