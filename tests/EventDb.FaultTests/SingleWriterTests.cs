using System.Diagnostics;
using System.Globalization;

namespace EventDb.FaultTests;

/// <summary>
/// One writer per file: a second Open fails at once naming the holder; readers (SQLite's, .NET's file streams) are
/// unaffected and do not stop a writer; no stale lock.
/// </summary>
public sealed class SingleWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_FileAnotherLoggerInThisProcessWrites_FailsAtOnceNamingFileAndThisProcess()
    {
        using var first = EventLogger.Open(_dir.Options());
        Producers.AddNumbered(first, 0, 0, 100);

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options()));

        Assert.Contains(_dir.DbPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"another EventLogger in this process (pid {Environment.ProcessId})", ex.Message, StringComparison.Ordinal);
        first.Dispose();
        Assert.Equal(100, first.WrittenEvents); // the refused Open took nothing from the first
        using var second = EventLogger.Open(_dir.Options()); // free once the first is disposed
        Producers.AddNumbered(second, 1, 0, 100);
        second.Dispose();
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(200, db.Long("SELECT count(DISTINCT id) FROM numbered"));
    }

    [Fact]
    public void Open_ThroughASymlinkedDirectory_IsTheSameFileAndIsRefused()
    {
        using var first = EventLogger.Open(_dir.Options());
        string link = _dir.Path + "-link";
        File.CreateSymbolicLink(link, _dir.Path);
        try
        {
            var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options() with { Directory = link }));
            Assert.Contains("already open for writing", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void Open_FileAnotherProcessWrites_FailsNamingItsPidReadersAreUnaffectedAndKillNineFreesIt()
    {
        using var holder = ChildProcess.Start("EventDb.FaultChild", "hold", _dir.Path);
        holder.WaitForLine("ready", TimeSpan.FromSeconds(60));

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options() with { Tables = Penguin.PenguinTables.All }));
        Assert.Contains($"process {holder.Id}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.DbPath, ex.Message, StringComparison.Ordinal);
        using (var reader = _dir.OpenRaw(readOnly: true))
            Assert.Equal(0, reader.Long("SELECT count(*) FROM event")); // a reader needs no writer lock

        holder.Signal(ChildProcess.SigKill);
        holder.WaitForExit(TimeSpan.FromSeconds(30));

        using var log = EventLogger.Open(_dir.Options() with { Tables = Penguin.PenguinTables.All });
        log.Add(new Penguin.Syscall { Name = "after the holder died" });
        log.Flush();
        Assert.Equal(1, log.WrittenEvents);
    }

    [Fact]
    public void Open_ThroughAHardLink_IsTheSameFileAndIsRefused()
    {
        using var first = EventLogger.Open(_dir.Options());
        Run("ln", _dir.DbPath, _dir.DbPath + "-hardlink");
        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options() with { FileName = "plugins.db-hardlink" }));
        Assert.Contains("already open for writing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriterLock_IsAnOpenFileDescriptionLockBeyondEveryByteSqliteUses_NotAnFlock()
    {
        using var log = EventLogger.Open(_dir.Options());
        Producers.AddNumbered(log, 0, 0, 10);
        log.Flush();

        var stat = new FileInfo(_dir.DbPath);
        Assert.True(stat.Length < 1 << 20, "the file is far smaller than the lock's offset");
        string inode = Inode(_dir.DbPath);
        var locks = File.ReadAllLines("/proc/locks").Where(l => l.Contains(inode, StringComparison.Ordinal)).ToList();
        // "1: OFDLCK ADVISORY  WRITE -1 fe:00:1234 4611686018427387904 4611686018427387904+pid"
        var writer = Assert.Single(locks, l => l.Contains("OFDLCK", StringComparison.Ordinal));
        var fields = writer.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("WRITE", fields[3]);
        Assert.Equal((1L << 62).ToString(CultureInfo.InvariantCulture), fields[6]);
        Assert.Equal((1L << 62) + Environment.ProcessId, long.Parse(fields[7], CultureInfo.InvariantCulture));
        Assert.DoesNotContain(locks, l => l.Contains("FLOCK", StringComparison.Ordinal));
        Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options()));

        log.Dispose();
        Assert.DoesNotContain(File.ReadAllLines("/proc/locks"), l => l.Contains(inode, StringComparison.Ordinal));
    }

    [Fact]
    public void DotNetProgramInAnotherProcess_WhileALoggerWrites_CopiesAndReadsTheFile()
    {
        using var log = EventLogger.Open(_dir.Options());
        using var stop = new CancellationTokenSource();
        var producer = new Thread(() =>
        {
            for (long seq = 0; !stop.IsCancellationRequested; seq++)
                log.Add(new Numbered { Producer = 0, Seq = seq });
        });
        producer.Start();
        while (log.WrittenEvents < 10_000)
            Thread.Sleep(10);

        string copy = System.IO.Path.Combine(_dir.Path, "copy.db");
        using var reader = ChildProcess.Start("EventDb.FaultChild", "read-file", _dir.DbPath, copy);
        int exit = reader.WaitForExit(TimeSpan.FromSeconds(60));
        string output = reader.RestOfOutput();
        long writtenMeanwhile = log.WrittenEvents;
        stop.Cancel();
        producer.Join();

        Assert.True(exit == 0, $"the .NET reader failed beside the writer:\n{output}{reader.StandardError}");
        Assert.Equal(["File.Copy", "File.ReadAllBytes", "File.OpenRead", "FileStream"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]));
        Assert.StartsWith("SQLite format 3\0", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(copy), 0, 16), StringComparison.Ordinal);
        log.Dispose();
        Assert.True(log.WrittenEvents > writtenMeanwhile, "the logger went on writing");
    }

    [Fact]
    public void Open_WhileADotNetProgramHoldsTheClosedFileOpenForReading_Writes()
    {
        using (var first = EventLogger.Open(_dir.Options()))
            Producers.AddNumbered(first, 0, 0, 100);
        using var backup = ChildProcess.Start("EventDb.FaultChild", "hold-stream", _dir.DbPath);
        backup.WaitForLine("ready", TimeSpan.FromSeconds(60));

        using (var log = EventLogger.Open(_dir.Options()))
        {
            Producers.AddNumbered(log, 1, 0, 100);
            log.Flush();
            Assert.Equal(100, log.WrittenEvents);
        }

        backup.StandardInput.Close();
        Assert.Equal(0, backup.WaitForExit(TimeSpan.FromSeconds(30)));
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(200, db.Long("SELECT count(*) FROM numbered"));
    }

    [Fact]
    public void EventFile_OfAFileAnotherProcessWrites_NamesThatProcessAsTheWriter()
    {
        using var holder = ChildProcess.Start("EventDb.FaultChild", "hold", _dir.Path);
        holder.WaitForLine("ready", TimeSpan.FromSeconds(60));
        using (var file = EventFile.OpenRead(_dir.DbPath))
            Assert.Equal(holder.Id, file.WriterProcessId);

        holder.StandardInput.Close();
        Assert.Equal(0, holder.WaitForExit(TimeSpan.FromSeconds(30)));
        using var after = EventFile.OpenRead(_dir.DbPath);
        Assert.Null(after.WriterProcessId);
    }

    [Fact]
    public void Open_FileAWriterInAnotherPidNamespaceHolds_NamesItAsThisNamespaceNumbersIt()
    {
        // unshare needs root, as CI runs. The writer is process 1 in its namespace (and its lock says 1), init here.
        using var holder = ChildProcess.StartUnder(["unshare", "--pid", "--fork", "--mount-proc"], null, "EventDb.FaultChild", "hold", _dir.Path);
        holder.WaitForLine("ready", TimeSpan.FromSeconds(60));
        int writer = int.Parse(Run("pgrep", "-P", holder.Id.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture); // unshare's child

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options() with { Tables = Penguin.PenguinTables.All }));

        Assert.NotEqual(1, writer);
        Assert.Contains($"already open for writing by process {writer}.", ex.Message, StringComparison.Ordinal);
        using (var file = EventFile.OpenRead(_dir.DbPath))
            Assert.Equal(writer, file.WriterProcessId);
        holder.StandardInput.Close();
        Assert.Equal(0, holder.WaitForExit(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("ofd")]
    public void Open_WhileAnotherProgramLocksTheWholeFileWithFcntl_FailsSayingWhatItKnows(string kind)
    {
        using (EventLogger.Open(_dir.Options()))
        {
        }
        // A shared lock from byte 0 to the end of any file: SQLite could not take its write locks either.
        using var locker = Python(kind == "classic"
            ? "fcntl.lockf(f, fcntl.LOCK_SH)"
            : "fcntl.fcntl(f, 37, struct.pack('hhqqi4x', fcntl.F_RDLCK, 0, 0, 0, 0))");

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options()));

        Assert.Contains($"the whole of '{_dir.DbPath}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(kind == "classic" ? $"Process {locker.Id} " : "the kernel names none", ex.Message, StringComparison.Ordinal);
        locker.StandardInput.Close();
        locker.WaitForExit();
        using var log = EventLogger.Open(_dir.Options()); // free again
    }

    /// <summary>Python holding <paramref name="lockCall"/> on the file (open for reading as <c>f</c>) until its input closes.</summary>
    private Process Python(string lockCall)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"import fcntl, struct, sys\nf = open(sys.argv[1], 'rb')\n{lockCall}\nprint('ready', flush=True)\nsys.stdin.read()");
        start.ArgumentList.Add(_dir.DbPath);
        var process = Process.Start(start)!;
        Assert.Equal("ready", process.StandardOutput.ReadLine());
        return process;
    }

    /// <summary>The inode as <c>/proc/locks</c> shows it (<c>fe:00:1234</c>), with the colon before and the space after.</summary>
    private static string Inode(string path) => ":" + Run("stat", "-c", "%i", path) + " ";

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
