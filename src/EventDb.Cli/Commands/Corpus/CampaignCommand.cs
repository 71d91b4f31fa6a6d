using System.CommandLine;
using DuckDB.NET.Data;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;
using EventDb.Export;

namespace EventDb.Cli.Commands.Corpus;

/// <summary>
/// <c>eventdb campaign CORPUS "SQL" [--format table|csv|json|jsonl] [--allow-path PATH]...</c>: one query over every run
/// of a corpus (<see cref="Campaign"/>: each table a view with a <c>run</c> column), printed by the same row writers as
/// <c>query</c>. The query reads the corpus and the allowed paths, nothing else.
/// </summary>
internal static class CampaignCommand
{
    public static Command Create(CliConsole console, HelpExamples examples)
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
        command.SetAction(parse => Run(parse.GetValue(corpus)!, parse.GetValue(sql)!, FormatOption.Parse(parse.GetValue(format)),
            new CampaignOptions { AllowedPaths = parse.GetValue(allowPath) ?? [] }, console));
        return examples.Add(command,
            "eventdb campaign corpus \"select run, count(*) from syscall group by run order by 2 desc limit 10\"",
            "eventdb campaign corpus \"select name, count(*) from syscall where retno < 0 group by 1\" --format csv",
            "eventdb campaign corpus \"select f.vendor, count(*) from syscall join 'meta/firmware.csv' f using (run) group by 1\" --allow-path meta");
    }

    private static int Run(string corpus, string sql, RowFormat format, CampaignOptions options, CliConsole console)
    {
        if (string.IsNullOrWhiteSpace(sql))
            throw CliException.Usage("campaign: the SQL is empty.");
        using var campaign = Open(corpus, options);
        try
        {
            var (columns, rows, result) = DuckDbValues.Query(campaign, sql);
            using (result)
            {
                using var output = OutputSink.StandardOutput(console);
                var writer = RowWriter.Create(format, output, console.Color);
                writer.Begin(columns);
                foreach (var row in rows)
                    writer.Row(row);
                writer.End();
            }
            return ExitCodes.Ok;
        }
        catch (CampaignQueryException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (DuckDBException ex)
        {
            throw new CliException(
                ex.Message.StartsWith("Permission Error", StringComparison.Ordinal) ? $"{ex.Message} (a campaign reads its corpus and the paths given with --allow-path, nothing else)"
                : campaign.Tables.Count == 0 ? $"{ex.Message} (the corpus {campaign.Corpus} has no tables yet: export runs into it first)"
                : ex.Message);
        }
    }

    private static Campaign Open(string corpus, CampaignOptions options)
    {
        try
        {
            return Campaign.Open(corpus, options);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage(ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw CliException.Usage(ex.Message);
        }
    }
}
