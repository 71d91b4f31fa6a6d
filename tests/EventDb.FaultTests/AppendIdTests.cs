namespace EventDb.FaultTests;

/// <summary>
/// A chunk whose ids follow its table's largest id is inserted with its ids left to SQLite (an append, no search per
/// row). Every row must still get its event's own id, whatever other connections did to the table between batches.
/// </summary>
public sealed class AppendIdTests : IDisposable
{
    private const int EventsPerBatch = 300; // several chunks of 64 rows per table

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>What another connection does to the tables between the logger's two batches, and the logger's rows left.</summary>
    public static TheoryData<string, int> ChangesBetweenBatches => new()
    {
        // A higher id: SQLite's next id would be 1,000,001, not the logger's 301.
        { "INSERT INTO fault_event (id, kind, producer) VALUES (1000000, 'numbered', 9); INSERT INTO numbered (id, seq) VALUES (1000000, -9)", 2 * EventsPerBatch },
        // The last rows deleted: SQLite's next id would be 291.
        { $"DELETE FROM numbered WHERE id > {EventsPerBatch - 10}; DELETE FROM fault_event WHERE id > {EventsPerBatch - 10}", (2 * EventsPerBatch) - 10 },
    };

    [Theory]
    [MemberData(nameof(ChangesBetweenBatches))]
    public void RowsKeepTheirEventsIds_WhenAnotherConnectionChangesTheTableBetweenBatches(string change, int rowsLeft)
    {
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) });
        AddBatch(log, 0);
        using (var db = _dir.OpenRaw())
            db.Exec(change);
        AddBatch(log, 1);

        Assert.Equal(0, log.FailedFlushes); // the largest id is read again, not found wrong by a failed batch
        AssertEveryRowHasItsEventsId(rowsLeft);
    }

    [Fact]
    public void RowsKeepTheirEventsIds_InATableWithoutRowids()
    {
        using (EventLogger.Open(_dir.Options()))
        {
            // creates the tables
        }
        using (var db = _dir.OpenRaw())
        {
            // The same columns and keys, but id is no rowid: SQLite would not fill a NULL id, it would refuse it.
            var ddl = db.Text("SELECT sql FROM sqlite_schema WHERE name = 'numbered'");
            db.Exec("DROP TABLE numbered");
            db.Exec(ddl + " WITHOUT ROWID");
        }
        using (var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) }))
        {
            AddBatch(log, 0);
            AddBatch(log, 1);
            Assert.Equal(0, log.FailedFlushes);
        }
        AssertEveryRowHasItsEventsId();
    }

    [Fact]
    public void RowsKeepTheirEventsIds_AcrossRejectedEventsAndTypesInterleaved()
    {
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) });
        for (int seq = 0; seq < 1000; seq++)
        {
            if (seq % 97 == 5)
                log.Add(new Numbered { Producer = 0, Seq = seq, Text = "\ud800" }); // rejected: a gap in the ids
            else if (seq % 3 == 0)
                log.Add(new Labelled { Producer = 0, Seq = seq, Label = "l" });
            else
                log.Add(new Numbered { Producer = 0, Seq = seq });
        }
        log.Flush();

        using var db = _dir.OpenRaw(readOnly: true);
        // Ids are assigned from 1 in Add order, so each row's id is its seq + 1; rejected events leave theirs unused.
        Assert.Equal(0, db.Long("SELECT count(*) FROM numbered WHERE id != seq + 1"));
        Assert.Equal(0, db.Long("SELECT count(*) FROM labelled WHERE id != seq + 1"));
        Assert.Equal(1000 - 11, db.Long("SELECT count(*) FROM fault_event"));
        Assert.Equal(0, db.Long("SELECT count(*) FROM fault_event e WHERE NOT EXISTS (SELECT 1 FROM numbered n WHERE n.id = e.id) AND NOT EXISTS (SELECT 1 FROM labelled l WHERE l.id = e.id)"));
    }

    /// <summary>Adds a batch whose events carry seq = batch * EventsPerBatch + n and flushes it.</summary>
    private static void AddBatch(EventLogger log, int batch)
    {
        for (int n = 0; n < EventsPerBatch; n++)
            log.Add(new Numbered { Producer = batch, Seq = (batch * EventsPerBatch) + n });
        log.Flush();
    }

    /// <summary>Ids come from 1 in Add order, so the logger's rows have id = seq + 1 in both tables.</summary>
    private void AssertEveryRowHasItsEventsId(int rows = 2 * EventsPerBatch)
    {
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(rows, db.Long("SELECT count(*) FROM numbered WHERE seq >= 0"));
        Assert.Equal(0, db.Long("SELECT count(*) FROM numbered WHERE seq >= 0 AND id != seq + 1"));
        Assert.Equal(0, db.Long("SELECT count(*) FROM numbered n JOIN fault_event e ON e.id = n.id WHERE n.seq >= 0 AND e.producer != n.seq / " + EventsPerBatch));
    }
}
