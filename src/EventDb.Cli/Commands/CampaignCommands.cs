using System.CommandLine;
using EventDb.Cli.Terminal;
#if CAMPAIGN
using System.Text;
using EventDb.Export;
using EventDb.Penguin;
#endif

namespace EventDb.Cli.Commands;

/// <summary>
/// <c>eventdb export RUN... --to CORPUS</c> and <c>eventdb campaign CORPUS "SQL"</c>: the command-line faces of
/// EventDb.Export (docs/campaign.md), which does the work and words the output. The native binary is built without
/// them (see EventDb.Cli.csproj) and says where they are.
/// </summary>
internal static class CampaignCommands
{
#if CAMPAIGN
    public static Command Export(CliConsole console, HelpExamples examples, CancellationToken stop)
    {
        var runs = new Argument<string[]>("RUN") { Description = "Run directories (holding plugins.db) or database files", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to") { Description = "The corpus directory (created when missing)", HelpName = "CORPUS", Required = true };
        var runId = new Option<string?>("--run-id") { Description = "The run id, for a single run (default: the run directory's name)", HelpName = "ID" };
        var force = new Option<bool>("--force") { Description = "Export again even when the run is unchanged since its last export" };
        var command = new Command("export", "Export runs to a Parquet corpus: CORPUS/table=<table>/run=<run id>/part-<n>.parquet.") { runs, to, runId, force };
        command.SetAction(parse =>
        {
            var options = new ExportOptions
            {
                RunId = parse.GetValue(runId),
                Force = parse.GetValue(force),
                Schemas = PenguinTables.All, // typed from the compiled model (ulong columns as UINT64) when a table matches
            };
            using var output = Writer(console);
            return ExportCommand.Run(parse.GetValue(runs)!, parse.GetValue(to)!, options, output, console.Error,
                progressBar: console.IsTerminal && !Console.IsErrorRedirected, stop);
        });
        return examples.Add(command,
            "eventdb export results/run-0001 results/run-0002 --to corpus",
            "eventdb export results/*/ --to /data/corpus",
            "eventdb export plugins.db --run-id firmware-42 --to corpus");
    }

    public static Command Campaign(CliConsole console, HelpExamples examples, CancellationToken stop)
    {
        var corpus = new Argument<string>("CORPUS") { Description = "A corpus written by eventdb export" };
        var sql = new Argument<string>("SQL") { Description = "One query (DuckDB SQL); every table is a view with a run column" };
        var format = FormatOption.Create();
        var allowPath = new Option<string[]>("--allow-path")
        {
            Description = "A directory or file the query may read besides the corpus (repeatable); it reads nothing else",
            HelpName = "PATH",
        };
        var command = new Command("campaign", "Run one SQL query over every run of a Parquet corpus with DuckDB.") { corpus, sql, format, allowPath };
        command.SetAction(parse =>
        {
            using var output = Writer(console);
            var options = new CampaignOptions { AllowedPaths = parse.GetValue(allowPath) ?? [] };
            return CampaignCommand.Run(parse.GetValue(corpus)!, parse.GetValue(sql)!, parse.GetValue(format)!, output, console.Error, options, stop);
        });
        return examples.Add(command,
            "eventdb campaign corpus \"select run, count(*) from syscall group by run order by 2 desc limit 10\"",
            "eventdb campaign corpus \"select name, count(*) from syscall where retno < 0 group by 1\" --format csv",
            "eventdb campaign corpus \"select f.vendor, count(*) from syscall s join 'meta/firmware.csv' f using (run) group by 1\" --allow-path meta");
    }

    private static StreamWriter Writer(CliConsole console) =>
        new(console.Out, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
#else
    public static Command Export(CliConsole console, HelpExamples examples, CancellationToken stop) =>
        NotInThisBuild("export", "Export runs to a Parquet corpus (in the .NET tool only).", console);

    public static Command Campaign(CliConsole console, HelpExamples examples, CancellationToken stop) =>
        NotInThisBuild("campaign", "Run SQL over a Parquet corpus with DuckDB (in the .NET tool only).", console);

    private static Command NotInThisBuild(string name, string description, CliConsole console)
    {
        var rest = new Argument<string[]>("ARGS") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(name, description) { rest };
        command.SetAction(int (_) => throw new CliException(
            $"{name} is in the .NET tool (dotnet tool install -g EventDb.Cli), not in this native binary: Parquet.Net and DuckDB.NET do not support native AOT."));
        return command;
    }
#endif
}
