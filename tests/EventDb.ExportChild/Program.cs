using System.Globalization;
using EventDb.Export;
using EventDb.Penguin;

// A real exporting process for the export tests: it exports one run in small row groups and, once PAUSE_AFTER rows are
// written, prints "PAUSED" and stops in the middle of the export (its part files open under CORPUS/_tmp) until killed.
// With "campaign", it runs campaign queries as `eventdb campaign` does, in a process whose HOME and directory the test chose.
const string Usage = """
    usage: EventDb.ExportChild RUN CORPUS PAUSE_AFTER_ROWS
           EventDb.ExportChild campaign CORPUS SQL... [--allow-path PATH]...
             each SQL's result as CSV, or its error; exits with the largest exit code
    """;
if (args is ["campaign", var campaignCorpus, .. var rest])
{
    var queries = rest.TakeWhile(a => a != "--allow-path").ToList();
    var campaignOptions = new CampaignOptions { AllowedPaths = [.. rest.Skip(queries.Count).Where(a => a != "--allow-path")] };
    return queries.Max(sql => CampaignCommand.Run(campaignCorpus, sql, "csv", Console.Out, Console.Error, campaignOptions));
}
if (args.Length != 3 || !long.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long pauseAfter))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new ExportOptions
{
    Schemas = PenguinTables.All,
    RowGroupSize = 1_000,
    Progress = progress =>
    {
        if (progress.Status is null && progress.RowsWritten >= pauseAfter)
        {
            Console.Out.WriteLine("PAUSED");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
    },
};
var results = await CorpusExporter.ExportAsync([args[0]], args[1], options);
Console.Out.WriteLine($"{results[0].Status} {results[0].Rows}");
return results[0].Status == ExportStatus.Failed ? 1 : 0;
