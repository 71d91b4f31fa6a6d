using System.Numerics;
using System.Text.Json;
using EventDb.Penguin;

namespace EventDb.Export.Tests;

/// <summary>The entry points <c>eventdb export</c> and <c>eventdb campaign</c> call, and the result formats.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly ExportDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Output, string Error) Export(IReadOnlyList<string> runs, ExportOptions options, bool progressBar = false) =>
        Commands.Export(runs, _dir.Corpus, options, progressBar);

    private (int Exit, string Output, string Error) Campaign(string sql, string format) => Commands.Campaign(_dir.Corpus, sql, format);

    [Fact]
    public void ExportCommand_PrintsALinePerRunAndASummary_ThenSkips()
    {
        var runs = new[] { _dir.WriteRun("a", 1, 500), _dir.WriteRun("b", 2, 500) };
        var (exit, output, error) = Export(runs, new ExportOptions { Schemas = PenguinTables.All }, progressBar: true);
        Assert.Equal(0, exit);
        Assert.Contains("exported a: ", output, StringComparison.Ordinal);
        Assert.Contains("exported b: ", output, StringComparison.Ordinal);
        Assert.Contains("2 runs: 2 exported, 0 skipped, 0 failed; 2,000 rows written", output, StringComparison.Ordinal);
        Assert.Contains("2/2 runs", error, StringComparison.Ordinal); // the progress bar, on the error writer
        (exit, output, _) = Export(runs, new ExportOptions { Schemas = PenguinTables.All });
        Assert.Equal(0, exit);
        Assert.Contains("skipped a: unchanged since its last export", output, StringComparison.Ordinal);
        Assert.Contains("2 runs: 0 exported, 2 skipped, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportCommand_AFailedRun_ExitsOne_UsageErrors_ExitTwo()
    {
        var good = _dir.WriteRun("a", 1, 100);
        var (exit, output, error) = Export([good, _dir.Run("missing")], new ExportOptions());
        Assert.Equal(1, exit);
        Assert.Contains("failed missing: ", error, StringComparison.Ordinal);
        Assert.Contains("1 exported, 0 skipped, 1 failed", output, StringComparison.Ordinal);
        Assert.Equal(2, Export([good, good], new ExportOptions { RunId = "x" }).Exit);
        Assert.Equal(2, Export([], new ExportOptions()).Exit);
    }

    [Fact]
    public void CampaignCommand_PrintsEachFormat()
    {
        var run = _dir.WriteRawRun("r1", "CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, amount INTEGER, data BLOB)",
            "INSERT INTO t VALUES (1, 'plain', 5, x'0aff'), (2, 'a \"quoted\", comma', NULL, NULL), (3, 'two\nlines', -7, x'')");
        Assert.Equal(0, Export([run], new ExportOptions()).Exit);
        const string Sql = "SELECT id, label, amount, data, run FROM t ORDER BY id";

        var (exit, csv, _) = Campaign(Sql, "csv");
        Assert.Equal(0, exit);
        Assert.Equal("id,label,amount,data,run\r\n1,plain,5,0aff,r1\r\n2,\"a \"\"quoted\"\", comma\",,,r1\r\n3,\"two\nlines\",-7,,r1\r\n", csv);

        var json = Campaign(Sql, "json").Output;
        using (var document = JsonDocument.Parse(json))
        {
            var rows = document.RootElement.EnumerateArray().ToList();
            Assert.Equal(3, rows.Count);
            Assert.Equal(5, rows[0].GetProperty("amount").GetInt64());
            Assert.Equal("0aff", rows[0].GetProperty("data").GetString());
            Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("amount").ValueKind);
            Assert.Equal("a \"quoted\", comma", rows[1].GetProperty("label").GetString());
            Assert.Equal("r1", rows[2].GetProperty("run").GetString());
        }

        var lines = Campaign(Sql, "jsonl").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(-7, JsonDocument.Parse(lines[2]).RootElement.GetProperty("amount").GetInt64());

        var table = Campaign("SELECT id, amount, run FROM t ORDER BY id", "table").Output.Split(Environment.NewLine);
        Assert.Equal("id  amount  run", table[0]);
        Assert.Equal("--  ------  ---", table[1]);
        Assert.Equal(" 1       5  r1", table[2]);
        Assert.Equal(" 2    NULL  r1", table[3]);
        Assert.Equal(" 3      -7  r1", table[4]);
    }

    [Fact]
    public void CampaignCommand_BadSqlOrFormatOrCorpus_IsAnError()
    {
        var run = _dir.WriteRun("a", 1, 10);
        Assert.Equal(0, Export([run], new ExportOptions()).Exit);
        var (exit, _, error) = Campaign("SELECT nope FROM syscall", "csv");
        Assert.Equal(1, exit);
        Assert.Contains("nope", error, StringComparison.Ordinal);
        Assert.Equal(2, Campaign("SELECT 1", "xml").Exit);
        Assert.Equal(2, CampaignCommand.Run(Path.Combine(_dir.Path, "nowhere"), "SELECT 1", "csv", new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void ResultFormatter_Json_KeepsBigIntegersExactAndNonFiniteRealsAsText()
    {
        var output = new StringWriter();
        ResultFormatter.Write(["u", "h", "d", "n"], [[ulong.MaxValue, BigInteger.Pow(2, 100), double.NaN, 1.5]], "jsonl", output);
        Assert.Equal("{\"u\":18446744073709551615,\"h\":1267650600228229401496703205376,\"d\":\"NaN\",\"n\":1.5}\n", output.ToString());
        var empty = new StringWriter();
        ResultFormatter.Write(["a"], [], "json", empty);
        Assert.Equal("[]\n", empty.ToString());
    }
}
