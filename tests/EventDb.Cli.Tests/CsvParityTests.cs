using System.Text;

namespace EventDb.Cli.Tests;

/// <summary><c>--format csv</c> against <c>sqlite3 -csv -header</c> on the same file and query, byte for byte.</summary>
public sealed class CsvParityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly PenguinFile _penguin = new();

    public CsvParityTests()
    {
        using var db = SqlFile.Create(_dir.DbPath);
        db.Exec("""
            CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, x);
            INSERT INTO t (i, r, s, b, x) VALUES
              (1, 1.5, 'plain', x'41', NULL),
              (-9223372036854775808, 0.1, 'with space', x'00ff41', 'it''s'),
              (9223372036854775807, 100.0, 'a,b', x'ff41', 'say "hi"'),
              (0, 1e15, '', x'', 'line1' || char(10) || 'line2'),
              (NULL, 123456789012345.0, 'tab' || char(9) || 'x', NULL, 'cr' || char(13)),
              (42, -3.75, 'é ü 日本', x'410042', '~!#$%&()*+-./:;<=>?@[\]^_`{|}'),
              (7, 2.5e-300, 'DEL' || char(127), x'22', 1.0e-5),
              (8, 1.7976931348623157e308, 'quote"', x'2c', -0.000123456789012345),
              (9, 0.000123456789, 'a''b', x'0a0d', 12345678901234567890.0),
              (10, NULL, CAST(x'fffe4180' AS TEXT), NULL, CAST(x'c3' AS TEXT));
            """);
    }

    public void Dispose()
    {
        _dir.Dispose();
        _penguin.Dispose();
    }

    [Theory]
    [InlineData("select * from t")]
    [InlineData("select i, r, s, b, x from t order by id desc")]
    [InlineData("select 1.0/3, 2.0/3, 1e100, 1e-100, -1e15, 999999999999999.0, 9.999999999999999e22, 5e-324, 9e999, -9e999, 1e-4, 1e-5, 0.0, -0.0")]
    [InlineData("select avg(r), sum(r), total(i), min(r) from t")]
    [InlineData("select s as \"a b\", s as \"\", s as \"x,y\", s as \"q\"\"q\", 1 as \"é\" from t limit 2")]
    [InlineData("select * from t where 0")]
    [InlineData("select typeof(b), length(b), hex(b) from t")]
    [InlineData("select null, null")]
    [InlineData("select s, x, s || 'é' from t where id = 10")] // text that is not UTF-8: its bytes, as the shell prints them
    public void Csv_EqualsTheSqlite3Shell(string sql) => AssertSame(_dir.DbPath, sql);

    [Theory]
    [InlineData("select * from syscall")]
    [InlineData("select * from event join read using (id) order by id")]
    [InlineData("select * from write")]
    [InlineData("select name, count(*), avg(retno) from syscall group by name order by 2 desc")]
    public void Csv_OnAPenguinFile_EqualsTheSqlite3Shell(string sql) => AssertSame(_penguin.DbPath, sql);

    private static void AssertSame(string path, string sql)
    {
        var expected = SqliteShell.Run(path, sql, "-csv", "-header");
        var run = CliRun.Of("query", path, sql, "--format", "csv");
        Assert.Equal("", run.Err);
        Assert.Equal(Encoding.Latin1.GetString(expected), Encoding.Latin1.GetString(run.OutBytes));
    }
}
