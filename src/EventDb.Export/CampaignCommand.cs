using DuckDB.NET.Data;
using EventDb.Export.Internals;

namespace EventDb.Export;

/// <summary>
/// <c>eventdb campaign CORPUS "SQL" [--format table|csv|json|jsonl] [--allow-path PATH]...</c>: runs SQL over every run
/// of a corpus (each table a view with a <c>run</c> column) and prints the result. The query reads the corpus and the
/// allowed paths only (see <see cref="Campaign"/>).
/// </summary>
public static class CampaignCommand
{
    /// <summary>Runs the command.</summary>
    /// <returns>
    /// 0 when the query ran; 1 when it failed or was refused (not one query: see <see cref="Campaign.Query"/>), with
    /// the message on one line of <paramref name="error"/>; 2 for a usage error (a corpus or allowed path that does not exist).
    /// </returns>
    public static int Run(string corpus, string sql, string format, TextWriter output, TextWriter error, CampaignOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!ResultFormatter.Formats.Contains(format))
        {
            error.WriteLine($"error: unknown format '{format}': use {string.Join(", ", ResultFormatter.Formats)}.");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(sql))
        {
            error.WriteLine("error: give the SQL to run.");
            return 2;
        }
        string hint = "";
        try
        {
            using var campaign = Campaign.Open(corpus, options);
            if (campaign.Tables.Count == 0)
                hint = $" (the corpus {campaign.Corpus} has no tables yet: export runs into it first)";
            using var rows = campaign.Query(sql);
            ResultFormatter.Write(rows.Columns, Cancellable(rows, cancellationToken), format, output);
            output.Flush();
            return 0;
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is DuckDBException or CampaignQueryException)
        {
            error.WriteLine($"error: {QueryGuard.OneLine(ex.Message)}{(ex is DuckDBException ? Hint(ex.Message) ?? hint : "")}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled.");
            return 130;
        }
    }

    /// <summary>What to add to DuckDB's refusal of a file outside the campaign's paths.</summary>
    private static string? Hint(string message) =>
        message.StartsWith("Permission Error", StringComparison.Ordinal)
            ? " (a campaign reads its corpus and the paths given with --allow-path, nothing else)"
            : null;

    private static IEnumerable<object?[]> Cancellable(IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }
}
