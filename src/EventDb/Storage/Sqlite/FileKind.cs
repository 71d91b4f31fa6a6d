using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// What a path names when it is not a regular file (Linux), asked before SQLite opens it: SQLite opens whatever the
/// path names, and <c>open(2)</c> of a named pipe waits for a writer forever, a terminal waits for typing, and a device
/// such as <c>/dev/zero</c> reads as an empty database.
/// </summary>
internal static unsafe partial class FileKind
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1; // STATX_TYPE

    /// <summary>
    /// What <paramref name="path"/> (its symbolic links followed) is, worded for a message ("a named pipe (FIFO)"), or null
    /// when it is a regular file, does not exist, cannot be asked about, or this is not Linux.
    /// </summary>
    public static string? NotARegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        // struct statx is 256 bytes on every architecture; stx_mode is the 16 bits at 28.
        byte* buffer = stackalloc byte[256];
        try
        {
            if (statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0)
                return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a C library older than glibc 2.28
        }
        return (*(ushort*)(buffer + 28) & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "a special file",
        };
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int directory, string path, int flags, uint mask, byte* buffer);
}
