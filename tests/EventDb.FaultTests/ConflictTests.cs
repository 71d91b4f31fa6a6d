using SQLitePCL;

namespace EventDb.FaultTests;

/// <summary>
/// Another writer put a row where the logger's next flush goes (two writers on one file are not supported, but must
/// not tear it). The writer's INSERTs are <c>OR FAIL</c>, so a failing statement keeps the rows it already inserted;
/// the flush's ROLLBACK must still remove every one of them.
/// </summary>
public sealed class ConflictTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Flush_CollidingWithARowAnotherConnectionInserted_FailsWholeKeepsItsEventsAndLandsOnceTheRowIsGone()
    {
        using var log = EventLogger.Open(_dir.Options());
        Producers.AddNumbered(log, 0, 0, 100); // ids 1..100
        log.Flush();
        using (var other = _dir.OpenRaw())
        {
            other.Exec("PRAGMA foreign_keys=OFF"); // an orphan child row: the stranger does not write a base row
            other.Exec("INSERT INTO numbered (id, seq) VALUES (150, -1)");
        }

        Producers.AddNumbered(log, 0, 100, 100); // ids 101..200: the numbered INSERT fails at 150, after 101..149
        var error = Assert.Throws<EventDbException>(log.Flush);
        // SQLite's own codes, apart: the primary one to compare as it is, the extended one that says which constraint.
        Assert.Equal(raw.SQLITE_CONSTRAINT, error.SqliteErrorCode);
        Assert.Equal(raw.SQLITE_CONSTRAINT_PRIMARYKEY, error.SqliteExtendedErrorCode);
        using (var db = _dir.OpenRaw(readOnly: true))
        {
            Assert.Equal(100, db.Long("SELECT count(*) FROM fault_event"));
            Assert.Equal(101, db.Long("SELECT count(*) FROM numbered")); // the first flush and the stranger, nothing of the failed one
        }
        Assert.Equal(100, log.QueuedEvents);

        using (var other = _dir.OpenRaw())
            other.Exec("DELETE FROM numbered WHERE id = 150");
        log.Flush(); // waits for the held batch's retry
        log.Dispose();

        Assert.Equal(200, log.WrittenEvents);
        using var check = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(check, 1, 200);
        FileChecks.AssertSoundAndUntorn(check);
    }
}
