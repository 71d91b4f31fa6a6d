using EventDb.FaultTests;
using EventDb.PowerLoss;
using Xunit.Abstractions;

namespace EventDb.PowerLossTests;

/// <summary>
/// A writer killed at a random moment while its producers add and flush (mid-batch, mostly), then the power cut: each
/// level keeps what it promises, the file is sound and a prefix of what was added, and the next writer appends to it.
/// </summary>
public sealed class WriterCutTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Durability.Normal, 1)]
    [InlineData(Durability.Normal, 2)]
    [InlineData(Durability.Full, 1)]
    [InlineData(Durability.Full, 2)]
    public void Writer_KilledAtRandomMomentsThenPowerCut_KeepsWhatItsLevelPromisesAndAppendsAfter(Durability durability, int producers)
    {
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, durability, producers);
        // Every other round the WAL starts over after each checkpoint: the writer waits for the checkpoint thread.
        run.RunRounds(round => WriterRun.KillWhileWriting(TimeSpan.FromMilliseconds(900), round % 2 == 1 ? ["--wal-restart-kib", "1"] : []));
    }

    [Fact]
    public void Normal_SlowWriterKilledThenPowerCut_LosesAtMostAboutTheLastSecond()
    {
        // 2,000 events a second and a Flush every 100: the WAL grows by about 0.3 MiB a second, so it would take a minute
        // to reach the checkpoint threshold; the checkpoint thread syncs it within a second of a commit instead.
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, Durability.Normal, producers: 1);
        // One cut per three of the other tests: each takes seconds of slow writing.
        var figures = run.RunRounds((PowerTools.Rounds + 2) / 3, _ => WriterRun.KillWhileWriting(TimeSpan.FromSeconds(2.2), TimeSpan.FromSeconds(3), "--rate", "2000", "--flush-every", "100"));
        Assert.All(figures, f => Assert.True(f.LossWindowSeconds < 2, $"the cut took the commits of the last {f.LossWindowSeconds:F2} s ({f.LostCommitted} events)"));
        Assert.All(figures, f => Assert.True(f.Kept > 0, "nothing survived"));
    }

    [Fact]
    public void Normal_WriterIdleAfterAReaderHeldItsCommitsInTheWal_SyncsThemOnceTheReaderLetsGo()
    {
        // A reader's snapshot keeps the checkpoint thread from copying (and so from syncing) the commits made after it.
        // The writer goes idle while it still holds them; once the reader lets go, the thread must still sync them.
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, Durability.Normal, producers: 1);
        run.Round(new RoundPlan(_ => { }, "", Extra: ["--events", "1000"]));
        var figures = run.Round(new RoundPlan(child =>
        {
            child.WaitFor(r => r.Phase >= ChildPhase.Writing, TimeSpan.FromSeconds(60));
            using (var reader = RawDb.Open(run.DbPath, readOnly: true))
            {
                reader.Exec("BEGIN");
                _ = reader.Long("SELECT count(*) FROM event");
                child.WaitFor(r => r.History() is [.., var last] && last.Written == 2_000, TimeSpan.FromSeconds(60));
                Thread.Sleep(1_500); // past the checkpoint thread's last timed pass, which the reader kept from copying
            }
            Thread.Sleep(2_500);
            child.Kill();
        }, "SIGKILL 2.5 s after a reader let go of the idle writer's commits", Extra: ["--events", "2000", "--rate", "4000", "--hold"]));
        Assert.Equal(2_000, figures.Committed);
        Assert.Equal(0, figures.LostCommitted);
    }
}
