using System.CommandLine;
using EventDb.Cli.Penguin;
using EventDb.Cli.Terminal;
using EventDb.Penguin;

namespace EventDb.Cli.Commands;

/// <summary>
/// Penguin's <c>db</c> subcommands with its options, help texts and order (rehosting/penguin
/// <c>pengutils/utils/cli_db.py</c>); <c>--results</c> defaults to <c>results/latest</c>.
/// </summary>
internal static class PenguinCommands
{
    public static IEnumerable<Command> Create(CliConsole console, HelpExamples examples, CancellationToken stop)
    {
        yield return examples.Add(Rows<Exec>("execs", "Query execution events.", PenguinFilters.Execs, static (e, p) => PenguinLine.Of(in e, p), console, stop, fd: true, filename: true),
            "eventdb execs", "eventdb execs --filename httpd            # argv contains httpd", "eventdb execs --results runs/3 --output execs.txt");
        yield return examples.Add(Fds(console, stop),
            "eventdb fds", "eventdb fds --procname httpd --fd 3", "eventdb fds --follow");
        yield return examples.Add(Rows<Read>("reads", "Query file read events.", PenguinFilters.Reads, static (e, p) => PenguinLine.Of(in e, p), console, stop, fd: true, filename: true),
            "eventdb reads --filename /etc/", "eventdb reads --procname httpd --fd 5", "eventdb reads --follow --output reads.log");
        yield return examples.Add(Rows<Syscall>("syscalls", "Query syscall events.", PenguinFilters.Syscalls, static (e, p) => PenguinLine.Of(in e, p), console, stop, syscall: true),
            "eventdb syscalls --procname httpd --errors", "eventdb syscalls --syscall open        # sys_open, sys_openat, ...", "eventdb syscalls --results results/3 --follow");
        yield return examples.Add(Tasks(console),
            "eventdb tasks", "eventdb tasks --results results/3 --output tasks.txt");
        yield return examples.Add(Rows<Write>("writes", "Query file write events.", PenguinFilters.Writes, static (e, p) => PenguinLine.Of(in e, p), console, stop, fd: true, filename: true),
            "eventdb writes --fd 1", "eventdb writes --filename /dev/ttyS --follow");
    }

    private static Command Rows<T>(string name, string description, Func<PenguinFlags, Condition?> filter, Func<T, bool, PenguinLine> line,
        CliConsole console, CancellationToken stop, bool fd = false, bool filename = false, bool syscall = false)
        where T : struct, IEventTable<T>
    {
        var options = new PenguinOptions(fd, filename, syscall, follow: true);
        var command = options.AddTo(new Command(name, description));
        command.SetAction(parse =>
        {
            var flags = options.Read(parse);
            return PenguinRunner.Rows(flags, filter(flags), line, console, stop);
        });
        return command;
    }

    private static Command Fds(CliConsole console, CancellationToken stop)
    {
        var options = new PenguinOptions(fd: true, filename: false, syscall: false, follow: true, fdHelp: "file descriptor number to filter");
        var command = options.AddTo(new Command("fds", "Query file descriptor write events (unique combinations)."));
        command.SetAction(parse => PenguinRunner.Fds(options.Read(parse), console, stop));
        return command;
    }

    private static Command Tasks(CliConsole console)
    {
        var options = new PenguinOptions(fd: false, filename: false, syscall: false, follow: false, procname: false);
        var command = options.AddTo(new Command("tasks", "Query and list unique process names (tasks)."));
        command.SetAction(parse => PenguinRunner.Tasks(options.Read(parse), console));
        return command;
    }
}
