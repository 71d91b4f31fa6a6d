using System.CommandLine;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Commands;

/// <summary><c>eventdb schema PATH</c>: the statements that created the file's tables, indexes, views and triggers, each with <c>;</c>, as <c>sqlite3 .schema</c> prints them.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliConsole console, HelpExamples examples)
    {
        var path = GenericFile.PathArgument();
        var command = new Command("schema", "The CREATE statements of the file's tables, indexes, views and triggers.") { path };
        command.SetAction(parse =>
        {
            using var file = GenericFile.Open(parse.GetValue(path)!);
            var statements = file.SchemaSql();
            using var output = OutputSink.StandardOutput(console);
            foreach (var sql in statements)
                output.WriteLine(sql + ";");
            output.Flush();
            return ExitCodes.Ok;
        });
        return examples.Add(command, "eventdb schema results/latest", "eventdb schema run.db > schema.sql");
    }
}
