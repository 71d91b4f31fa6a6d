using System.Diagnostics;

namespace EventDb;

/// <summary>
/// Leaves the file's write lock free for a moment now and then while the writer writes without pause, so another
/// connection that wants to write (a schema change, a tool's own transaction) is not kept out for good.
/// </summary>
/// <remarks>
/// SQLite has no queue for its write lock: a connection waiting for it tries again after sleeping, at most 100 ms
/// between tries, and a writer that begins its next transaction microseconds after each commit is almost never
/// caught between them. SQLite's automatic checkpoint inside <c>COMMIT</c> used to leave such gaps by accident; with
/// checkpoints on their own thread they are made on purpose: once every <see cref="Interval"/> without a pause, the
/// writer waits <see cref="Gap"/> before it begins, longer than one such sleep. That costs about 2% of a writer's time
/// that never pauses, and nothing to one that does (it leaves the lock free while it waits for events).
/// </remarks>
internal sealed class WriteLockCourtesy
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(110);

    private long _lastGap = Stopwatch.GetTimestamp();
    private long _lastCommit = Stopwatch.GetTimestamp();

    /// <summary>After each commit or rollback: the lock is free from here.</summary>
    public void Released() => _lastCommit = Stopwatch.GetTimestamp();

    /// <summary>Before each write transaction: waits out the rest of a gap when one is due.</summary>
    public void BeforeBegin()
    {
        long now = Stopwatch.GetTimestamp();
        var free = Stopwatch.GetElapsedTime(_lastCommit, now);
        if (free < Gap && Stopwatch.GetElapsedTime(_lastGap, now) >= Interval)
        {
            Thread.Sleep(Gap - free);
            free = Gap;
        }
        if (free >= Gap)
            _lastGap = Stopwatch.GetTimestamp();
    }
}
