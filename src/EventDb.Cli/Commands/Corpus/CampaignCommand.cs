using System.CommandLine;
using DuckDB.NET.Data;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;
using EventDb.Export;

namespace EventDb.Cli.Commands.Corpus;

/// <summary>
/// <c>eventdb campaign CORPUS "SQL" [--format table|csv|json|jsonl]</c>: one query over every run of a corpus
/// (<see cref="Campaign"/>: each table a view with a <c>run</c> column), printed by the same row writers as <c>query</c>.
/// </summary>
internal static class CampaignCommand
{
    public static Command Create(CliConsole console, HelpExamples examples)
    {
        var corpus = new Argument<string>("CORPUS") { Description = "A corpus written by eventdb export" };
        var sql = new Argument<string>("SQL") { Description = "One query (DuckDB SQL); every table is a view with a run column" };
        var format = FormatOption.Create();
        var command = new Command("campaign", "Run one SQL query over every run of a Parquet corpus with DuckDB.") { corpus, sql, format };
        command.SetAction(parse => Run(parse.GetValue(corpus)!, parse.GetValue(sql)!, FormatOption.Parse(parse.GetValue(format)), console));
        return examples.Add(command,
            "eventdb campaign corpus \"select run, count(*) from syscall group by run order by 2 desc limit 10\"",
            "eventdb campaign corpus \"select name, count(*) from syscall where retno < 0 group by 1\" --format csv");
    }

    private static int Run(string corpus, string sql, RowFormat format, CliConsole console)
    {
        if (string.IsNullOrWhiteSpace(sql))
            throw CliException.Usage("campaign: the SQL is empty.");
        using var campaign = Open(corpus);
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
            throw new CliException(campaign.Tables.Count == 0
                ? $"{ex.Message} (the corpus {campaign.Corpus} has no tables yet: export runs into it first)"
                : ex.Message);
        }
    }

    private static Campaign Open(string corpus)
    {
        try
        {
            return Campaign.Open(corpus);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or ArgumentException)
        {
            throw CliException.Usage(ex.Message);
        }
    }
}
