using System.Text;
using EventDb.Export.Internals.Parquet;
using EventDb.Metadata;
using Parquet;
using Parquet.Schema;

namespace EventDb.Export.Tests;

/// <summary>
/// Every column kind the export writes (INT64, UINT64, DOUBLE, STRING, BINARY; OPTIONAL and REQUIRED), read back by two
/// Parquet readers that share no code with the writer: DuckDB (the campaign engine, C++) and Parquet.Net (managed).
/// Both must give SQLite's values row for row, over many row groups and part files, and each row group's statistics
/// must be its values' minimum, maximum and NULL count as Parquet.Net decodes them.
/// </summary>
public sealed class RoundTripTests : IDisposable
{
    private const int Rows = 5_000;
    private const int RowGroupSize = 512; // 10 row groups
    private const long RowsPerFile = 2_048; // 3 part files

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Each column cycles through its edge cases; "many" is distinct on every row (plain, no dictionary), "half" repeats
    // one value 200 times in each row group and is distinct otherwise (the dictionary is given up part way), "few" has
    // three values (a dictionary of three).
    private const string Table =
        "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, i_nn INTEGER NOT NULL, u INTEGER, u_nn INTEGER NOT NULL, "
        + "r REAL, r_nn REAL NOT NULL, d, s TEXT, s_nn TEXT NOT NULL, few TEXT, many TEXT, half TEXT, b BLOB, b_nn BLOB NOT NULL)";

    private static readonly string Fill =
        $"WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < {Rows - 1}) INSERT INTO t SELECT n + 1, "
        + "CASE n % 7 WHEN 0 THEN NULL WHEN 1 THEN -9223372036854775808 WHEN 2 THEN 9223372036854775807 WHEN 3 THEN 0 WHEN 4 THEN -1 ELSE n * 7919 - 20000000 END, "
        + "CASE n % 11 WHEN 0 THEN -9223372036854775808 WHEN 1 THEN 9223372036854775807 ELSE n - 2500 END, "
        // ulong columns: -1 is 2^64 - 1, the smallest long is 2^63 (the bit pattern is stored).
        + "CASE n % 5 WHEN 0 THEN NULL WHEN 1 THEN -1 WHEN 2 THEN -9223372036854775808 WHEN 3 THEN 0 ELSE n END, "
        + "CASE n % 4 WHEN 0 THEN -1 WHEN 1 THEN 9223372036854775807 ELSE n END, "
        + "CASE n % 9 WHEN 0 THEN NULL WHEN 1 THEN 1e308 * 10 WHEN 2 THEN -1e308 * 10 WHEN 3 THEN -0.0 WHEN 4 THEN 0.0 "
        + "WHEN 5 THEN 4.9406564584124654e-324 WHEN 6 THEN 1.7976931348623157e308 ELSE n / 3.0 END, "
        + "CASE n % 3 WHEN 0 THEN -1e308 * 10 ELSE n * 0.25 - 600 END, "
        // No declared type and only reals: exported as DOUBLE, and SQLite keeps -0.0 as a real there.
        + "CASE n % 4 WHEN 0 THEN -0.0 WHEN 1 THEN NULL WHEN 2 THEN 0.0 ELSE -n / 7.0 END, "
        + "CASE n % 8 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'é' || n WHEN 3 THEN '日本語' WHEN 4 THEN '🦀 ' || (n % 3) "
        + "WHEN 5 THEN 'a' || char(0) || 'b' WHEN 6 THEN char(65535) || char(1114111) ELSE 'plain' END, "
        + "CASE n % 4 WHEN 0 THEN '' ELSE 'x' || (n % 10) END, "
        + "'name-' || (n % 3), "
        + "printf('%d-%x', n, n * 2654435761), "
        + "CASE WHEN n % 512 < 200 THEN 'rep' ELSE 'distinct-' || n END, "
        + "CASE n % 5 WHEN 0 THEN NULL WHEN 1 THEN x'' WHEN 2 THEN x'00' WHEN 3 THEN x'00ff80' ELSE randomblob(n % 40) END, "
        // `||` makes TEXT, even of blobs: a BLOB column holding text too.
        + "CASE n % 3 WHEN 0 THEN x'' ELSE zeroblob(n % 5) || CAST(n AS BLOB) END "
        + "FROM k";

    private const string Columns = "id, i, i_nn, u, u_nn, r, r_nn, d, s, s_nn, few, many, half, b, b_nn";

    private static readonly EventTableSchema[] Ulongs =
        [new("t", [new EventColumn("u", ColumnType.Integer, true, "ulong"), new EventColumn("u_nn", ColumnType.Integer, false, "ulong")])];

    private string ExportKinds()
    {
        var run = _dir.WriteRawRun("kinds", Table, Fill);
        var result = Assert.Single(_dir.Export([run], new ExportOptions { RowGroupSize = RowGroupSize, RowsPerFile = RowsPerFile, Schemas = Ulongs }));
        Assert.True(result.Status == ExportStatus.Exported, result.Error);
        return run;
    }

    private static List<object?[]> SqliteRows(string run)
    {
        var rows = Look.Sqlite(run, $"SELECT {Columns} FROM t ORDER BY id");
        // The cases the test is about must be in the file, or it tests nothing.
        Assert.Contains(rows, r => r[5] is double x && double.IsPositiveInfinity(x));
        Assert.Contains(rows, r => r[7] is double x && x == 0 && double.IsNegative(x));
        Assert.Contains(rows, r => r[8] is string x && x.Contains('\0', StringComparison.Ordinal));
        Assert.Contains(rows, r => r[13] is byte[] { Length: 0 });
        return rows;
    }

    [Fact]
    public void Export_EveryKind_ReadByDuckDb_IsSqlitesValues()
    {
        var run = ExportKinds();
        var expected = SqliteRows(run);
        var exported = Look.Campaign(_dir.Corpus, $"SELECT {Columns} FROM t ORDER BY id");
        AssertSameRows(expected, exported, "DuckDB");
        // The types DuckDB sees: the ulong columns unsigned, the untyped one DOUBLE, text VARCHAR, bytes BLOB.
        var types = Look.Pairs(_dir.Corpus, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM t)");
        Assert.Equal("UBIGINT", types["u"]);
        Assert.Equal("DOUBLE", types["d"]);
        Assert.Equal("VARCHAR", types["many"]);
        Assert.Equal("BLOB", types["b_nn"]);
    }

    [Fact]
    public async Task Export_EveryKind_ReadByParquetNet_IsSqlitesValues_InManyRowGroupsAndParts()
    {
        var run = ExportKinds();
        var expected = SqliteRows(run);
        var parts = Directory.EnumerateFiles(Path.Combine(_dir.Corpus, "table=t"), "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, parts.Count);
        var exported = new List<object?[]>();
        int rowGroups = 0;
        foreach (var part in parts)
        {
            await using var reader = await ParquetReader.CreateAsync(part);
            var fields = reader.Schema.GetDataFields();
            Assert.Equal(Columns.Split(", "), fields.Select(f => f.Name));
            for (int g = 0; g < reader.RowGroupCount; g++, rowGroups++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var columns = new List<object?[]>();
                foreach (var field in fields)
                    columns.Add(await ReadColumn(group, field));
                for (int row = 0; row < group.RowCount; row++)
                    exported.Add([.. columns.Select(c => c[row])]);
            }
        }
        Assert.Equal(Rows / RowGroupSize + 1, rowGroups);
        AssertSameRows(expected, exported, "Parquet.Net");
    }

    [Fact]
    public async Task Export_EveryRowGroupsStatistics_AreItsMinMaxAndNullCount_AsParquetNetReadsThem()
    {
        ExportKinds();
        int checkedStatistics = 0;
        foreach (var part in Directory.EnumerateFiles(Path.Combine(_dir.Corpus, "table=t"), "*.parquet", SearchOption.AllDirectories))
        {
            await using var reader = await ParquetReader.CreateAsync(part);
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                foreach (var field in reader.Schema.GetDataFields())
                {
                    var values = await ReadColumn(group, field);
                    var statistics = group.GetStatistics(field) ?? throw new InvalidOperationException($"{field.Name}: no statistics");
                    Assert.Equal((long)values.Count(v => v is null), statistics.NullCount);
                    var present = values.Where(v => v is not null).ToList();
                    Assert.True(present.Count > 0, $"{field.Name} in row group {g} is all NULL: the bounds test nothing");
                    // Numerically for doubles: a bound of zero is -0.0 for the min and +0.0 for the max, whichever zeros there are.
                    object min = present.Min(Order)!, max = present.Max(Order)!;
                    object? writtenMin = AsFieldType(field, statistics.MinValue), writtenMax = AsFieldType(field, statistics.MaxValue);
                    Assert.True(Order.Compare(min, writtenMin) == 0, $"{field.Name} row group {g}: min {Show(writtenMin)}, expected {Show(min)}");
                    Assert.True(Order.Compare(max, writtenMax) == 0, $"{field.Name} row group {g}: max {Show(writtenMax)}, expected {Show(max)}");
                    checkedStatistics++;
                }
            }
        }
        Assert.Equal(15 * 10, checkedStatistics);
    }

    [Fact]
    public void Statistics_OfDoubles_LeaveNaNOut_AndWriteZerosAsTheFormatSays()
    {
        // SQLite stores no NaN (it binds one as NULL), so no export meets one; the writer's rule is tested directly.
        var (min, max) = Statistic.MinMax([double.NaN, 3.0, 0.0, double.NaN, -2.5]);
        Assert.Equal(-2.5, BitConverter.ToDouble(min.Bytes));
        Assert.Equal(3.0, BitConverter.ToDouble(max.Bytes));
        (min, max) = Statistic.MinMax([0.0, 0.0]);
        Assert.True(double.IsNegative(BitConverter.ToDouble(min.Bytes)), "a min of zero is -0.0");
        Assert.False(double.IsNegative(BitConverter.ToDouble(max.Bytes)), "a max of zero is +0.0");
        (min, max) = Statistic.MinMax([double.NaN]);
        Assert.Null(min.Bytes);
        Assert.Null(max.Bytes);
    }

    /// <summary>
    /// A statistic as Parquet.Net decodes it, in the field's type: it gives a UINT64 column's bounds as the INT64 they are
    /// stored as (the same 8 bytes), so they are reinterpreted, never converted.
    /// </summary>
    private static object? AsFieldType(DataField field, object? bound) => (field.ClrType, bound) switch
    {
        (var t, long bits) when t == typeof(ulong) => unchecked((ulong)bits),
        _ => bound,
    };

    /// <summary>A column of a row group as Parquet.Net reads it, NULLs as null, by the type its schema gives.</summary>
    private static async Task<object?[]> ReadColumn(ParquetRowGroupReader group, DataField field)
    {
        int rows = checked((int)group.RowCount);
        // Parquet.Net 6 gives ReadOnlyMemory<char> and ReadOnlyMemory<byte> as the types of STRING and BINARY fields, and
        // reads them into strings and arrays too.
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[rows];
            await group.ReadAsync(field, strings.AsMemory());
            return strings;
        }
        if (field.ClrType == typeof(byte[]) || field.ClrType == typeof(ReadOnlyMemory<byte>))
        {
            var bytes = new byte[]?[rows];
            await group.ReadAsync(field, bytes.AsMemory());
            return bytes;
        }
        if (field.ClrType == typeof(long))
            return await Read<long>(group, field, rows);
        if (field.ClrType == typeof(ulong))
            return await Read<ulong>(group, field, rows);
        if (field.ClrType == typeof(double))
            return await Read<double>(group, field, rows);
        throw new InvalidOperationException($"{field.Name}: unexpected type {field.ClrType}");
    }

    private static async Task<object?[]> Read<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[rows];
            await group.ReadAsync<T>(field, nullable.AsMemory());
            return [.. nullable.Select(v => v.HasValue ? (object)v.Value : null)];
        }
        var values = new T[rows];
        await group.ReadAsync<T>(field, values.AsMemory());
        return [.. values.Select(v => (object?)v)];
    }

    private static void AssertSameRows(List<object?[]> expected, List<object?[]> exported, string reader)
    {
        Assert.Equal(expected.Count, exported.Count);
        for (int row = 0; row < expected.Count; row++)
        {
            for (int column = 0; column < expected[row].Length; column++)
            {
                object? a = expected[row][column], b = exported[row][column];
                Assert.True(a is null ? b is null : b is not null && Same(a, b),
                    $"row {row} column {Columns.Split(", ")[column]}: SQLite {Show(a)}, {reader} {Show(b)}");
            }
        }
    }

    /// <summary>
    /// The same value: doubles bit for bit (so -0.0 is not 0.0), a ulong column's value as SQLite's bit pattern, text and
    /// bytes element for element.
    /// </summary>
    private static bool Same(object a, object? b) => (a, b) switch
    {
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (long x, ulong y) => unchecked((ulong)x) == y,
        (ulong x, ulong y) => x == y,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        // Text in a BLOB column: SQLite keeps it as TEXT, the export writes its bytes.
        (string x, byte[] y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceEqual(y),
        _ => Equals(a, b),
    };

    /// <summary>Parquet's order of each kind: signed, unsigned, numeric, and bytewise for text (its UTF-8) and bytes.</summary>
    private static readonly Comparer<object?> Order = Comparer<object?>.Create((a, b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (ulong x, ulong y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (string x, string y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        _ => throw new InvalidOperationException($"{a?.GetType()} against {b?.GetType()}"),
    });

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => "x'" + Convert.ToHexString(bytes) + "'",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + (double.IsNegative(d) && d == 0 ? " (-0.0)" : ""),
        _ => $"{value} ({value.GetType().Name})",
    };
}
