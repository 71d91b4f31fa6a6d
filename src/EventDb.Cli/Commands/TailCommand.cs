using System.CommandLine;
using System.Runtime.CompilerServices;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Commands;

/// <summary>
/// <c>eventdb tail PATH TABLE [-n N] [--follow]</c>: the last N rows of any table in id order (the table's own columns),
/// then with <c>--follow</c> each row a writer commits after them, by id: none twice, none skipped. A table without an
/// <c>id</c> column is followed by its rowid.
/// </summary>
internal static class TailCommand
{
    private const int ChunkRows = 4_096;
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);

    public static Command Create(CliConsole console, HelpExamples examples, CancellationToken stop)
    {
        var path = GenericFile.PathArgument();
        var table = new Argument<string>("TABLE") { Description = "The table" };
        var lines = new Option<int>("-n", "--lines") { Description = "How many of the last rows to print first", HelpName = "N", DefaultValueFactory = _ => 10 };
        lines.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
                result.AddError("-n must be 0 or more.");
        });
        var follow = new Option<bool>("--follow", "-f") { Description = "Then print each new row as a writer commits it, until Ctrl-C or SIGTERM" };
        var format = FormatOption.Create();
        var command = new Command("tail", "The last rows of a table, then (--follow) each new one.") { path, table, lines, follow, format };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(table)!, parse.GetValue(lines), parse.GetValue(follow),
            FormatOption.Parse(parse.GetValue(format)), console, stop));
        return examples.Add(command, "eventdb tail results/latest syscall", "eventdb tail run.db write -n 0 --follow --format jsonl");
    }

    private static int Run(string path, string table, int count, bool follow, RowFormat format, CliConsole console, CancellationToken stop)
    {
        using var file = GenericFile.Open(path);
        GenericFile.RequireTable(file, table);
        var source = new TableSource(file, table);
        long? from = source.StartOfLast(count);
        using var output = new OutputSink(console.Out, ownsStream: false, console.IsTerminal);
        var writer = RowWriter.Create(format, output, console.Color);
        writer.Begin(source.Columns);
        long last = long.MinValue;
        if (from is { } first)
        {
            foreach (var row in source.From(first))
            {
                writer.Row(row.AsSpan(0, row.Length - 1));
                last = Key(row);
            }
        }
        if (!follow)
        {
            writer.End();
            return ExitCodes.Ok;
        }
        last = Math.Max(last, source.LastKey());
        using var signal = new StopSignal(stop);
        FollowLoop.Run(New(source, last, signal.Token), row => writer.Row(row.AsSpan(0, row.Length - 1)), writer.Pause, signal.Token);
        writer.End();
        return ExitCodes.Ok;
    }

    private static async IAsyncEnumerable<object?[]> New(TableSource source, long after, [EnumeratorCancellation] CancellationToken stop)
    {
        long seen = long.MinValue;
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            long version = source.DataVersion();
            if (version != seen)
            {
                seen = version;
                List<object?[]> chunk;
                do
                {
                    // A chunk at a time, so no read transaction is held while the rows are printed.
                    chunk = source.After(after, ChunkRows);
                    foreach (var row in chunk)
                    {
                        after = Key(row);
                        yield return row;
                    }
                }
                while (chunk.Count == ChunkRows);
            }
            await Task.Delay(s_poll, stop).ConfigureAwait(false);
        }
    }

    private static long Key(object?[] row) =>
        row[^1] as long? ?? throw new CliException("tail follows a table by its integer id (or rowid); this table's is not an integer.");
}
