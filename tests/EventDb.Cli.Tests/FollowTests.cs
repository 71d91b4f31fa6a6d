using System.Globalization;

namespace EventDb.Cli.Tests;

/// <summary>
/// <c>--follow</c> against a writer in another process (tests/EventDb.Cli.WriterChild: an EventLogger committing
/// batches), stopped by a real signal: every new row printed once, in order, then exit 0 with nothing on stderr.
/// </summary>
public sealed class FollowTests : IDisposable
{
    private const int Batch = 500, Batches = 6;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ChildProcess StartWriter()
    {
        var writer = ChildProcess.Start("EventDb.Cli.WriterChild", _dir.Path, Batches.ToString(CultureInfo.InvariantCulture),
            Batch.ToString(CultureInfo.InvariantCulture), "150");
        Assert.Equal($"FLUSHED {Batch}", writer.ReadLine(s_timeout));
        return writer;
    }

    private static void FinishWriter(ChildProcess writer)
    {
        writer.StandardInput.WriteLine("go");
        writer.StandardInput.Flush();
        for (int b = 2; b <= Batches; b++)
            Assert.Equal($"FLUSHED {b * Batch}", writer.ReadLine(s_timeout));
        Assert.Equal("DONE", writer.ReadLine(s_timeout));
        Assert.Equal(0, writer.WaitForExit(s_timeout));
    }

    private static IEnumerable<long> Syscalls(long from, long through)
    {
        for (long k = from; k <= through; k++)
        {
            if (k % 5 != 0)
                yield return k;
        }
    }

    [Fact]
    public void Syscalls_Follow_StartsAmongTheLastFourEvents_PrintsEachNewRowOnce_SigintExits0()
    {
        using var writer = StartWriter();
        using var follower = ChildProcess.Start("EventDb.Cli", "syscalls", "--results", _dir.Path, "--follow");
        // Penguin's start: after max(event.id) - 4 = 496, so syscalls 497..499 (500 is a write).
        foreach (long k in Syscalls(497, Batch))
            Assert.Equal(ProcessTests.StepLine(k), follower.ReadLine(s_timeout));

        FinishWriter(writer);
        foreach (long k in Syscalls(Batch + 1, Batch * Batches))
            Assert.Equal(ProcessTests.StepLine(k), follower.ReadLine(s_timeout));

        follower.Signal(ChildProcess.SigInt);
        Assert.Equal(0, follower.WaitForExit(s_timeout));
        Assert.Equal("", follower.RestOfOutput());
        Assert.Equal("", follower.StandardError);
    }

    [Fact]
    public void Tail_Follow_LastRowThenEveryNewOne_SigtermExits0()
    {
        using var writer = StartWriter();
        using var follower = ChildProcess.Start("EventDb.Cli", "tail", _dir.Path, "write", "-n", "1", "--follow", "--format", "jsonl");
        Assert.Equal(Json(Batch), follower.ReadLine(s_timeout));

        FinishWriter(writer);
        for (long k = Batch + 5; k <= Batch * Batches; k += 5)
            Assert.Equal(Json(k), follower.ReadLine(s_timeout));

        follower.Signal(ChildProcess.SigTerm);
        Assert.Equal(0, follower.WaitForExit(s_timeout));
        Assert.Equal("", follower.RestOfOutput());
        Assert.Equal("", follower.StandardError);

        static string Json(long k) => string.Create(CultureInfo.InvariantCulture, $"{{\"id\":{k},\"fd\":{k},\"fname\":\"/dev/step\",\"buffer\":\"eA==\"}}");
    }

    [Fact]
    public void Fds_Follow_EachPollPrintsTheSortedDistinctLinesOfItsNewWrites()
    {
        using var writer = StartWriter();
        using var follower = ChildProcess.Start("EventDb.Cli", "fds", "--results", _dir.Path, "--follow");
        Assert.Equal("(writer) 500 /dev/step", follower.ReadLine(s_timeout)); // the one write among events 497..500

        FinishWriter(writer);
        for (long k = Batch + 5; k <= Batch * Batches; k += 5)
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"(writer) {k} /dev/step"), follower.ReadLine(s_timeout));

        follower.Signal(ChildProcess.SigInt);
        Assert.Equal(0, follower.WaitForExit(s_timeout));
        Assert.Equal("", follower.RestOfOutput());
    }
}
