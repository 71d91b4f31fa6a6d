using System.CommandLine;
using EventDb.Cli.Terminal;
#if CAMPAIGN
using EventDb.Cli.Commands.Corpus;
#endif

namespace EventDb.Cli.Commands;

/// <summary>
/// <c>eventdb export</c> and <c>eventdb campaign</c> (Commands/Corpus, on EventDb.Export). The native binary is built
/// without them (see EventDb.Cli.csproj) and says where they are.
/// </summary>
internal static class CampaignCommands
{
#if CAMPAIGN
    public static Command Export(CliConsole console, HelpExamples examples, CancellationToken stop) => ExportCommand.Create(console, examples, stop);

    public static Command Campaign(CliConsole console, HelpExamples examples, CancellationToken stop) => CampaignCommand.Create(console, examples);
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
            $"{name} is in the .NET tool (dotnet tool install -g EventDb.Cli), not in this native binary: DuckDB.NET does not support native AOT."));
        return command;
    }
#endif
}
