using System.CommandLine;
using EventDb.Cli.Output;
using EventDb.Cli.Report;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Commands;

/// <summary>
/// <c>eventdb report RUN [--compare OTHER_RUN] [-o report.html]</c>: one self-contained HTML page that shows a run at
/// a glance (and what changed since another run), built from aggregate reads; the page is written only once both runs
/// are read, so a failure leaves no half page and an existing file untouched.
/// </summary>
internal static class ReportCommand
{
    public const string DefaultOutput = "report.html";

    public static Command Create(CliConsole console, HelpExamples examples)
    {
        var run = new Argument<string>("RUN") { Description = "An EventDb file, or a directory holding plugins.db" };
        var compare = OptionFactory.Text("--compare", "OTHER_RUN", "Another run (file or directory) to compare with: what appeared, disappeared and changed, new failures first");
        var output = OptionFactory.Text("--output", "FILE", $"The HTML file to write (default {DefaultOutput}; - for standard output)");
        output.Aliases.Add("-o");
        var command = new Command("report", "Write one self-contained HTML page that shows a run at a glance: failures, paths not found, processes, activity, syscalls, file I/O, tables.")
        {
            run, compare, output,
        };
        command.SetAction(parse => Run(parse.GetValue(run)!, parse.GetValue(compare), parse.GetValue(output), console));
        return examples.Add(command,
            "eventdb report results/latest",
            "eventdb report results/latest --compare results/previous -o changes.html",
            "eventdb report run.db -o - > run.html");
    }

    /// <summary>Now, or SOURCE_DATE_EPOCH (seconds) when set, the reproducible-builds convention: the same run then gives the same page.</summary>
    private static DateTimeOffset GeneratedAt() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long seconds)
            && seconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UtcNow;

    private static int Run(string runPath, string? comparePath, string? output, CliConsole console)
    {
        if (string.IsNullOrEmpty(output))
            output = DefaultOutput;
        using var file = GenericFile.Open(runPath);
        using var other = string.IsNullOrEmpty(comparePath) ? null : GenericFile.Open(comparePath);
        var summary = RunReader.Read(file);
        var before = other is null ? null : RunReader.Read(other);
        var page = ReportPage.Render(summary, before, GeneratedAt());

        if (OutputSink.IsStandardOutput(output))
        {
            using var stdout = OutputSink.StandardOutput(console); // -o - on a terminal: escaped like every command's output
            stdout.Write(page);
            stdout.Flush();
            return ExitCodes.Ok;
        }
        if (other is not null && other.IsFileOrItsJournal(output))
            throw new CliException($"Cannot write '{output}': it is the database being read ('{other.FilePath}'); name another --output file.");
        using (var sink = OutputSink.CreateFile(output, file))
        {
            sink.Write(page);
            sink.Flush();
        }
        // What was written, on standard error: standard output stays free for the page itself (-o -).
        console.Error.WriteLine($"eventdb: wrote {output} ({Html.Bytes(new FileInfo(output).Length)})");
        return ExitCodes.Ok;
    }
}
