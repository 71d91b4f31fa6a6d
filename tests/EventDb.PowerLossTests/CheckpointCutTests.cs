using Xunit.Abstractions;

namespace EventDb.PowerLossTests;

/// <summary>
/// A writer killed by strace at a sync or inside a checkpoint: the checkpoint thread truncates the file after it has
/// copied every page of the WAL into it and before it syncs it; the n-th fsync of a thread is, by thread, a sync of Open,
/// of a commit (Full), of the checkpoint's WAL, directory or file, or of the WAL's header when it starts over.
/// </summary>
public sealed class CheckpointCutTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Durability.Normal)]
    [InlineData(Durability.Full)]
    public void Writer_KilledInsideACheckpointOrASync_KeepsWhatTheLevelPromises(Durability durability)
    {
        using var mount = LazyFsMount.Create();
        // A file per round: a second checkpoint pass means 30-50 MiB written.
        var run = new WriterRun(mount, output, durability, producers: 2) { RoundsPerFile = 1 };
        run.RunRounds(round => new RoundPlan(
            WriterRun.KillAtTheCall(TimeSpan.FromSeconds(30)),
            "",
            // strace counts each thread's calls. Open truncates the -shm once: a thread's second truncate is the checkpoint
            // thread's, in its second pass that caught up with the WAL. Open syncs six times in a new directory: a thread's
            // 7th to 9th sync is a commit's (Full) or the checkpoint thread's third pass (WAL, file).
            round % 2 == 0 ? new KillPoint("ftruncate", 2) : new KillPoint("fsync", Random.Shared.Next(7, 10)),
            // Every other round the WAL starts over after each checkpoint: the writer waits for the checkpoint thread, and
            // every pass catches up.
            round % 4 < 2 ? ["--wal-restart-kib", "1"] : null));
    }
}
