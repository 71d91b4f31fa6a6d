using System.CommandLine;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Commands;

/// <summary>The <c>eventdb</c> root command: Penguin's <c>db</c> subcommands, then the generic ones.</summary>
internal static class CommandTree
{
    public static RootCommand Build(CliConsole console, CancellationToken stop)
    {
        var examples = new HelpExamples();
        var root = new RootCommand("Reads EventDb files and Penguin's plugins.db: Penguin's db commands (execs, fds, reads, syscalls, tasks, writes) "
            + "and, for any EventDb file, info, schema, query, tail and report (one HTML page); export and campaign for many runs as Parquet.");
        foreach (var command in PenguinCommands.Create(console, examples, stop))
            root.Subcommands.Add(command);
        root.Subcommands.Add(InfoCommand.Create(console, examples));
        root.Subcommands.Add(SchemaCommand.Create(console, examples));
        root.Subcommands.Add(QueryCommand.Create(console, examples));
        root.Subcommands.Add(TailCommand.Create(console, examples, stop));
        root.Subcommands.Add(ReportCommand.Create(console, examples));
        root.Subcommands.Add(CampaignCommands.Export(console, examples, stop));
        root.Subcommands.Add(CampaignCommands.Campaign(console, examples, stop));
        // No [diagram]/[suggest] directives: a first argument in brackets is data here, not an instruction to the parser.
        root.Directives.Clear();
        examples.Add(root,
            "eventdb syscalls --procname httpd --errors",
            "eventdb reads --fd 3 --follow",
            "eventdb info results/latest",
            "eventdb query results/latest \"select name, count(*) from syscall group by 1\" --format csv",
            "eventdb tail results/latest syscall -n 20 --follow",
            "eventdb export results/run-* --to corpus && eventdb campaign corpus \"select run, count(*) from syscall group by 1\"");
        examples.Attach(root);
        return root;
    }
}
