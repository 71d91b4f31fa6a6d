using EventDb.Cli;
using EventDb.Cli.Terminal;

return Cli.Run(args, CliConsole.FromProcess());
