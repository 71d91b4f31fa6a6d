using System.Globalization;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The descriptor SQLite holds for a connection's main database file (Linux only), and what the writer does with it:
/// the one-writer-per-file lock and the page-cache advice.
/// </summary>
/// <remarks>
/// Everything goes through SQLite's own descriptor, never a second one: closing any descriptor of a file drops every
/// POSIX lock the process holds on it, and SQLite's locks (this logger's reader, or any other connection in the
/// process) would silently go with them. The writer lock is a BSD <c>flock</c>, which belongs to the open file
/// description: it never interferes with SQLite's POSIX locks, conflicts with a second writer in this process as in
/// any other, and dies with its process (no stale lock after <c>kill -9</c>).
/// </remarks>
internal sealed unsafe partial class SqliteMainFile
{
    private const int SqliteFcntlFilePointer = 7;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockRelease = 8;
    private const int AtEmptyPath = 0x1000;
    private const int AtCurrentDirectory = -100;
    private const uint StatxBasicStats = 0x7FF;

    // SQLite's unix VFS file (os_unix.c) begins { sqlite3_io_methods*, sqlite3_vfs*, unixInodeInfo*, int h }. The
    // descriptor read there is used only after its device and inode are found to be those of the path.
    private static readonly int s_unixFileDescriptorOffset = 3 * IntPtr.Size;

    private SqliteMainFile(int descriptor, FileIdentity identity)
    {
        Descriptor = descriptor;
        Identity = identity;
    }

    /// <summary>SQLite's descriptor of the file; owned by SQLite, never closed here.</summary>
    public int Descriptor { get; }

    /// <summary>The device and inode of the file.</summary>
    public FileIdentity Identity { get; }

    /// <summary>The main file of <paramref name="db"/>, or null when not on Linux or it cannot be identified for certain.</summary>
    public static SqliteMainFile? Find(SqliteDatabase db)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        nint file = 0;
        fixed (byte* main = "main\0"u8)
        {
            if (NativeMethods.sqlite3_file_control(db.Handle.DangerousGetHandle(), main, SqliteFcntlFilePointer, &file) != 0 || file == 0)
                return null;
        }
        int descriptor = *(int*)(file + s_unixFileDescriptorOffset);
        var opened = FileIdentity.OfDescriptor(descriptor);
        return opened is not null && opened == FileIdentity.OfPath(db.Path) ? new SqliteMainFile(descriptor, opened.Value) : null;
    }

    /// <summary>Takes the writer lock; false when another writer (in any process) holds it.</summary>
    public bool TryLockForWriting()
    {
        if (flock(Descriptor, LockExclusive | LockNonBlocking) == 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == 11) // EWOULDBLOCK
            return false;
        // Another failure (ENOLCK on some network file systems): no lock to be had, so none to conflict with either.
        return true;
    }

    /// <summary>Releases the writer lock before SQLite closes (or, with other connections open here, keeps) the descriptor.</summary>
    public void UnlockForWriting() => _ = flock(Descriptor, LockRelease);

    /// <summary>The process holding the writer lock on <paramref name="file"/>, from <c>/proc/locks</c>, or null.</summary>
    public static int? FindWriterLockHolder(FileIdentity file)
    {
        // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF" (a waiter's line has "->" after the number)
        string device = string.Create(CultureInfo.InvariantCulture, $"{file.DeviceMajor:x2}:{file.DeviceMinor:x2}:{file.Inode}");
        try
        {
            foreach (var line in File.ReadLines("/proc/locks"))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 6 && fields[1] == "FLOCK" && fields[5] == device
                    && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                    return pid;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>The device and inode of a file: what identifies it whatever path leads to it.</summary>
    internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
    {
        public static FileIdentity? OfPath(string path) => Stat(AtCurrentDirectory, path, 0);

        public static FileIdentity? OfDescriptor(int descriptor) => Stat(descriptor, "", AtEmptyPath);

        private static FileIdentity? Stat(int directory, string path, int flags)
        {
            // struct statx is 256 bytes on every architecture: stx_ino at 32, stx_dev_major/minor at 136/140.
            byte* buffer = stackalloc byte[256];
            try
            {
                if (statx(directory, path, flags, StatxBasicStats, buffer) != 0)
                    return null;
            }
            catch (EntryPointNotFoundException)
            {
                return null; // a C library older than glibc 2.28
            }
            return new FileIdentity(*(uint*)(buffer + 136), *(uint*)(buffer + 140), *(ulong*)(buffer + 32));
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int descriptor, int operation);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int directory, string path, int flags, uint mask, byte* buffer);
}
