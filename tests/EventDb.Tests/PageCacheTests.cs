using System.Runtime.InteropServices;
using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>
/// <see cref="EventLoggerOptions.KeepWrittenPagesCached"/>: by default the checkpointed part of the file leaves the
/// OS page cache; with the option set it stays. Measured with mincore(2) on the real file (Linux, where CI runs).
/// </summary>
public sealed partial class PageCacheTests : IDisposable
{
    private const int Events = 48_000;
    private const int EventsPerFlush = 6_000;
    // Beside the test binaries, on the checkout's disk: a tmpfs temp folder has no page cache to drop (its pages are the file).
    private readonly TempDirectory _dir = new(AppContext.BaseDirectory);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Default_DropsCheckpointedPagesFromTheOsCache()
    {
        WriteAbout50MiB(_dir.Options());

        double cached = CachedFraction(_dir.DbPath);
        Assert.True(cached < 0.5, $"{cached:P0} of the file is still in the page cache");
    }

    [Fact]
    public void KeepWrittenPagesCached_LeavesTheFileInTheOsCache()
    {
        WriteAbout50MiB(_dir.Options() with { KeepWrittenPagesCached = true });

        double cached = CachedFraction(_dir.DbPath);
        Assert.True(cached > 0.9, $"only {cached:P0} of the file is in the page cache");
    }

    [Fact]
    public void Default_AdvisesThroughSqlitesOwnDescriptor_OpeningNoneOfItsOwn()
    {
        // A second descriptor, once closed, would drop every POSIX lock this process holds on the file (SQLite's too).
        // Tables up front: a table created on first Add uses a short-lived connection whose descriptor SQLite keeps
        // open (deferred close, for the same lock reason) and would be counted here.
        using var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All });
        log.Add(new Write { Fd = 1, Fname = "/dev/ttyS0", Procname = "sh", ProcId = 1 });
        log.Flush();

        Assert.Equal(2, DescriptorsOf(_dir.DbPath)); // the writer's connection and the checkpointer's
    }

    private static int DescriptorsOf(string path)
    {
        int count = 0;
        foreach (var descriptor in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (File.ResolveLinkTarget(descriptor, returnFinalTarget: false)?.FullName == path)
                    count++;
            }
            catch (IOException)
            {
                // closed while we looked (another test's file, a pipe)
            }
        }
        return count;
    }

    private static void WriteAbout50MiB(EventLoggerOptions options)
    {
        Assert.True(OperatingSystem.IsLinux(), "posix_fadvise and mincore are Linux calls; CI runs on Linux");
        var buffer = new byte[1000];
        Random.Shared.NextBytes(buffer); // incompressible, so page counts follow event counts
        using (var log = EventLogger.Open(options))
        {
            for (int i = 0; i < Events; i++)
            {
                log.Add(new Write { Fd = 1, Fname = "/dev/ttyS0", Buffer = buffer, Procname = "sh", ProcId = i });
                if (i % EventsPerFlush == EventsPerFlush - 1)
                    log.Flush();
            }
        }
        Assert.True(new FileInfo(options.Directory + "/plugins.db").Length > 40L << 20, "the file should hold ~50 MiB");
    }

    /// <summary>The fraction of the file's pages resident in the page cache (what fincore(1) prints).</summary>
    private static double CachedFraction(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long length = RandomAccess.GetLength(file);
        nint map = mmap(0, (nuint)length, ProtRead, MapShared, (int)file.DangerousGetHandle(), 0);
        Assert.NotEqual(-1, map);
        try
        {
            long pageSize = Environment.SystemPageSize;
            var resident = new byte[(length + pageSize - 1) / pageSize];
            Assert.Equal(0, mincore(map, (nuint)length, resident));
            return resident.Count(b => (b & 1) != 0) / (double)resident.Length;
        }
        finally
        {
            _ = munmap(map, (nuint)length);
        }
    }

    private const int ProtRead = 1;
    private const int MapShared = 1;

    [LibraryImport("libc")]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc")]
    private static partial int munmap(nint address, nuint length);

    [LibraryImport("libc")]
    private static partial int mincore(nint address, nuint length, [Out] byte[] vector);
}
