using System.CommandLine;
using System.Text;
using EventDb.Cli.Commands;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;

namespace EventDb.Cli;

/// <summary>
/// The tool: parses the command line, runs the command, and turns every failure into one line on standard error and an
/// exit code (0 ok, 1 error, 2 usage). A stack trace is printed only with <c>EVENTDB_DEBUG=1</c>.
/// </summary>
internal static class Cli
{
    public static int Run(string[] args, CliConsole console, CancellationToken stop = default)
    {
        var root = CommandTree.Build(console, stop);
        using var help = new StreamWriter(console.Out, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 4096, leaveOpen: true) { NewLine = "\n" };
        var invocation = new InvocationConfiguration
        {
            Output = help,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // --follow handles SIGINT and SIGTERM itself (Terminal/StopSignal.cs)
        };
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        try
        {
            if (args.Length == 0)
            {
                root.Parse(["--help"], parser).Invoke(invocation);
                return ExitCodes.Usage;
            }
            var parse = root.Parse(args, parser);
            if (parse.Errors.Count > 0 && !HelpExamples.AsksForHelp(parse))
            {
                var command = parse.CommandResult.Command;
                var name = command == root ? "eventdb" : "eventdb " + command.Name;
                // The last error is the specific one ("Unrecognized command or argument 'x'" after "Required command was not provided").
                return Report(console.Error, $"{parse.Errors[^1].Message} (see '{name} --help')", ExitCodes.Usage);
            }
            return parse.Invoke(invocation);
        }
        catch (Exception ex)
        {
            return Fail(ex, console.Error);
        }
        finally
        {
            try
            {
                help.Flush();
            }
            catch (IOException)
            {
            }
        }
    }

    private static int Fail(Exception ex, TextWriter error)
    {
        if (Environment.GetEnvironmentVariable("EVENTDB_DEBUG") == "1")
            error.WriteLine(ex.ToString());
        return ex switch
        {
            OutputClosedException { ReaderWentAway: true } => ExitCodes.Ok,
            CliException cli => Report(error, cli.Message, cli.ExitCode),
            EventDbException or IOException or UnauthorizedAccessException => Report(error, ex.Message, ExitCodes.Error),
            _ => Report(error, $"internal error: {ex.GetType().Name}: {ex.Message}", ExitCodes.Error),
        };
    }

    private static int Report(TextWriter error, string message, int code)
    {
        ReportError(error, message);
        return code;
    }

    /// <summary>An error as the tool words every one: <c>eventdb: </c> and the message, on one line.</summary>
    public static void ReportError(TextWriter error, string message)
    {
        // Escaped as on a terminal whatever standard error is: a message may quote a file's text, and it is for people.
        error.WriteLine("eventdb: " + TerminalText.Escape(message.ReplaceLineEndings(" ")));
        error.Flush();
    }
}
