using System.Globalization;
using DuckDB.NET.Data;
using EventDb.Export;
using EventDb.Penguin;

// A real exporting process for the export tests: it exports one run in small row groups and, once PAUSE_AFTER rows are
// written, prints "PAUSED" and stops in the middle of the export (its part files open under CORPUS/_tmp) until killed.
// With "campaign", it runs campaign queries as `eventdb campaign` does, in a process whose HOME and directory the test chose.
const string Usage = """
    usage: EventDb.ExportChild RUN CORPUS PAUSE_AFTER_ROWS
           EventDb.ExportChild campaign CORPUS SQL... [--allow-path PATH]...
             each SQL's rows (values joined by commas) or its error on one line of stderr; exits 1 if any failed
    """;
if (args is ["campaign", var campaignCorpus, .. var rest])
{
    var queries = rest.TakeWhile(a => a != "--allow-path").ToList();
    var allowed = rest.Skip(queries.Count).Where(a => a != "--allow-path").ToArray();
    Campaign campaign;
    try
    {
        campaign = Campaign.Open(campaignCorpus, new CampaignOptions { AllowedPaths = allowed });
    }
    catch (IOException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }
    int exit = 0;
    using (campaign)
    {
        foreach (var sql in queries)
        {
            try
            {
                using var rows = campaign.Query(sql);
                foreach (var row in rows)
                    Console.Out.WriteLine(string.Join(',', row));
            }
            catch (Exception ex) when (ex is DuckDBException or CampaignQueryException)
            {
                Console.Error.WriteLine(ex.Message.ReplaceLineEndings(" "));
                exit = 1;
            }
        }
    }
    return exit;
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
