using System.CommandLine;
using System.Globalization;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Commands;

/// <summary>
/// <c>eventdb info PATH</c>: the file's tables with row counts and id ranges, its size, journal mode, page size, and the
/// process whose logger writes it now. Aligned on a terminal; <c>key TAB value</c> lines when piped, with names escaped
/// as table cells are (<see cref="CellText"/>), so that a tab or newline in a path or table name cannot split a line.
/// </summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console, HelpExamples examples)
    {
        var path = GenericFile.PathArgument();
        var command = new Command("info", "Tables, row counts, id ranges, size, journal mode, page size, and the writer's pid.") { path };
        command.SetAction(parse => Run(parse.GetValue(path)!, console));
        return examples.Add(command, "eventdb info results/latest", "eventdb info run.db | grep ^table");
    }

    private static int Run(string path, CliConsole console)
    {
        using var file = GenericFile.Open(path);
        var tables = file.Tables();
        var facts = new FileFacts(file.FilePath, new FileInfo(file.FilePath).Length,
            File.Exists(file.FilePath + "-wal") ? new FileInfo(file.FilePath + "-wal").Length : null,
            file.JournalMode, file.PageSize, file.WriterProcessId,
            tables.Min(t => t.MinId), tables.Max(t => t.MaxId));
        using var output = OutputSink.StandardOutput(console);
        if (output.IsTerminal)
            Pretty(output, facts, tables, console.Color);
        else
            Plain(output, facts, tables);
        output.Flush();
        return ExitCodes.Ok;
    }

    private sealed record FileFacts(string Path, long Size, long? WalSize, string JournalMode, long PageSize, int? Writer, long? MinId, long? MaxId);

    private static void Plain(OutputSink output, FileFacts facts, IReadOnlyList<TableFacts> tables)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("file\t" + CellText.Of(facts.Path, "", onTerminal: false));
        output.WriteLine(string.Create(c, $"size\t{facts.Size}"));
        if (facts.WalSize is { } wal)
            output.WriteLine(string.Create(c, $"wal_size\t{wal}"));
        output.WriteLine("journal_mode\t" + facts.JournalMode);
        output.WriteLine(string.Create(c, $"page_size\t{facts.PageSize}"));
        output.WriteLine(string.Create(c, $"writer_pid\t{facts.Writer}"));
        output.WriteLine(string.Create(c, $"ids\t{facts.MinId}\t{facts.MaxId}"));
        foreach (var t in tables)
            output.WriteLine(string.Create(c, $"table\t{CellText.Of(t.Name, "", onTerminal: false)}\t{t.Rows}\t{t.MinId}\t{t.MaxId}"));
    }

    private static void Pretty(OutputSink output, FileFacts facts, IReadOnlyList<TableFacts> tables, bool color)
    {
        var c = CultureInfo.InvariantCulture;
        var size = string.Create(c, $"{Bytes(facts.Size)} ({facts.Size:N0} bytes)");
        if (facts.WalSize is { } wal)
            size += string.Create(c, $", WAL {Bytes(wal)}");
        var lines = new (string, string)[]
        {
            ("file", CellText.Of(facts.Path, "", onTerminal: true)),
            ("size", size),
            ("journal mode", facts.JournalMode),
            ("page size", string.Create(c, $"{facts.PageSize}")),
            ("writer", facts.Writer is { } pid ? string.Create(c, $"pid {pid} (an EventLogger is writing it now)") : "none"),
            ("ids", facts.MinId is null ? "none" : string.Create(c, $"{facts.MinId:N0} to {facts.MaxId:N0}")),
        };
        foreach (var (key, value) in lines)
        {
            if (color)
                output.WriteStyle(Ansi.Bold);
            output.Write(key.PadRight(14));
            if (color)
                output.WriteStyle(Ansi.Reset);
            output.WriteLine(value);
        }
        output.WriteByte((byte)'\n');
        var table = new AlignedTableWriter(output, color);
        table.Begin(["table", "rows", "first id", "last id", "columns"]);
        foreach (var t in tables)
            table.Row(new object?[] { t.Name, t.Rows, t.MinId, t.MaxId, string.Join(", ", t.Columns) });
        table.End();
    }

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
