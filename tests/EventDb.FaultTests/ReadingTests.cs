using System.Diagnostics;
using System.Globalization;
using EventDb.Penguin;

namespace EventDb.FaultTests;

/// <summary>Reading for real: from read-only media, while another process writes, and with the sqlite3 shell.</summary>
public sealed class ReadingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private void WriteSyscalls(int count, bool seal)
    {
        using var log = EventLogger.Open(new EventLoggerOptions { Directory = _dir.Path, Tables = PenguinTables.All, SealOnClose = seal });
        for (int i = 0; i < count; i++)
            log.Add(new Syscall { Name = "sys_read", Arg0 = (ulong)i, Procname = "httpd", ProcId = i });
    }

    [Fact]
    public void SealedFile_OnReadOnlyMedia_ReadsWithEventFileAndTheSqlite3Shell()
    {
        var media = _dir.MountTmpfs("16m");
        WriteSyscalls(5_000, seal: true);
        media.RemountReadOnly();

        using (var file = EventFile.OpenRead(_dir.DbPath))
        {
            Assert.Equal(5_000, file.Count<Syscall>());
            Assert.Equal(4_999UL, file.Read<Syscall>().Last().Arg0);
        }
        var shell = Process.Start(new ProcessStartInfo("sqlite3", ["-readonly", _dir.DbPath, "SELECT count(*) FROM syscall JOIN event USING (id)"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string output = shell.StandardOutput.ReadToEnd().Trim();
        string error = shell.StandardError.ReadToEnd();
        shell.WaitForExit();
        Assert.True(shell.ExitCode == 0, $"sqlite3 exited {shell.ExitCode}: {error}");
        Assert.Equal("5000", output);
    }

    [Fact]
    public void WalModeFile_OnReadOnlyMedia_ReadsWhenNoWalIsLeft()
    {
        var media = _dir.MountTmpfs("16m");
        WriteSyscalls(1_000, seal: false); // WAL mode in the header, no -wal file after the clean close
        media.RemountReadOnly();

        using var file = EventFile.OpenRead(_dir.DbPath);
        Assert.Equal(1_000, file.Count<Syscall>());
    }

    [Fact]
    public void Open_ForWritingOnReadOnlyMedia_FailsWithSqliteReadOnlyAsBothCodes()
    {
        var media = _dir.MountTmpfs("16m");
        WriteSyscalls(10, seal: true);
        media.RemountReadOnly();

        var ex = Assert.ThrowsAny<EventDbException>(() => EventLogger.Open(new EventLoggerOptions { Directory = _dir.Path, Tables = PenguinTables.All }));

        Assert.Contains(_dir.DbPath, ex.Message, StringComparison.Ordinal);
        // SQLite gives no detail for a read-only file system: the extended code is the primary one.
        Assert.Equal((SQLitePCL.raw.SQLITE_READONLY, SQLitePCL.raw.SQLITE_READONLY), (ex.SqliteErrorCode, ex.SqliteExtendedErrorCode));
    }

    [Fact]
    public async Task Follow_WriterInAnotherProcess_YieldsItsSyscallsOnceEachInOrder()
    {
        using var child = ChildProcess.Start("EventDb.FaultChild", "produce", _dir.Path, Path.Combine(_dir.Path, "accepted.count"));
        child.WaitForLine("ready", TimeSpan.FromSeconds(60));
        using var file = EventFile.OpenRead(_dir.DbPath);
        file.PollInterval = TimeSpan.FromMilliseconds(20);
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // The child adds event k as a syscall with arg0 = k when k is even: the follower must see 0, 2, 4, ... in order.
        const int Wanted = 200_000;
        long expected = 0, lastId = 0;
        await foreach (var (id, syscall) in file.FollowWithIds<Syscall>(cancellationToken: enough.Token))
        {
            Assert.Equal((ulong)expected, syscall.Arg0);
            Assert.True(id > lastId, $"id {id} after {lastId}");
            (expected, lastId) = (expected + 2, id);
            if (expected == 2 * Wanted)
                break;
        }
        child.Signal(ChildProcess.SigKill);
        child.WaitForExit(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Count_WhileAnotherProcessWrites_OnlyGrowsAndNeverFails()
    {
        using var child = ChildProcess.Start("EventDb.FaultChild", "produce", _dir.Path, Path.Combine(_dir.Path, "accepted.count"));
        child.WaitForLine("ready", TimeSpan.FromSeconds(60));
        using var file = EventFile.OpenRead(_dir.DbPath);
        long previous = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(3))
        {
            long now = file.Count<Syscall>() + file.Count<Write>();
            Assert.True(now >= previous, string.Create(CultureInfo.InvariantCulture, $"the count went from {previous} back to {now}"));
            previous = now;
        }
        child.Signal(ChildProcess.SigKill);
        child.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(previous > 10_000, $"only {previous} rows were seen");
    }
}
