using System.CommandLine;
using EventDb.Cli.Output;

namespace EventDb.Cli.Commands;

/// <summary><c>--format table|csv|json|jsonl</c>, shared by <c>query</c> and <c>tail</c>.</summary>
internal static class FormatOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--format")
        {
            Description = "table (aligned on a terminal, tab-separated when piped), csv (as sqlite3 -csv -header), json or jsonl",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "csv", "json", "jsonl");
        return option;
    }

    public static RowFormat Parse(string? value) => value switch
    {
        "csv" => RowFormat.Csv,
        "json" => RowFormat.Json,
        "jsonl" => RowFormat.Jsonl,
        _ => RowFormat.Table,
    };
}
