using EventDb.PowerLoss;
using Xunit.Abstractions;

namespace EventDb.PowerLossTests;

/// <summary>
/// A clean Dispose seals the file (checkpointed, back in <c>journal_mode=DELETE</c>, no <c>-wal</c>): once it has returned
/// the file survives a power cut whole, its name and its journal mode included. A writer killed during the seal leaves a
/// file that keeps what its level promises.
/// </summary>
public sealed class SealCutTests(ITestOutputHelper output)
{
    private const string Events = "20000";

    [Theory]
    [InlineData(Durability.Normal)]
    [InlineData(Durability.Full)]
    public void Sealed_DisposeReturnedThenPowerCut_EveryEventSurvivesInDeleteModeAndTheDirectoryWasSynced(Durability durability)
    {
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, durability, producers: 2);
        var figures = run.Round(new RoundPlan(_ => { }, "after a clean close", Extra: ["--events", Events], AfterCut: trace =>
        {
            // The seal deleted the -wal and its rollback journal: on a real disk both names could come back after a cut
            // (the journal rolling the header back to WAL mode) unless the directory was synced before Dispose returned.
            DurableOrder.AssertEveryChangeSynced(trace, run.Directory, trace.Marker("DISPOSED"), "the sealed file's directory");
            var backing = Path.Combine(mount.Backing, Path.GetFileName(run.Directory));
            Assert.Equal(["plugins.db"], Directory.GetFiles(backing).Select(Path.GetFileName));
            using var file = File.OpenRead(Path.Combine(backing, "plugins.db"));
            var header = new byte[100];
            file.ReadExactly(header);
            Assert.Equal((byte)1, header[18]); // file format write version: 1 is a rollback journal, 2 WAL
            Assert.Equal((byte)1, header[19]);
        }));
        Assert.Equal(2 * long.Parse(Events, System.Globalization.CultureInfo.InvariantCulture), figures.Kept);
        FileReaders.AssertAllRead(run.DbPath, run.Survivors!);
    }

    [Theory]
    [InlineData(Durability.Normal)]
    [InlineData(Durability.Full)]
    public void Seal_KilledMidway_KeepsWhatTheLevelPromises(Durability durability)
    {
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, durability, producers: 2);
        // The seal removes the -wal after its last checkpoint, then the rollback journal of the header's switch back to
        // DELETE mode (a new file's Open removes one such journal first, of its switch to WAL).
        run.RunRounds(round => round % 2 == 0
            ? new RoundPlan(WriterRun.KillAtTheCall(TimeSpan.FromSeconds(60)), "", new KillPoint("unlink", Random.Shared.Next(1, 4)), ["--events", Events])
            : KillWhileDisposing(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 60))));
    }

    private static RoundPlan KillWhileDisposing(TimeSpan delay) => new(child =>
    {
        if (child.WaitFor(r => r.Phase >= ChildPhase.Disposing, TimeSpan.FromSeconds(60)))
        {
            Thread.Sleep(delay);
            child.Kill();
        }
    }, $"SIGKILL {delay.TotalMilliseconds} ms into Dispose", Extra: ["--events", Events]);
}
