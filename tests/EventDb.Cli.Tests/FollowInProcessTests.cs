using EventDb.Cli.Terminal;
using static EventDb.Cli.Tests.PenguinFile;

namespace EventDb.Cli.Tests;

/// <summary>
/// <c>--follow</c> of each Penguin subcommand in this process, against rows added by plain SQL as Penguin's own logger
/// adds them (rollback journal, event row and child row in one transaction): first the matching rows among the last four
/// event ids, then each new matching row once, in id order; a cancelled follow flushes and exits 0.
/// </summary>
public sealed class FollowInProcessTests : IDisposable
{
    private readonly PenguinFile _file = new();

    public void Dispose() => _file.Dispose();

    private sealed class Follow : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<int> _run;
        private readonly StringWriter _error = new();

        public Follow(params string[] args)
        {
            var console = new CliConsole { Out = Output, Error = _error };
            _run = Task.Run(() => Cli.Run(args, console, _stop.Token));
        }

        public SharedOutput Output { get; } = new();

        public void StopAndExpectExit0()
        {
            _stop.Cancel();
            Assert.True(_run.Wait(TimeSpan.FromSeconds(30)), "the follow did not stop");
            Assert.Equal((0, ""), (_run.Result, _error.ToString()));
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    private void Add(Action<SqlFile> rows)
    {
        using var db = SqlFile.Create(_file.DbPath);
        db.Exec("BEGIN");
        rows(db);
        db.Exec("COMMIT");
    }

    [Fact]
    public void Syscalls_FromTheLastFourEventsOn()
    {
        // The last four ids are 13..16 (two writes, a process start and exit): no syscall among them.
        using var follow = new Follow("syscalls", "--results", _file.Results, "--follow");
        Thread.Sleep(300);
        Assert.Equal("", follow.Output.Text);
        Add(db => db.Syscall(17, "httpd", "sys_close", 0, "0x0", (3, "fd=0x3"))
            .Read(18, "httpd", 3, "/etc/passwd", null)
            .Syscall(19, "init", "sys_exit", null, null));
        follow.Output.WaitFor(Text("(httpd) sys_close(fd=0x3(0x3)) = 0(0x0)", "(init) sys_exit() = None(None)"));
        follow.StopAndExpectExit0();
    }

    [Fact]
    public void Writes_LastFourEventsHoldTwoWrites_ThenTheNewMatchingOnes()
    {
        using var follow = new Follow("writes", "--results", _file.Results, "--follow", "--procname", "http");
        follow.Output.WaitFor(Text(NoPrefix(Writes[1]), NoPrefix(Writes[2])));
        Add(db => db.Write(17, "httpd", 1, "/dev/null", [0x41]).Write(18, "init", 1, "/dev/null", [0x42]));
        follow.Output.WaitFor(Text(NoPrefix(Writes[1]), NoPrefix(Writes[2]), "write(1, /dev/null, \"b'A'\")"));
        follow.StopAndExpectExit0();
    }

    [Fact]
    public void Reads_And_Execs_NewRowsOnly()
    {
        using var reads = new Follow("reads", "--results", _file.Results, "--follow", "--fd", "7");
        using var execs = new Follow("execs", "--results", _file.Results, "--follow", "--filename", "telnetd");
        Thread.Sleep(300);
        Add(db => db.Read(17, "telnetd", 7, "socket:[1]", "hi\n"u8.ToArray()).Exec(18, "[?]", "", "['/usr/sbin/telnetd', '-l', '/bin/sh']"));
        reads.Output.WaitFor(Text("(telnetd) read(7, socket:[1], \"b'hi\\n'\")"));
        execs.Output.WaitFor(Text("([?]) Exec: \"['/usr/sbin/telnetd', '-l', '/bin/sh']\" "));
        reads.StopAndExpectExit0();
        execs.StopAndExpectExit0();
    }

    [Fact]
    public void Output_File_IsFlushedWhileFollowing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("follow.txt");
        using var follow = new Follow("fds", "--results", _file.Results, "--follow", "--output", path);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // Events 13..16 hold the writes 13 and 14: their distinct lines, sorted, while the follow still runs.
        while ((File.Exists(path) ? File.ReadAllText(path) : "") != Text(Fds[1], Fds[2]) && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        Assert.Equal(Text(Fds[1], Fds[2]), File.ReadAllText(path));
        follow.StopAndExpectExit0();
    }

    [Fact]
    public void EmptyEventTable_StartsFromTheBeginning()
    {
        using var dir = new TempDirectory();
        using (SqlFile.Penguin(dir.DbPath))
        {
        }
        using var follow = new Follow("tasks", "--results", dir.Path);
        follow.StopAndExpectExit0(); // tasks has no --follow: it just ends
        using var syscalls = new Follow("syscalls", "--results", dir.Path, "--follow");
        Thread.Sleep(300);
        using (var db = SqlFile.Create(dir.DbPath))
            db.Syscall(1, "init", "sys_getpid", 1, "0x1");
        syscalls.Output.WaitFor(Text("(init) sys_getpid() = 1(0x1)"));
        syscalls.StopAndExpectExit0();
    }
}
