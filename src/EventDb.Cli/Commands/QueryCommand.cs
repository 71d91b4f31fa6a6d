using System.CommandLine;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Commands;

/// <summary>
/// <c>eventdb query PATH SQL [--format ...]</c>: one SQL statement on a read-only connection, rows printed as they are
/// read (a statement that would write fails).
/// </summary>
internal static class QueryCommand
{
    public static Command Create(CliConsole console, HelpExamples examples)
    {
        var path = GenericFile.PathArgument();
        var sql = new Argument<string>("SQL") { Description = "One SQL statement (read-only)" };
        var format = FormatOption.Create();
        var command = new Command("query", "Run a read-only SQL query and print its rows.") { path, sql, format };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(sql)!;
            if (string.IsNullOrWhiteSpace(text))
                throw CliException.Usage("query: the SQL is empty.");
            using var file = GenericFile.Open(parse.GetValue(path)!);
            using var rows = file.Query(text);
            var rowFormat = FormatOption.Parse(parse.GetValue(format));
            // CSV prints text as its bytes, as the sqlite3 shell does, even bytes that are not UTF-8.
            rows.TextAsUtf8Bytes = rowFormat == RowFormat.Csv;
            if (rows.Columns.Count == 0)
            {
                // A statement without a result (BEGIN, REINDEX): run it, print nothing, as the sqlite3 shell does.
                foreach (var _ in rows)
                {
                }
                return ExitCodes.Ok;
            }
            using var output = OutputSink.StandardOutput(console);
            var writer = RowWriter.Create(rowFormat, output, console.Color);
            writer.Begin(rows.Columns);
            foreach (var row in rows)
                writer.Row(row);
            writer.End();
            return ExitCodes.Ok;
        });
        return examples.Add(command,
            "eventdb query results/latest \"select name, count(*) from syscall group by 1 order by 2 desc\"",
            "eventdb query run.db \"select * from syscall where retno < 0\" --format csv > errors.csv",
            "eventdb query run.db \"select procname, count(*) n from event group by 1\" --format jsonl");
    }
}
