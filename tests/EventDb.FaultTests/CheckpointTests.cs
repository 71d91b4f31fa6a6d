namespace EventDb.FaultTests;

/// <summary>
/// Checkpoints run on a connection and thread of their own, beside the writer: the WAL is copied into the file while the
/// writer goes on, and stays bounded under a writer that never pauses.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CommittedPages_ReachTheFile_WhileTheLoggerStaysOpen()
    {
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) });
        var data = Incompressible(MiB);
        const int Events = 40; // about 2,500 WAL pages of 16 KiB, past SQLite's checkpoint threshold of 1,000
        for (int seq = 0; seq < Events; seq++)
            log.Add(new Numbered { Producer = 0, Seq = seq, Data = data });
        log.Flush();

        // No further commit comes: the copy into the file is the checkpointer's alone.
        Assert.True(
            SpinWait.SpinUntil(() => new FileInfo(_dir.DbPath).Length >= Events * MiB, TimeSpan.FromSeconds(10)),
            $"the file is {new FileInfo(_dir.DbPath).Length:N0} bytes; its WAL was not checkpointed");
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(Events, db.Long("SELECT count(*) FROM numbered"));
    }

    [Theory]
    // 4 MiB is below SQLite's checkpoint threshold (1,000 pages of 16 KiB): the restart size still bounds the WAL.
    [InlineData(4)]
    [InlineData(24)]
    public void Wal_StaysBounded_UnderAWriterThatNeverPauses(int restartMiB)
    {
        long restartBytes = restartMiB * (long)MiB;
        const int EventsPerFlush = 2;
        var options = _dir.Options() with
        {
            BufferSize = EventsPerFlush,
            MaxQueuedEvents = 2 * EventsPerFlush,
            Overflow = OverflowPolicy.Block, // the producer waits for the writer, which never runs out of work
            WalRestartBytes = restartBytes,
        };
        var data = Incompressible(MiB);
        int events = 5 * restartMiB; // five times the restart size
        long largestWal = 0;
        using (var log = EventLogger.Open(options))
        {
            bool stop = false;
            var sampler = new Thread(() =>
            {
                var wal = new FileInfo(_dir.DbPath + "-wal");
                while (!Volatile.Read(ref stop))
                {
                    wal.Refresh();
                    largestWal = Math.Max(largestWal, wal.Exists ? wal.Length : 0);
                }
            });
            sampler.Start();
            for (int seq = 0; seq < events; seq++)
                log.Add(new Numbered { Producer = 0, Seq = seq, Data = data });
            log.Flush();
            Volatile.Write(ref stop, true);
            sampler.Join();
            Assert.Equal(events, log.WrittenEvents);
        }

        // SQLite writes the WAL from its start again once everything in it is checkpointed; a WAL that never started
        // over would hold everything written. Allowed: the restart size, the queue's worth (one flush), and page
        // headers and b-tree pages (24 bytes per 16 KiB frame, a few pages per MiB).
        long bound = restartBytes + 2 * EventsPerFlush * MiB + restartBytes / 8 + MiB;
        Assert.True(largestWal <= bound, $"the WAL reached {largestWal:N0} bytes (bound {bound:N0})");
        Assert.True(largestWal > 0, "the WAL was never seen");
    }

    private static byte[] Incompressible(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
