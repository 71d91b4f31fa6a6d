using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// Makes the names in a directory durable (Linux): a file's data can be synced and still vanish with its name in a power
/// cut, until the directory that holds the name is synced too; the same goes for a new directory, a rename or a deletion.
/// One source, compiled into EventDb and EventDb.Export.
/// </summary>
internal static partial class DirectorySync
{
    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC, the same on every Linux architecture
    private const int InvalidArgument = 22, NotSupported = 95;

    /// <summary>
    /// Syncs <paramref name="directory"/>, so the names made, renamed or removed in it so far survive a power cut.
    /// Nothing elsewhere than Linux, nor on a file system that cannot sync a directory (EINVAL, EOPNOTSUPP).
    /// </summary>
    /// <exception cref="IOException">The directory cannot be opened or the sync failed.</exception>
    public static void Sync(string directory)
    {
        if (!OperatingSystem.IsLinux())
            return;
        int descriptor = open(directory, OpenReadOnlyCloseOnExec);
        if (descriptor < 0)
            throw new IOException($"Cannot open directory '{directory}' to sync it: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() is int errno and not InvalidArgument and not NotSupported)
                throw new IOException($"Syncing directory '{directory}' failed: errno {errno}");
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    /// <summary>
    /// Creates <paramref name="directory"/> and the directories above it that are missing, and syncs the parent of each
    /// one it created, from the top down, so the new path survives a power cut.
    /// </summary>
    /// <exception cref="IOException">A directory cannot be created or synced.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to create it.</exception>
    public static void CreateDirectory(string directory)
    {
        var missing = new List<string>();
        for (var level = Path.GetFullPath(directory); level is not null && !Directory.Exists(level); level = Path.GetDirectoryName(level))
            missing.Add(level);
        Directory.CreateDirectory(directory);
        for (int i = missing.Count - 1; i >= 0; i--)
            Sync(Path.GetDirectoryName(missing[i])!);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int descriptor);

    [LibraryImport("libc")]
    private static partial int close(int descriptor);
}
