using System.Globalization;
using System.Text.RegularExpressions;

namespace EventDb.PowerLossTests;

/// <summary>
/// One system call of a child, as <c>strace -f -ttt -y</c> printed it: the thread, the time it was entered (Unix
/// seconds), its name, arguments (descriptors shown with their paths) and result (null when the child died inside it).
/// </summary>
internal sealed partial record TracedCall(int Thread, double Time, string Name, string Arguments, string? Result)
{
    /// <summary>Whether it returned success (0, or a descriptor or count).</summary>
    public bool Succeeded => Result is { } r && !r.StartsWith('-') && !r.StartsWith('?');

    /// <summary>Whether the child died inside it (strace prints no result, or <c>?</c>).</summary>
    public bool Interrupted => Result is null or "?";

    /// <summary>Every path in the arguments: quoted strings and the paths strace prints after descriptors.</summary>
    public IReadOnlyList<string> Paths =>
        [.. PathPattern().Matches(Arguments).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];

    /// <summary>The first path (the file an fsync, unlink or mkdir is about; a rename's source).</summary>
    public string? Path => Paths is [var first, ..] ? first : null;

    /// <summary>Whether this is an fsync or fdatasync of exactly <paramref name="path"/>.</summary>
    public bool Syncs(string path) => Name is "fsync" or "fdatasync" && Path == path;

    public override string ToString() => $"{Thread} {Time:F6} {Name}({Arguments}) = {Result ?? "(killed)"}";

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"|\\d+<([^>]*)>")]
    private static partial Regex PathPattern();
}

/// <summary>
/// A child's system calls, from the file <c>strace -o</c> wrote: the tests read from it when the last sync happened and in
/// which order directory entries were made and synced (LazyFS keeps file data in its cache but passes directory operations
/// through at once, so a power cut on it cannot lose a file name; the order of the calls shows whether a real disk could).
/// </summary>
internal sealed partial class SyscallTrace
{
    private SyscallTrace(List<TracedCall> calls, double? killedAt)
    {
        Calls = calls;
        KilledAt = killedAt;
    }

    /// <summary>The calls in the order they were entered.</summary>
    public IReadOnlyList<TracedCall> Calls { get; }

    /// <summary>When the first thread of the child was killed (Unix seconds), or null when it was not.</summary>
    public double? KilledAt { get; }

    public static SyscallTrace Read(string path)
    {
        var calls = new List<TracedCall>();
        var unfinished = new Dictionary<int, (double Time, string Start)>();
        double? killedAt = null;
        foreach (var line in File.ReadLines(path))
        {
            var match = LinePattern().Match(line);
            if (!match.Success)
                continue;
            int thread = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            double time = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            string rest = match.Groups[3].Value;
            if (rest.StartsWith("+++ killed by SIGKILL", StringComparison.Ordinal))
            {
                killedAt ??= time;
            }
            else if (rest.EndsWith(" <unfinished ...>", StringComparison.Ordinal))
            {
                unfinished[thread] = (time, rest[..^" <unfinished ...>".Length]);
            }
            else if (ResumedPattern().Match(rest) is { Success: true } resumed && unfinished.Remove(thread, out var start))
            {
                Add(calls, thread, start.Time, start.Start + resumed.Groups[1].Value);
            }
            else if (!rest.StartsWith("+++", StringComparison.Ordinal) && !rest.StartsWith("---", StringComparison.Ordinal))
            {
                Add(calls, thread, time, rest);
            }
        }
        // A call a thread was inside when the child was killed never returned.
        foreach (var (thread, start) in unfinished)
            Add(calls, thread, start.Time, start.Start);
        calls.Sort((a, b) => a.Time.CompareTo(b.Time));
        return new SyscallTrace(calls, killedAt);
    }

    private static void Add(List<TracedCall> calls, int thread, double time, string text)
    {
        int open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0)
            return;
        int close = text.LastIndexOf(") = ", StringComparison.Ordinal);
        string? result = close >= 0 ? text[(close + 4)..] : null;
        string arguments = close >= 0 ? text[(open + 1)..close] : text[(open + 1)..].TrimEnd(')', ' ', '?', '=');
        calls.Add(new TracedCall(thread, time, text[..open], arguments, result));
    }

    /// <summary>The first write of a line starting with <paramref name="marker"/> (the child's line saying a call returned; .NET writes standard output through a descriptor of its own).</summary>
    public TracedCall Marker(string marker) =>
        Calls.FirstOrDefault(c => c.Name == "write" && c.Arguments.Contains($", \"{marker}", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"the trace has no write of '{marker}' to standard output");

    [GeneratedRegex(@"^(\d+)\s+(\d+\.\d+)\s+(.*)$")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"^<\.\.\. \w+ resumed>(.*)$")]
    private static partial Regex ResumedPattern();
}
