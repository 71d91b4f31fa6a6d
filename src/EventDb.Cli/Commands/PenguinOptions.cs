using System.CommandLine;
using EventDb.Cli.Penguin;

namespace EventDb.Cli.Commands;

/// <summary>One subcommand's Penguin options, in Penguin's help order, and reading them into <see cref="PenguinFlags"/>.</summary>
internal sealed class PenguinOptions
{
    private readonly Option<string> _results = OptionFactory.Text("--results", "DIR", $"Path to results folder (the directory holding plugins.db) [default: {PenguinFlags.DefaultResults}]");
    private readonly Option<string>? _procname;
    private readonly Option<string>? _syscall;
    private readonly Option<bool>? _errors;
    private readonly Option<bool>? _follow;
    private readonly Option<string>? _fd;
    private readonly Option<string>? _filename;
    private readonly Option<string> _output = OptionFactory.Text("--output", "FILE", "Output to file instead of stdout");

    public PenguinOptions(bool fd, bool filename, bool syscall, bool follow, bool procname = true, string fdHelp = "Filter for file descriptor")
    {
        if (procname)
            _procname = OptionFactory.Text("--procname", "NAME", "Process name to filter for (looks for substring)");
        if (syscall)
        {
            _syscall = OptionFactory.Text("--syscall", "NAME", "Syscall name to filter for (looks for substring)");
            _errors = OptionFactory.Flag("--errors", "Just show syscalls that returned an error");
        }
        if (follow)
            _follow = OptionFactory.Flag("--follow", "Show latest results as they appear");
        if (fd)
            _fd = OptionFactory.Text("--fd", "FD", fdHelp);
        if (filename)
            _filename = OptionFactory.Text("--filename", "NAME", "Filter for file name");
    }

    public Command AddTo(Command command)
    {
        foreach (var option in new Option?[] { _results, _procname, _syscall, _errors, _follow, _fd, _filename, _output })
        {
            if (option is not null)
                command.Options.Add(option);
        }
        return command;
    }

    public PenguinFlags Read(ParseResult parse) => new()
    {
        Results = parse.GetResult(_results) is null ? PenguinFlags.DefaultResults : parse.GetValue(_results)!,
        Output = parse.GetValue(_output),
        Procname = _procname is null ? null : parse.GetValue(_procname),
        Fd = _fd is null ? null : parse.GetValue(_fd),
        Filename = _filename is null ? null : parse.GetValue(_filename),
        Syscall = _syscall is null ? null : parse.GetValue(_syscall),
        Errors = _errors is not null && parse.GetValue(_errors),
        Follow = _follow is not null && parse.GetValue(_follow),
    };
}
