namespace EventDb.PowerLossTests;

/// <summary>
/// Whether a directory entry a promise needs was durable when the promise was made: made, then its directory synced,
/// before the call that promised it returned. (LazyFS passes directory operations straight to its backing file system, so
/// a cut on it never loses a name; on a real disk, a name whose directory was not synced can vanish.)
/// </summary>
internal static class DurableOrder
{
    /// <summary>An fsync of <paramref name="directory"/> was entered after <paramref name="change"/> and before <paramref name="promise"/>.</summary>
    public static void AssertSynced(SyscallTrace trace, TracedCall change, string directory, TracedCall promise, string what)
    {
        bool synced = trace.Calls.Any(c => c.Succeeded && c.Syncs(directory) && c.Time >= change.Time && c.Time < promise.Time && c != change);
        Assert.True(synced, $"{what}: nothing synced {directory} after [{change}] and before [{promise}]");
    }

    /// <summary>Every name made or removed in <paramref name="directory"/> before <paramref name="promise"/> was synced before it.</summary>
    public static void AssertEveryChangeSynced(SyscallTrace trace, string directory, TracedCall promise, string what)
    {
        var changes = trace.Calls.Where(c => c.Time < promise.Time && c.Succeeded && ChangesEntryIn(c, directory)).ToList();
        Assert.NotEmpty(changes);
        foreach (var change in changes)
            AssertSynced(trace, change, directory, promise, what);
    }

    /// <summary>
    /// Whether <paramref name="call"/> adds, removes or renames a name in <paramref name="directory"/> (an open that may
    /// create one included), SQLite's <c>-shm</c> aside: it holds no data and is rebuilt after a crash.
    /// </summary>
    public static bool ChangesEntryIn(TracedCall call, string directory) => !call.Paths.Any(p => p.EndsWith("-shm", StringComparison.Ordinal)) && call.Name switch
    {
        "unlink" or "mkdir" or "rmdir" => Parent(call.Path) == directory,
        "rename" => call.Paths.Any(p => Parent(p) == directory),
        "openat" => call.Arguments.Contains("O_CREAT", StringComparison.Ordinal) && call.Paths.Skip(1).Any(p => Parent(p) == directory),
        _ => false,
    };

    private static string? Parent(string? path) => path is null ? null : Path.GetDirectoryName(path);
}
