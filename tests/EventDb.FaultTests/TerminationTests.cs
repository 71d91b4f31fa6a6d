using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EventDb.FaultTests;

/// <summary>
/// A process asked to end (SIGTERM, SIGINT, SIGHUP, or Main returning) commits every event it accepted: real child
/// processes, real signals, the file checked afterwards against what the child counted as accepted.
/// </summary>
public sealed partial class TerminationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string CountFile => Path.Combine(_dir.Path, "accepted.count");

    /// <summary>How many Adds the child saw return (it stores the count after each, in a memory-mapped file).</summary>
    private long Accepted() => BitConverter.ToInt64(File.ReadAllBytes(CountFile));

    /// <summary>Whether the child's first commit is in the file (its tables are created with it).</summary>
    private static bool HasCommitted(RawDb db) =>
        db.Long("SELECT count(*) FROM sqlite_schema WHERE name = 'event'") == 1 && db.Long("SELECT count(*) FROM event") > 0;

    /// <summary>The events 0..n-1 are in the file, each exactly once, and nothing else; returns n.</summary>
    private long AssertExactlyTheFirstEvents(long expected)
    {
        long n = FirstEventsInTheFile();
        Assert.Equal(expected, n);
        return n;
    }

    /// <summary>Checks that the file is sound and holds events 0..n-1, each exactly once, and nothing else; returns n.</summary>
    private long FirstEventsInTheFile()
    {
        using var db = _dir.OpenRaw();
        FileChecks.AssertSoundAndUntorn(db, "event", "type", "syscall", "write", "read", "exec", "proc_start", "proc_exit");
        var keys = db.Rows("SELECT s.arg0 FROM syscall s UNION ALL SELECT w.fd FROM write w")
            .Select(r => long.Parse(r[0]!, CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.True(keys.SequenceEqual(Enumerable.Range(0, keys.Length).Select(i => (long)i)), "the file does not hold exactly events 0..n-1, once each");
        return keys.LongLength;
    }

    [Theory]
    [InlineData("2>/dev/full")] // every write fails with ENOSPC
    [InlineData("2>&-")] // closed: descriptor 2 goes to the next file opened, read-only, and writes fail with EBADF
    public void Sigterm_WithStandardErrorUnwritable_StillEndsWith128PlusTheSignalAndKeepsWhatWasCommitted(string redirection)
    {
        // The loss line goes to standard error; a process whose standard error cannot be written must not crash on it.
        using var child = ChildProcess.StartShell(
            $"exec {redirection} \"$DOTNET\" \"$EVENTDB_FAULTCHILD\" produce '{_dir.Path}' '{CountFile}' --shutdown-timeout-ms 1000");
        child.WaitForLine("ready", TimeSpan.FromSeconds(60));
        using var holder = _dir.OpenRaw(busyTimeoutMs: 15_000);
        Assert.True(SpinWait.SpinUntil(() => HasCommitted(holder), TimeSpan.FromSeconds(30)), "the child committed nothing");
        holder.Exec("BEGIN EXCLUSIVE"); // the exit commit cannot finish: the loss must be told, where it cannot be written
        Thread.Sleep(300);

        child.Signal(ChildProcess.SigTerm);
        Assert.Equal(128 + ChildProcess.SigTerm, child.WaitForExit(TimeSpan.FromSeconds(30)));
        holder.Exec("ROLLBACK");

        long written = FirstEventsInTheFile();
        Assert.InRange(written, 1, Accepted() - 1); // what was committed before the lock, and the rest lost
        Assert.Equal("", child.StandardError); // nothing reached the test's pipe
    }

    [Theory]
    [InlineData(ChildProcess.SigTerm)]
    [InlineData(ChildProcess.SigInt)]
    [InlineData(ChildProcess.SigHup)]
    public void Signal_ToAProgramThatHandlesNone_EveryAcceptedEventIsInTheFileAndTheSignalEndsIt(int signal)
    {
        using var child = ChildProcess.Start("EventDb.FaultChild", "produce", _dir.Path, CountFile);
        child.WaitForLine("ready", TimeSpan.FromSeconds(60));
        Thread.Sleep(Random.Shared.Next(0, 300)); // mid-Add, mid-flush, waiting for room: wherever it is

        child.Signal(signal);

        Assert.Equal(128 + signal, child.WaitForExit(TimeSpan.FromSeconds(30)));
        long accepted = Accepted();
        Assert.True(accepted >= 10_000, $"the child accepted only {accepted} events");
        AssertExactlyTheFirstEvents(accepted);
        Assert.DoesNotContain("EventDb:", child.StandardError, StringComparison.Ordinal); // no loss reported
    }

    [Fact]
    public void MainReturns_WhileABackgroundThreadAdds_EveryAcceptedEventIsInTheFileAndTheExitCodeIsKept()
    {
        using var child = ChildProcess.Start("EventDb.FaultChild", "produce", _dir.Path, CountFile, "--return-after", "50000");

        Assert.Equal(0, child.WaitForExit(TimeSpan.FromSeconds(60)));

        long accepted = Accepted();
        Assert.True(accepted >= 50_000, $"the child accepted only {accepted} events");
        AssertExactlyTheFirstEvents(accepted);
    }

    [Fact]
    public void Sigterm_WhileAnotherConnectionHoldsTheLock_EndsWithinTheShutdownTimeoutAndReportsTheExactLoss()
    {
        using var child = ChildProcess.Start("EventDb.FaultChild", "produce", _dir.Path, CountFile, "--shutdown-timeout-ms", "1000");
        child.WaitForLine("ready", TimeSpan.FromSeconds(60));
        using var holder = _dir.OpenRaw(busyTimeoutMs: 15_000); // the writer leaves the lock free once in WriteLockCourtesy.Interval
        holder.Exec("BEGIN EXCLUSIVE"); // the child's writer can commit nothing from here on
        Thread.Sleep(300);

        var stopwatch = Stopwatch.StartNew();
        child.Signal(ChildProcess.SigTerm);
        Assert.Equal(128 + ChildProcess.SigTerm, child.WaitForExit(TimeSpan.FromSeconds(30)));
        stopwatch.Stop();
        holder.Exec("ROLLBACK");

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the child took {stopwatch.Elapsed} to end with a 1 s shutdown timeout");
        var match = LossLine().Match(child.StandardError);
        Assert.True(match.Success, $"no loss line on stderr: {child.StandardError}");
        long lost = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        long accepted = Accepted();
        Assert.True(lost > 0);
        // What was committed before the lock is there; the rest is exactly what the child said it lost.
        Assert.Equal(accepted, AssertExactlyTheFirstEvents(accepted - lost) + lost);
    }

    [Theory]
    [InlineData(ChildProcess.SigTerm)]
    [InlineData(ChildProcess.SigInt)]
    public void Demo_Signal_StopsProducingWritesWhatItAddedPrintsItsSummaryAndExitsWith128PlusTheSignal(int signal)
    {
        using var child = ChildProcess.Start("EventDb.Demo", "--out", _dir.Path, "--events", "100000000", "--verify");
        WaitUntilWriting(_dir.Path);
        Thread.Sleep(1_000);

        child.Signal(signal);

        Assert.Equal(128 + signal, child.WaitForExit(TimeSpan.FromSeconds(60)));
        var output = child.RestOfOutput();
        var match = SummaryLine().Match(output);
        Assert.True(match.Success, $"no summary line: {output} {child.StandardError}");
        Assert.Contains(signal == ChildProcess.SigInt ? "(stopped by SIGINT)" : "(stopped by SIGTERM)", output, StringComparison.Ordinal);
        Assert.Contains("Verified:", output, StringComparison.Ordinal);
        long written = long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(written, db.Long("SELECT count(*) FROM event"));
        Assert.Equal(written, db.Long("SELECT max(id) FROM event"));
    }

    [Fact]
    public void Demo_SigtermWhileItsDirectoryIsGone_ExitsWithTheExactLossInsteadOfWaitingForRoom()
    {
        // The producers fill the queue and wait in Add for room the writer can never make (its file vanished); the
        // signal must still end the demo, reporting what was lost rather than hanging on the blocked producers.
        var runDir = Path.Combine(_dir.Path, "run");
        using var child = ChildProcess.Start("EventDb.Demo", "--out", runDir, "--events", "100000000");
        WaitUntilWriting(runDir);
        Directory.Delete(runDir, recursive: true);
        Thread.Sleep(2_000);

        child.Signal(ChildProcess.SigTerm);

        Assert.Equal(1, child.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Matches(@"error: \d+ events could not be written to '.*plugins\.db' before the logger closed: .* was moved or deleted", child.StandardError);
        Assert.False(Directory.Exists(runDir), "the logger recreated the directory it lost");
    }

    /// <summary>
    /// Waits until the demo writing into <paramref name="directory"/> has written its first pages (its start-up is
    /// seconds on a busy machine, and a signal before its first event proves nothing).
    /// </summary>
    private static void WaitUntilWriting(string directory)
    {
        var wal = new FileInfo(Path.Combine(directory, "plugins.db-wal"));
        var waited = Stopwatch.StartNew();
        while (!wal.Exists || wal.Length == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(120), $"the demo wrote nothing into {directory} within 120 s");
            Thread.Sleep(50);
            wal.Refresh();
        }
    }

    [GeneratedRegex(@"EventDb: (\d+) events accepted for '.*' were not written before the process received SIGTERM")]
    private static partial Regex LossLine();

    [GeneratedRegex(@"^Wrote ([\d,]+) events in .* producer\(s\)", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
