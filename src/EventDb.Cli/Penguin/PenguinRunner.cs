using System.Globalization;
using EventDb.Cli.Commands;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;
using EventDb.Penguin;

namespace EventDb.Cli.Penguin;

/// <summary>
/// Runs Penguin's <c>db</c> subcommands on <c>plugins.db</c>: find the file, check it has the tables, then open the output
/// (so a missing or foreign file leaves an <c>--output</c> file untouched) and stream the lines.
/// </summary>
internal static class PenguinRunner
{
    /// <summary>
    /// <c>execs</c>, <c>reads</c>, <c>writes</c>, <c>syscalls</c>: every matching row in id order (what Penguin's
    /// unordered SELECT gives in practice), up to the last id present at the start, read in chunks that hold no read of
    /// the file while the lines are printed; with <c>--follow</c>, then each new one as it is committed.
    /// </summary>
    public static int Rows<T>(PenguinFlags flags, Condition? where, Func<T, bool, PenguinLine> line, CliConsole console, CancellationToken stop)
        where T : struct, IEventTable<T>
    {
        // A follow stops on SIGINT and SIGTERM from the start, even while --output waits for a named pipe's reader.
        using var signal = flags.Follow ? new StopSignal(StopSignal.Grace, stop) : null;
        using var file = PenguinDatabase.Open(flags.Results);
        var rows = file.ReadWithIds<T>(new RowSelection { Where = where }); // checks the tables before any output
        long followFrom = flags.Follow ? PenguinDatabase.FollowStart(file) : 0;
        using var output = Open(flags.Output, file, console);
        var printer = new PenguinPrinter(output, Colored(output, console));
        bool withProcname = flags.RowsWithProcname;
        if (signal is null)
        {
            foreach (var (_, row) in rows)
                printer.Print(line(row, withProcname));
            printer.Flush();
            return ExitCodes.Ok;
        }
        FollowLoop.Run(file.FollowWithIds<T>(followFrom, where, signal.Token), row => printer.Print(line(row.Event, withProcname)), printer.Flush, output, signal.Token);
        return ExitCodes.Ok;
    }

    /// <summary><c>tasks</c>: each distinct <c>event.procname</c> once, in the order of its first (lowest) id.</summary>
    public static int Tasks(PenguinFlags flags, CliConsole console)
    {
        using var file = PenguinDatabase.Open(flags.Results);
        GenericFile.RequireTable(file, "event");
        var events = file.ReadTable("event");
        int procname = ProcnameColumn(events.Columns, file);
        using var output = Open(flags.Output, file, console);
        var printer = new PenguinPrinter(output, color: false);
        var seen = new HashSet<string?>(StringComparer.Ordinal);
        foreach (var row in events)
        {
            var name = row[procname] is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
            if (seen.Add(name))
                printer.Print(PenguinLine.Task(name));
        }
        printer.Flush();
        return ExitCodes.Ok;
    }

    private static int ProcnameColumn(IReadOnlyList<string> columns, EventFile file)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], "procname", StringComparison.OrdinalIgnoreCase))
                return i;
        }
        throw new CliException($"'{file.FilePath}' has no column 'event.procname', which tasks needs.");
    }

    /// <summary>
    /// <c>fds</c>: the distinct (procname, fd, fname) of the matching writes, sorted as Python sorts the tuples. With
    /// <c>--follow</c>, each batch of new writes (what one poll finds) prints its own sorted distinct lines, as Penguin's.
    /// </summary>
    public static int Fds(PenguinFlags flags, CliConsole console, CancellationToken stop)
    {
        var where = PenguinFilters.Fds(flags);
        using var signal = flags.Follow ? new StopSignal(StopSignal.Grace, stop) : null;
        using var file = PenguinDatabase.Open(flags.Results);
        var rows = file.ReadWithIds<Write>(new RowSelection { Where = where });
        long followFrom = flags.Follow ? PenguinDatabase.FollowStart(file) : 0;
        using var output = Open(flags.Output, file, console);
        var printer = new PenguinPrinter(output, Colored(output, console));
        bool withProcname = flags.FdsWithProcname;
        var batch = new SortedSet<FdKey>();
        void PrintBatch()
        {
            foreach (var key in batch)
                printer.Print(PenguinLine.Fd(key, withProcname));
            batch.Clear();
            printer.Flush();
        }
        if (signal is null)
        {
            foreach (var (_, write) in rows)
                batch.Add(Key(write));
            PrintBatch();
            return ExitCodes.Ok;
        }
        FollowLoop.Run(file.FollowWithIds<Write>(followFrom, where, signal.Token), row => batch.Add(Key(row.Event)), PrintBatch, output, signal.Token);
        return ExitCodes.Ok;
    }

    private static FdKey Key(in Write write) => new(write.Procname ?? "[?]", write.Fd, write.Fname);

    private static OutputSink Open(string? output, EventFile file, CliConsole console) =>
        OutputSink.IsStandardOutput(output) ? OutputSink.StandardOutput(console) : OutputSink.CreateFile(output!, file);

    private static bool Colored(OutputSink output, CliConsole console) => output.IsTerminal && console.Color;
}
