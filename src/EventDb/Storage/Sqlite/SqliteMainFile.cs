using System.Globalization;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The descriptor SQLite holds for a connection's main database file (Linux only), and what the writer does with it:
/// the one-writer-per-file lock and the page-cache advice.
/// </summary>
/// <remarks>
/// <para>
/// Everything goes through SQLite's own descriptor, never a second one: closing any descriptor of a file drops every
/// POSIX lock the process holds on it, and SQLite's locks (this logger's reader, or any other connection in the
/// process) would silently go with them.
/// </para>
/// <para>
/// The writer lock is an open-file-description lock (<c>fcntl(F_OFD_SETLK)</c>, Linux 3.15) on bytes no SQLite file
/// reaches: from 2^62 on, where SQLite's own locks sit at 1 GiB (<c>0x40000000</c> and the 512 bytes after it) and its
/// files stop below 2^48 bytes. A lock beyond the end of a file is allowed, so an empty file takes it too. It belongs to
/// SQLite's open file description: it conflicts with a second writer in this process as in any other, never with
/// SQLite's POSIX locks (other bytes), and dies with its process (no stale lock after <c>kill -9</c>). No reader takes
/// it: .NET's <c>FileStream</c> takes <c>flock(LOCK_SH)</c> on every file it opens, which an <c>flock</c> writer lock
/// refused (and a reader holding one refused the writer). A lock file beside the database was the alternative, and
/// worse: it would tie the lock to a name (a hard link is another name), be left behind by a crash, and need a writable
/// directory.
/// </para>
/// <para>
/// The kernel reports no process for an OFD lock (<c>F_OFD_GETLK</c> and <c>/proc/locks</c> give -1), so the lock says
/// it itself: it runs from 2^62 for 1 + the holder's process id bytes. Every writer's range begins at 2^62, so any two
/// conflict; <see cref="FindWriter"/> reads the length back, and checks in <c>/proc</c> that the process of that id
/// here holds it: a writer in another PID namespace (a container) numbers itself differently, and is then looked for
/// among the descriptors of every process this one may see.
/// </para>
/// </remarks>
internal sealed unsafe partial class SqliteMainFile
{
    /// <summary>The first byte of the writer lock.</summary>
    private const long WriterLockStart = 1L << 62;

    // Linux's largest pid_max (PID_MAX_LIMIT on 64-bit): a longer lock at WriterLockStart is not an EventDb writer's.
    private const long PidLimit = 1 << 22;

    private const int SqliteFcntlFilePointer = 7;
    private const int OfdGetLock = 36, OfdSetLock = 37;
    private const short WriteLock = 1, Unlock = 2;
    private const int ErrorAgain = 11;
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
        var range = new FileLock(WriteLock, WriterLockStart, 1 + Environment.ProcessId);
        if (!Is64Bit || fcntl(Descriptor, OfdSetLock, &range) == 0)
            return true;
        // Another failure (EINVAL: a kernel without OFD locks; ENOLCK on some network file systems): no lock to be
        // had, so none to conflict with either.
        return Marshal.GetLastPInvokeError() != ErrorAgain;
    }

    /// <summary>Releases the writer lock before SQLite closes (or, with other connections open here, keeps) the descriptor.</summary>
    public void UnlockForWriting()
    {
        var range = new FileLock(Unlock, WriterLockStart, 0);
        if (Is64Bit)
            _ = fcntl(Descriptor, OfdSetLock, &range);
    }

    /// <summary>Who holds the writer lock, or null when no one does.</summary>
    public LockHolder? FindWriter()
    {
        // Asking for a write lock finds any lock there, shared or exclusive.
        var probe = new FileLock(WriteLock, WriterLockStart, 0);
        if (!Is64Bit || fcntl(Descriptor, OfdGetLock, &probe) != 0 || probe.Type == Unlock)
            return null;
        if (probe.ProcessId > 0)
            return new LockHolder(probe.ProcessId, IsWriter: false); // a classic POSIX lock: the kernel names its process
        if (probe.Start != WriterLockStart || probe.Length - 1 is not (> 0 and <= PidLimit))
            return new LockHolder(null, IsWriter: false);
        int claimed = (int)(probe.Length - 1);
        if (HoldsWriterLock(claimed) is not true && FindWriterInProc() is { } seen)
            return new LockHolder(seen, IsWriter: true);
        return new LockHolder(claimed, IsWriter: true); // as it numbers itself, when /proc cannot tell
    }

    /// <summary>The first process that <c>/proc</c> shows holding the writer lock on this file, or null.</summary>
    private int? FindWriterInProc()
    {
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && HoldsWriterLock(pid) is true)
                return pid;
        }
        return null;
    }

    /// <summary>
    /// Whether process <paramref name="pid"/> holds an OFD write lock from <see cref="WriterLockStart"/> on this file,
    /// from its descriptors' lock lines in <c>/proc</c>; null when <c>/proc</c> does not say (no such process here,
    /// or one this process may not look into).
    /// </summary>
    private bool? HoldsWriterLock(int pid)
    {
        // "lock:\t1: OFDLCK ADVISORY  WRITE -1 fe:00:1234567 4611686018427387904 4611686018427391681"
        string lockOnThisFile = string.Create(CultureInfo.InvariantCulture,
            $"WRITE -1 {Identity.DeviceMajor:x2}:{Identity.DeviceMinor:x2}:{Identity.Inode} {WriterLockStart} ");
        try
        {
            return Directory.EnumerateFiles($"/proc/{pid}/fdinfo").Any(descriptor => File.ReadLines(descriptor).Any(line =>
                line.StartsWith("lock:", StringComparison.Ordinal) && line.Contains("OFDLCK", StringComparison.Ordinal) && line.Contains(lockOnThisFile, StringComparison.Ordinal)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone, closed meanwhile, or not ours to look into
        }
    }

    /// <summary>What holds the writer lock's bytes.</summary>
    /// <param name="ProcessId">The holder's process id here, or null when unknown.</param>
    /// <param name="IsWriter">
    /// An EventDb writer; otherwise another program locks the whole file with <c>fcntl</c> (so SQLite could not
    /// write it either), which the kernel names only for a classic POSIX lock.
    /// </param>
    internal readonly record struct LockHolder(int? ProcessId, bool IsWriter);

    // struct flock has 64-bit offsets only in 64-bit processes (a 32-bit one would need flock64): elsewhere, no lock.
    private static bool Is64Bit => Environment.Is64BitProcess;

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

    /// <summary><c>struct flock</c> of 64-bit Linux (32 bytes: the offsets are 8-byte aligned).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileLock(short type, long start, long length)
    {
        public short Type = type;
        public short Whence; // SEEK_SET: offsets from the start of the file
        public long Start = start;
        public long Length = length; // 0: to the end of any file
        public int ProcessId;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int descriptor, int command, FileLock* fileLock);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int directory, string path, int flags, uint mask, byte* buffer);
}
