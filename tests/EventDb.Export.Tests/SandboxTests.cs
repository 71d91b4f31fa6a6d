using DuckDB.NET.Data;
using EventDb.TestSupport;

namespace EventDb.Export.Tests;

/// <summary>
/// A campaign reads its corpus and the paths given with <c>--allow-path</c>, nothing else: no other file, no URL, no
/// extension installed or loaded, no ~/.duckdb, temporary files only in a directory of its own; and a query cannot
/// lift any of that. Real DuckDB, real files, a real child process with its own HOME.
/// </summary>
public sealed class SandboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SandboxTests() => _dir.Export([_dir.WriteRun("fw-1", seed: 3, events: 200)]);

    public void Dispose() => _dir.Dispose();

    /// <summary>A directory beside the corpus (outside it) holding <c>firmware.csv</c>: run, vendor.</summary>
    private string Outside(string name = "meta")
    {
        var directory = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "firmware.csv"), "run,vendor\nfw-1,acme\n");
        return directory;
    }

    /// <summary>The rows of <paramref name="sql"/> over the corpus, read with <paramref name="allowed"/> allowed.</summary>
    private List<object?[]> Query(string sql, params string[] allowed)
    {
        using var campaign = EventDb.Export.Campaign.Open(_dir.Corpus, new CampaignOptions { AllowedPaths = allowed });
        using var rows = campaign.Query(sql);
        return [.. rows];
    }

    [Theory]
    [InlineData("SELECT length(content) FROM read_text('{outside}/firmware.csv')")]
    [InlineData("SELECT * FROM read_csv('{outside}/firmware.csv')")]
    [InlineData("SELECT * FROM '{outside}/firmware.csv'")]
    [InlineData("SELECT count(*) FROM glob('{outside}/*')")]
    [InlineData("SELECT count(*) FROM glob('/root/*')")]
    [InlineData("SELECT length(content) FROM read_text('/etc/passwd')")]
    [InlineData("SELECT * FROM read_blob('{corpus}/../meta/firmware.csv')")] // '..' out of the corpus
    [InlineData("SELECT * FROM read_csv('{corpus}/escape/firmware.csv')")] // a symbolic link out of the corpus
    [InlineData("SELECT * FROM read_parquet('https://example.com/x.parquet')")]
    [InlineData("SELECT * FROM read_parquet('s3://bucket/x.parquet')")]
    public void Campaign_ReadingOutsideTheCorpus_IsRefused(string template)
    {
        var outside = Outside();
        File.CreateSymbolicLink(Path.Combine(_dir.Corpus, "escape"), outside);
        string sql = template.Replace("{outside}", outside, StringComparison.Ordinal).Replace("{corpus}", _dir.Corpus, StringComparison.Ordinal);

        var ex = Assert.Throws<DuckDBException>(() => Query(sql));

        Assert.StartsWith("Permission Error: Cannot access file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Campaign_AnAllowedDirectoryOrFile_IsReadAndNothingBesideIt()
    {
        var meta = Outside("meta");
        var other = Outside("other");
        const string Join = "SELECT f.vendor, count(*) FROM syscall s JOIN read_csv('{0}/firmware.csv') f USING (run) GROUP BY 1";

        Assert.Equal("acme", Assert.Single(Query(string.Format(null, Join, meta), meta))[0]);
        Assert.Equal("acme", Assert.Single(Query(string.Format(null, Join, meta), Path.Combine(meta, "firmware.csv")))[0]);
        Assert.Throws<DuckDBException>(() => Query(string.Format(null, Join, other), meta));
        Assert.Throws<DirectoryNotFoundException>(() => Query("SELECT 1", Path.Combine(_dir.Path, "missing"))); // a typo
    }

    [Theory]
    [InlineData("SET enable_external_access = true")]
    [InlineData("RESET enable_external_access")]
    [InlineData("SET autoload_known_extensions = true")]
    [InlineData("SET allowed_directories = ['/']")]
    [InlineData("SET lock_configuration = false")]
    [InlineData("LOAD httpfs")]
    [InlineData("INSTALL httpfs")]
    public void Campaign_ItsSettings_CannotBeChangedEvenPastTheQueryGuard(string sql)
    {
        using var campaign = EventDb.Export.Campaign.Open(_dir.Corpus);
        Assert.Throws<CampaignQueryException>(() => campaign.Query(sql)); // the guard refuses any statement but a query

        using var command = campaign.Connection.CreateCommand(); // as if the guard let it through
        command.CommandText = sql;
        var ex = Assert.Throws<DuckDBException>(() => command.ExecuteNonQuery());
        Assert.Matches("configuration has been locked|disabled through configuration|disabled by configuration", ex.Message);
        using var rows = campaign.Query("SELECT current_setting('enable_external_access'), current_setting('autoload_known_extensions')");
        Assert.Equal([false, false], rows.Single());
    }

    [Fact]
    public void Campaign_InAProcessWhoseHomeIsFresh_CreatesNoDuckdbDirectoryAndNoTempFilesOutsideItsOwn()
    {
        var home = Path.Combine(_dir.Path, "home");
        var work = Path.Combine(_dir.Path, "work");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(work);
        using var child = ChildProcess.StartIn(work, new Dictionary<string, string> { ["HOME"] = home }, "EventDb.ExportChild", "campaign", _dir.Corpus,
            "SELECT count(*) FROM syscall",
            "SELECT * FROM read_xlsx('book.xlsx')", // excel and httpfs are known extensions that DuckDB would install
            "SELECT * FROM 'https://example.com/x.csv'",
            "SELECT st_point(1, 2)");

        int exit = child.WaitForExit(TimeSpan.FromSeconds(120));
        string output = child.RestOfOutput();
        string error = child.StandardError;

        Assert.Equal(1, exit);
        Assert.True(long.Parse(output, System.Globalization.CultureInfo.InvariantCulture) > 0, output);
        Assert.Equal(3, error.TrimEnd('\n').Split('\n').Length);
        Assert.DoesNotContain("Autoloading", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    [Fact]
    public void Campaign_AQueryThatOutgrowsItsMemory_SpillsIntoItsOwnDirectoryOnly()
    {
        string before = string.Join("\n", Directory.EnumerateFileSystemEntries(Environment.CurrentDirectory).Order());
        string tempDirectory;
        int mostSpilled = 0;
        using (var campaign = EventDb.Export.Campaign.Open(_dir.Corpus, new CampaignOptions { MemoryLimit = "100MB" }))
        {
            tempDirectory = campaign.TempDirectory;
            Assert.StartsWith(Path.GetTempPath(), tempDirectory, StringComparison.Ordinal);
            using var done = new CancellationTokenSource();
            var watcher = new Thread(() =>
            {
                while (!done.IsCancellationRequested)
                    mostSpilled = Math.Max(mostSpilled, Directory.GetFiles(tempDirectory).Length);
            });
            watcher.Start();
            using (var rows = campaign.Query("SELECT count(*) FROM (SELECT x, md5(x::VARCHAR) AS h FROM range(4000000) t(x) ORDER BY h)"))
                Assert.Equal(4_000_000L, Convert.ToInt64(rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
            done.Cancel();
            watcher.Join();
        }

        Assert.True(mostSpilled > 0, "the query did not spill: it proves nothing");
        Assert.False(Directory.Exists(tempDirectory), "the campaign's temporary directory outlived it");
        Assert.Equal(before, string.Join("\n", Directory.EnumerateFileSystemEntries(Environment.CurrentDirectory).Order())); // no .tmp here
    }

    [Fact]
    public void Campaign_WhereItsTemporaryDirectoryCannotBeMade_SaysSoWithoutBlamingTheCorpus()
    {
        using var child = ChildProcess.StartIn(null, new Dictionary<string, string> { ["TMPDIR"] = Path.Combine(_dir.Path, "no-such-dir") },
            "EventDb.ExportChild", "campaign", _dir.Corpus, "SELECT 1");

        int exit = child.WaitForExit(TimeSpan.FromSeconds(120));

        Assert.Equal(2, exit);
        Assert.Contains("Cannot create the campaign's temporary directory under", child.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no corpus", child.StandardError, StringComparison.Ordinal);
    }
}
