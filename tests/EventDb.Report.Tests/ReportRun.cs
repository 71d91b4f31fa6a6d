using System.Text;
using EventDb.Cli;
using EventDb.Cli.Terminal;

namespace EventDb.Report.Tests;

/// <summary><c>eventdb report</c> run in this process: exit code, the page written, what it printed.</summary>
internal sealed record ReportRun(int Exit, string Out, string Err, string Html, string HtmlPath)
{
    public static ReportRun Of(string directory, params string[] args)
    {
        var htmlPath = Path.Combine(directory, $"report-{Guid.NewGuid():N}.html");
        using var output = new MemoryStream();
        using var error = new StringWriter();
        int exit = Cli.Cli.Run(["report", .. args, "-o", htmlPath], new CliConsole { Out = output, Error = error });
        return new ReportRun(exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString(), File.Exists(htmlPath) ? File.ReadAllText(htmlPath) : "", htmlPath);
    }

    /// <summary>Runs <c>eventdb ARGS</c> as given (no -o added).</summary>
    public static (int Exit, string Out, string Err) Raw(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        int exit = Cli.Cli.Run(args, new CliConsole { Out = output, Error = error });
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
