using System.Text.RegularExpressions;

namespace EventDb.FaultTests;

/// <summary>
/// Opening a logger when the process is out of file descriptors: a child process lowers its own RLIMIT_NOFILE to every
/// value from just under what it holds open to well over what a logger needs, and opens a logger under each (see
/// tests/EventDb.FaultChild). Every attempt either returns a working logger or throws one EventDbException that says
/// the process is out of descriptors, and leaves no descriptor (the file, its -wal, its -shm) and no thread behind.
/// Before this held, the first half-built store kept the file open and locked, and every later attempt failed with
/// "already open for writing"; a thread that could not start surfaced as an OutOfMemoryException.
/// </summary>
public sealed partial class DescriptorLimitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_UnderEveryDescriptorLimit_ReturnsAWorkingLoggerOrThrowsOneClearErrorAndLeavesNothingOpen()
    {
        using var child = ChildProcess.Start("EventDb.FaultChild", "descriptor-limits", _dir.Path);
        Assert.Equal(0, child.WaitForExit(TimeSpan.FromSeconds(240)));
        var lines = child.RestOfOutput().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 43, $"one line per limit expected; stderr: {child.StandardError}\n{string.Join("\n", lines)}");

        var outcomes = lines.Select(line => Outcome().Match(line)).ToList();
        Assert.All(outcomes.Zip(lines), pair => Assert.True(pair.First.Success, "unexpected line: " + pair.Second));
        Assert.All(lines, line => Assert.DoesNotContain("leaked", line, StringComparison.Ordinal));
        var failures = outcomes.Where(m => m.Groups["result"].Value == "failed").ToList();
        Assert.All(failures, m => Assert.Equal("EventDbException", m.Groups["type"].Value));
        Assert.All(failures, m => Assert.Contains("the process is out of file descriptors", m.Groups["message"].Value, StringComparison.Ordinal));
        // The sweep reaches both sides: limits too low to open, and enough to open (and flush and close) normally.
        Assert.True(failures.Count >= 3, $"too few limits were too low: {string.Join("\n", lines)}");
        // Near the edge the runtime's own use of descriptors varies; with 30 to spare every attempt must succeed.
        Assert.True(outcomes.TakeLast(10).All(m => m.Groups["result"].Value == "ok"), string.Join("\n", lines));
    }

    [GeneratedRegex(@"^(?<limit>\d+) (?<result>ok|failed)(?: (?<type>\w+): (?<message>.*))?$")]
    private static partial Regex Outcome();
}
