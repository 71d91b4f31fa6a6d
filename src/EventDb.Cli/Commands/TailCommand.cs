using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Commands;

/// <summary>
/// <c>eventdb tail PATH TABLE [-n N] [--follow]</c>: the last N rows of any table in id order (the table's own columns),
/// then with <c>--follow</c> each row a writer commits after them, by id: none twice, none skipped. A table without an
/// <c>id</c> column is followed by its rowid. Both are <see cref="EventFile"/>'s table reads.
/// </summary>
internal static class TailCommand
{
    public static Command Create(CliConsole console, HelpExamples examples, CancellationToken stop)
    {
        var path = GenericFile.PathArgument();
        var table = new Argument<string>("TABLE") { Description = "The table" };
        var lines = new Option<int>("-n", "--lines")
        {
            Description = "How many of the last rows to print first",
            HelpName = "N",
            DefaultValueFactory = _ => 10,
            CustomParser = ParseLineCount,
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Then print each new row as a writer commits it, until Ctrl-C or SIGTERM" };
        var format = FormatOption.Create();
        var command = new Command("tail", "The last rows of a table, then (--follow) each new one.") { path, table, lines, follow, format };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(table)!, parse.GetValue(lines), parse.GetValue(follow),
            FormatOption.Parse(parse.GetValue(format)), console, stop));
        return examples.Add(command, "eventdb tail results/latest syscall", "eventdb tail run.db write -n 0 --follow --format jsonl");
    }

    /// <summary>
    /// Digits only, within an int: the parser's own conversion error names .NET's type, and a validator reading a value
    /// that did not convert throws.
    /// </summary>
    private static int ParseLineCount(ArgumentResult result)
    {
        string text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            return count;
        result.AddError($"-n must be a whole number from 0 to {int.MaxValue}, not '{text}'.");
        return 0;
    }

    private static int Run(string path, string table, int count, bool follow, RowFormat format, CliConsole console, CancellationToken stop)
    {
        using var signal = follow ? new StopSignal(StopSignal.Grace, stop) : null;
        using var file = GenericFile.Open(path);
        GenericFile.RequireTable(file, table);
        // The last rows up to the largest id now, then (--follow) everything after it: none twice, none skipped.
        long through = file.LastId(table) ?? long.MinValue;
        var rows = file.ReadTable(table, new RowSelection { ThroughId = through, Last = count });
        using var output = OutputSink.StandardOutput(console);
        var writer = RowWriter.Create(format, output, console.Color);
        writer.Begin(rows.Columns);
        foreach (var row in rows)
        {
            if (signal is { Token.IsCancellationRequested: true })
                break;
            writer.Row(row);
        }
        if (signal is { Token.IsCancellationRequested: false })
            FollowLoop.Run(file.FollowTable(table, afterId: through, cancellationToken: signal.Token), row => writer.Row(row), writer.Pause, output, signal.Token);
        writer.End();
        return ExitCodes.Ok;
    }
}
