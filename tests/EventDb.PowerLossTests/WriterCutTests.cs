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
}
