using System.Globalization;

namespace EventDb.Hosting.Tests;

/// <summary>Runs tests/EventDb.HostingChild (a Generic Host with AddEventDb and a producer) and stops it with SIGTERM.</summary>
internal static class HostingChild
{
    /// <summary>A child that hangs (never gets ready, or never stops) must fail the test, not hang the run.</summary>
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(120);

    /// <summary>What the child printed and how it ended.</summary>
    public sealed record Result(int ExitCode, long Added, long Written, string Output, string Errors);

    /// <summary>
    /// Starts the child on <paramref name="directory"/>, waits for "ready", sends SIGTERM, and waits for it to exit.
    /// <paramref name="order"/> is "before" or "after": where the producer is registered relative to AddEventDb.
    /// </summary>
    public static Result RunUntilSigterm(string directory, string order)
    {
        // The directory is also the working directory: the host's content root, which it watches for appsettings.json.
        using var child = ChildProcess.StartIn(directory, "EventDb.HostingChild", directory, order);
        string? first = child.ReadLine(ChildTimeout);
        if (first == "ready")
        {
            // Land the signal at an arbitrary point: while the producer waits for room, mid-flush, or between flushes.
            Thread.Sleep(Random.Shared.Next(0, 300));
            child.Signal(ChildProcess.SigTerm);
        }
        int exitCode = child.WaitForExit(ChildTimeout);
        string rest = child.RestOfOutput();
        string output = $"{first}\n{rest}";
        string stderr = child.StandardError;
        Assert.True(first == "ready", $"the child never got ready (exit {exitCode}); stdout: {output} stderr: {stderr}");

        var counts = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split(' ') ?? [];
        long Count(string name) => counts.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } c
            ? long.Parse(c[(name.Length + 1)..], CultureInfo.InvariantCulture)
            : -1;
        return new Result(exitCode, Count("added"), Count("written"), output, stderr);
    }
}
