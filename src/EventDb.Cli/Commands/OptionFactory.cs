using System.CommandLine;

namespace EventDb.Cli.Commands;

/// <summary>Options as Penguin's click declares them: any text (a value may start with <c>-</c>), the last one given wins.</summary>
internal static class OptionFactory
{
    public static Option<string> Text(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => result.Tokens[^1].Value,
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };
}
