using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;

namespace EventDb.FaultTests;

/// <summary>
/// Ids end at 2^61 - 1 (the bits above hold the sequence's flags): a file whose largest id leaves none is refused at
/// Open, untouched; near the end, producers get every id left once and then a clear error, and nothing hangs.
/// </summary>
public sealed class IdLimitTests : IDisposable
{
    private const long LastId = (1L << 61) - 1;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A file with the fault tables (made by a logger) and one more event, of <paramref name="id"/>, inserted by the sqlite3 shell.</summary>
    private void FileWithLargestId(long id)
    {
        using (EventLogger.Open(_dir.Options()))
        {
        }
        using var shell = Process.Start(new ProcessStartInfo("sqlite3", [_dir.DbPath,
            $"INSERT INTO fault_event (id, kind, producer) VALUES ({id}, 'numbered', 9); INSERT INTO numbered (id, seq) VALUES ({id}, 0);"])
            { RedirectStandardError = true })!;
        string error = shell.StandardError.ReadToEnd();
        shell.WaitForExit();
        Assert.True(shell.ExitCode == 0, $"sqlite3 failed: {error}");
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(LastId + 1)]
    [InlineData(LastId)]
    public void Open_FileWhoseLargestIdLeavesNoId_IsRefusedAtOnceAndLeftUntouched(long largest)
    {
        FileWithLargestId(largest);
        var before = SHA256.HashData(File.ReadAllBytes(_dir.DbPath));
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options()));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Open took {clock.Elapsed}");
        Assert.Contains($"'{_dir.DbPath}' holds id {largest}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no id is left", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(_dir.DbPath)));
        Assert.False(File.Exists(_dir.DbPath + "-wal"));
        using var log = EventLogger.Open(_dir.Options() with { FileName = "fresh.db" }); // the refusal held nothing
    }

    [Fact]
    public void Add_NearTheLastIdFromSeveralProducers_TakesEachIdLeftOnceThenRefusesAndDisposeWritesThem()
    {
        const int Left = 1_000;
        FileWithLargestId(LastId - Left);
        var log = EventLogger.Open(_dir.Options());
        var accepted = new ConcurrentBag<long>();
        var refusals = new ConcurrentQueue<Exception>();
        var producers = Enumerable.Range(0, 4).Select(p => new Thread(() =>
        {
            for (long seq = 0; ; seq++)
            {
                try
                {
                    log.Add(new Numbered { Producer = p, Seq = seq });
                    accepted.Add(seq);
                }
                catch (EventDbException ex)
                {
                    refusals.Enqueue(ex);
                    return;
                }
            }
        })).ToArray();
        foreach (var producer in producers)
            producer.Start();
        Assert.All(producers, t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a producer hung"));

        Assert.Equal(Left, accepted.Count);
        Assert.Equal(4, refusals.Count);
        Assert.All(refusals, ex => Assert.Contains("has no id left", ex.Message, StringComparison.Ordinal));
        Assert.Throws<EventDbException>(() => log.Add(new Numbered { Seq = -1 })); // and stays refused
        var disposer = new Thread(log.Dispose);
        disposer.Start();
        Assert.True(disposer.Join(TimeSpan.FromSeconds(30)), "Dispose hung");
        Assert.Equal(Left, log.WrittenEvents);

        using (var db = _dir.OpenRaw(readOnly: true))
        {
            Assert.Equal(LastId, db.Long("SELECT max(id) FROM numbered"));
            Assert.Equal(Left, db.Long($"SELECT count(DISTINCT id) FROM numbered WHERE id > {LastId - Left}"));
            FileChecks.AssertSoundAndUntorn(db);
        }
        Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options())); // now full
    }
}
