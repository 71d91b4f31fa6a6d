using System.Globalization;
using EventDb.Metadata;

namespace EventDb.Export.Tests;

/// <summary>
/// The export's own Parquet writer, read back by DuckDB: runs and bit-packed stretches of dictionary indices and
/// definition levels at every length around their boundaries, dictionaries of 1 to 70,000 entries, statistics that
/// let DuckDB skip row groups (signed, unsigned, doubles, text, bytes) without ever skipping a matching row, and text
/// that is not UTF-8.
/// </summary>
public sealed class ParquetWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>Exports <paramref name="run"/> (no compiled schemas) and asserts it was exported.</summary>
    private void Export(string run, int rowGroupSize = ExportOptions.DefaultRowGroupSize)
    {
        var result = Assert.Single(_dir.Export([run], new ExportOptions { RowGroupSize = rowGroupSize, RowsPerFile = 8L * rowGroupSize }));
        Assert.True(result.Status == ExportStatus.Exported, result.Error);
    }

    /// <summary>Every row of <paramref name="columns"/>, by id, from the SQLite file and from the corpus: value for value.</summary>
    private void AssertSameRows(string run, string table, string columns)
    {
        var expected = Look.Sqlite(run, $"SELECT {columns} FROM \"{table}\" ORDER BY id");
        var exported = Look.Campaign(_dir.Corpus, $"SELECT {columns} FROM \"{table}\" ORDER BY id");
        Assert.Equal(expected.Count, exported.Count);
        for (int row = 0; row < expected.Count; row++)
        {
            for (int column = 0; column < expected[row].Length; column++)
            {
                object? a = expected[row][column], b = exported[row][column];
                Assert.True(a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b),
                    $"row {row} column {column}: SQLite {a}, DuckDB {b}");
            }
        }
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(64)]
    [InlineData(7)]
    public void Export_RunsOfEveryLength_AroundTheEncodingsBoundaries_RoundTrip(int rowGroupSize)
    {
        // Run lengths 1..40 in turn, so runs of one value (and of NULL) start and end at every offset of a group of 8.
        var run = _dir.WriteRawRun("runs",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, n INTEGER, maybe TEXT, bytes BLOB)",
            "WITH RECURSIVE len(k, start) AS (SELECT 1, 0 UNION ALL SELECT k + 1, start + k FROM len WHERE k < 40), "
                + "n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 819) "
                + "INSERT INTO t SELECT i + 1, 'v' || (SELECT k FROM len WHERE i >= start ORDER BY start DESC LIMIT 1) % 5, i, "
                + "CASE WHEN (SELECT k FROM len WHERE i >= start ORDER BY start DESC LIMIT 1) % 3 = 0 THEN NULL ELSE 'm' END, "
                + "CASE WHEN i % 9 < 4 THEN NULL ELSE x'00ff' END FROM n");
        Export(run, rowGroupSize);
        AssertSameRows(run, "t", "id, label, n, maybe, bytes");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(70_000)]
    public void Export_DictionariesOfEverySize_RoundTrip(int distinct)
    {
        // Each value twice or more (a dictionary pays), in an order that is not sorted; index widths 1 to 17 bits.
        int rows = Math.Max(2 * distinct, 1_000);
        var run = _dir.WriteRawRun("dict",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT NOT NULL)",
            $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {rows - 1}) "
                + $"INSERT INTO t SELECT i + 1, 'value ' || ((i * 7919) % {distinct}) FROM n");
        Export(run, 150_000);
        AssertSameRows(run, "t", "id, s");
        var encodings = (string)Look.Scalar(_dir.Corpus, $"SELECT encodings FROM parquet_metadata('{Look.FirstPart(_dir.Corpus, "t")}') WHERE path_in_schema = 's'")!;
        Assert.Contains("DICTIONARY", encodings, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_MostlyDistinctText_IsWrittenPlain()
    {
        var run = _dir.WriteRawRun("plain",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)",
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999) INSERT INTO t SELECT i + 1, printf('%x-%d', i * 2654435761, i) FROM n");
        Export(run);
        AssertSameRows(run, "t", "id, s");
        var encodings = (string)Look.Scalar(_dir.Corpus, $"SELECT encodings FROM parquet_metadata('{Look.FirstPart(_dir.Corpus, "t")}') WHERE path_in_schema = 's'")!;
        Assert.DoesNotContain("DICTIONARY", encodings, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Statistics_AreEachRowGroupsMinAndMax_AndFiltersNeverLoseARow()
    {
        // Row groups of 1,000: unsigned values above 2^63 in some, negative numbers, doubles with infinities and zeros
        // of both signs, text and bytes whose order is bytewise (é after z), NULLs, and a row group of NULLs only.
        var run = _dir.WriteRawRun("stats",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, u INTEGER, s INTEGER, d REAL, txt TEXT, b BLOB)",
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999) INSERT INTO t SELECT i + 1, "
                + "CASE WHEN i >= 4000 THEN NULL WHEN i % 2 = 0 THEN -1 - i ELSE i END, "
                + "CASE WHEN i >= 4000 THEN NULL ELSE (i - 2500) * 1000003 END, "
                + "CASE WHEN i >= 4000 THEN NULL WHEN i % 997 = 0 THEN 1e308 * 10 WHEN i % 991 = 0 THEN -1e308 * 10 WHEN i % 5 = 0 THEN -0.0 ELSE (i - 2000) / 3.0 END, "
                + "CASE WHEN i >= 4000 THEN NULL WHEN i % 7 = 0 THEN 'é' || i ELSE 'z' || (i % 13) END, "
                + "CASE WHEN i >= 4000 THEN NULL ELSE CAST(char(200 + i % 50) || i AS BLOB) END FROM n");
        var schemas = new[] { Ulong("t", "u") };
        var result = Assert.Single(_dir.Export([run], new ExportOptions { RowGroupSize = 1_000, Schemas = schemas }));
        Assert.True(result.Status == ExportStatus.Exported, result.Error);

        // The statistics of integers and text, as DuckDB reads them (it shows none for doubles; the filters below use them).
        string part = Look.FirstPart(_dir.Corpus, "t");
        foreach (var column in new[] { "u", "s", "txt" })
        {
            for (int group = 0; group < 5; group++)
            {
                var expected = Look.Campaign(_dir.Corpus,
                    $"SELECT min({column})::VARCHAR, max({column})::VARCHAR, count(*) - count({column}) FROM t WHERE id > {group * 1000} AND id <= {(group + 1) * 1000}").Single();
                var written = Look.Campaign(_dir.Corpus,
                    $"SELECT stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('{part}') WHERE path_in_schema = '{column}' AND row_group_id = {group}").Single();
                Assert.Equal(expected[2], Long(written[2]));
                Assert.Equal(expected[0], written[0]);
                Assert.Equal(expected[1], written[1]);
            }
        }

        // Filters DuckDB may answer from the statistics alone count what SQLite counts.
        (string Exported, string Sqlite)[] filters =
        [
            ("u > 9223372036854775807", "u < 0"),
            ("u < 100", "u >= 0 AND u < 100"),
            ("s < -2000000000", "s < -2000000000"),
            ("s > 1000000000", "s > 1000000000"),
            ("d = 'Infinity'::DOUBLE", "d = 1e308 * 10"),
            ("d < -600", "d < -600"),
            ("d = 0", "d = 0"),
            ("txt > 'z9'", "txt > 'z9'"),
            ("txt >= 'é'", "txt >= 'é'"),
            ("b > '\\xC3\\xA0'::BLOB", "b > x'C3A0'"),
            ("u IS NULL", "u IS NULL"),
        ];
        foreach (var (exported, sqlite) in filters)
        {
            long expected = (long)Look.Sqlite(run, $"SELECT count(*) FROM t WHERE {sqlite}")[0][0]!;
            Assert.True(expected > 0, $"{sqlite} matches nothing: the filter tests nothing");
            Assert.Equal(expected, Long(Look.Scalar(_dir.Corpus, $"SELECT count(*) FROM t WHERE {exported}")));
        }
    }

    [Fact]
    public void Export_TextThatIsNotUtf8_IsReadBackWithReplacementCharacters()
    {
        // SQLite keeps whatever bytes it is given as TEXT; a Parquet STRING must be UTF-8, or DuckDB refuses the file.
        var run = _dir.WriteRawRun("bad-utf8",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)",
            "INSERT INTO t VALUES (1, 'ok'), (2, CAST(x'61ff62' AS TEXT)), (3, CAST(x'c3' AS TEXT)), (4, 'é'), (5, CAST(x'eda080' AS TEXT))");
        Export(run);
        Assert.Equal([["ok"], ["a\uFFFDb"], ["\uFFFD"], ["é"], ["\uFFFD\uFFFD\uFFFD"]], Look.Campaign(_dir.Corpus, "SELECT s FROM t ORDER BY id"));
    }

    [Fact]
    public void Export_ValuesLongerThanAStatistic_RoundTripWithoutStatistics()
    {
        var run = _dir.WriteRawRun("long",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, b BLOB)",
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99) INSERT INTO t SELECT i + 1, printf('%.*c', 100 + i * 10, 'x'), randomblob(i * 50) FROM n");
        Export(run);
        AssertSameRows(run, "t", "id, s, b");
        Assert.Equal(3L, Long(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM t WHERE length(s) > 1060")));
        var stats = Look.Campaign(_dir.Corpus, $"SELECT stats_max_value FROM parquet_metadata('{Look.FirstPart(_dir.Corpus, "t")}') WHERE path_in_schema IN ('s', 'b')");
        Assert.All(stats, s => Assert.Null(s[0]));
    }

    /// <summary>A compiled schema that says <paramref name="column"/> of <paramref name="table"/> is a <c>ulong</c>.</summary>
    private static EventTableSchema Ulong(string table, string column) => new(table, [new EventColumn(column, ColumnType.Integer, true, "ulong")]);
}
