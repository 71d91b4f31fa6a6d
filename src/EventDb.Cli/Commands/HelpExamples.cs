using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EventDb.Cli.Commands;

/// <summary>An <c>Examples:</c> section after System.CommandLine's own help, for every command that has examples.</summary>
internal sealed class HelpExamples
{
    private readonly Dictionary<Command, string[]> _examples = [];

    public Command Add(Command command, params string[] examples)
    {
        _examples[command] = examples;
        return command;
    }

    /// <summary>Makes the help option of <paramref name="root"/> (and so of every subcommand) print the examples too.</summary>
    public void Attach(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
                helpOption.Action = new WithExamples(help, _examples);
        }
    }

    /// <summary>Whether <paramref name="parse"/> asks for help (which it gets even when required arguments are missing).</summary>
    public static bool AsksForHelp(ParseResult parse) => parse.Action is WithExamples or HelpAction;

    private sealed class WithExamples(HelpAction help, Dictionary<Command, string[]> examples) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int code = help.Invoke(parseResult);
            if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in lines)
                    output.WriteLine("  " + line);
                output.WriteLine();
            }
            return code;
        }
    }
}
