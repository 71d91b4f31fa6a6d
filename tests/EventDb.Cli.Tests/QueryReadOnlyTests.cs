namespace EventDb.Cli.Tests;

/// <summary>
/// <c>eventdb query</c> never changes anything: SQL that would write (to the file, to a new file, or to the
/// connection's journal mode) and a second statement fail with one line and exit 1, and the directory's files keep
/// their bytes, with no file added.
/// </summary>
public sealed class QueryReadOnlyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public QueryReadOnlyTests()
    {
        using (var db = SqlFile.Create(_dir.File("wal.db")))
            db.Exec("PRAGMA journal_mode=wal; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b');");
        using (var other = SqlFile.Create(_dir.File("other.db")))
            other.Exec("CREATE TABLE o (x); INSERT INTO o VALUES (1);");
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("DELETE FROM t", "would write")]
    [InlineData("UPDATE t SET v = 'x'", "would write")]
    [InlineData("PRAGMA journal_mode=delete", "would write")]
    [InlineData("PRAGMA user_version=7", "would write")]
    [InlineData("VACUUM", "would write")]
    [InlineData("VACUUM INTO '{dir}/copy.db'", "would write")]
    [InlineData("CREATE TEMP TABLE x (a)", "would write")]
    [InlineData("BEGIN IMMEDIATE", "would write")]
    [InlineData("ATTACH '{dir}/new.db' AS n", "attached databases")]
    [InlineData("ATTACH '{dir}/other.db' AS o", "attached databases")]
    [InlineData("SELECT 1; DELETE FROM t", "more than one statement")]
    [InlineData("SELECT count(*) FROM t; SELECT 2", "more than one statement")]
    public void WritingSql_FailsInOneLine_AndChangesNoFile(string sql, string reason)
    {
        var before = Snapshot();
        var run = CliRun.Of("query", _dir.File("wal.db"), sql.Replace("{dir}", _dir.Path, StringComparison.Ordinal));
        Assert.Equal((1, ""), (run.Exit, run.Out));
        Assert.StartsWith("eventdb: ", run.Err);
        Assert.Contains(reason, run.Err);
        Assert.Single(run.Err.TrimEnd('\n').Split('\n'));
        Assert.Equal(before, Snapshot());
        Assert.Equal("v\na\nb\n", CliRun.Of("query", _dir.File("wal.db"), "select v from t order by id").Out);
    }

    [Theory]
    [InlineData("select count(*) as n from t;")]
    [InlineData("select count(*) as n from t; -- done")]
    [InlineData("select count(*) as n from t /* a */ ;  /* b */ ")]
    public void OneStatement_WithATrailingSemicolonOrComment_Runs(string sql) =>
        Assert.Equal((0, "n\n2\n", ""), (CliRun.Of("query", _dir.File("wal.db"), sql) is var r ? (r.Exit, r.Out, r.Err) : default));

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    public void StatementWithoutColumns_PrintsNothing(string format) =>
        Assert.Equal((0, "", ""), CliRun.Of("query", _dir.File("wal.db"), "BEGIN", "--format", format) is var r ? (r.Exit, r.Out, r.Err) : default);

    /// <summary>
    /// Each file's name and bytes, the WAL's too (where a write would land first); not the shared-memory index, nor the
    /// empty WAL that a reader of a WAL-mode file leaves (as the sqlite3 shell's does).
    /// </summary>
    private SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(_dir.Path))
        {
            if (!path.EndsWith("-shm", StringComparison.Ordinal) && !(path.EndsWith("-wal", StringComparison.Ordinal) && new FileInfo(path).Length == 0))
                files[Path.GetFileName(path)] = Convert.ToHexString(File.ReadAllBytes(path));
        }
        return files;
    }
}
