using System.Collections;
using System.Data.Common;
using DuckDB.NET.Data;
using EventDb.Export.Internals;

namespace EventDb.Export;

/// <summary>
/// SQL over a whole corpus with an embedded DuckDB: each table of the corpus is a view over its Parquet files
/// (<c>read_parquet('CORPUS/table=T/*/*.parquet', hive_partitioning = true)</c>), so <c>run</c> is a column and one
/// query sees every run. DuckDB's Parquet reader is built into its library: nothing is downloaded.
/// </summary>
/// <remarks>
/// A campaign reads its corpus and the <see cref="CampaignOptions.AllowedPaths"/>, nothing else: no other file, no
/// URL, no extension installed or loaded; DuckDB's temporary files go to a directory of the campaign's own, removed
/// at <see cref="Dispose"/>. Its settings are locked before the first query. An instance is used by one thread at a
/// time. Runs exported while it is open are seen by the next query.
/// </remarks>
public sealed class Campaign : IDisposable
{
    private readonly DuckDBConnection _connection;

    private Campaign(string corpus, DuckDBConnection connection, IReadOnlyList<string> tables, string tempDirectory)
    {
        Corpus = corpus;
        _connection = connection;
        Tables = tables;
        TempDirectory = tempDirectory;
    }

    /// <summary>The corpus directory.</summary>
    public string Corpus { get; }

    /// <summary>The tables that have at least one run, in name order: one view each.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>The campaign's own directory for DuckDB's temporary files.</summary>
    internal string TempDirectory { get; }

    /// <summary>The DuckDB connection, for tests that go past <see cref="Query"/>'s guard.</summary>
    internal DuckDBConnection Connection => _connection;

    /// <summary>Opens <paramref name="corpus"/>: an in-memory DuckDB with a view per table.</summary>
    /// <exception cref="DirectoryNotFoundException">The corpus, or an allowed path, does not exist.</exception>
    /// <exception cref="IOException">The campaign's temporary directory cannot be created.</exception>
    public static Campaign Open(string corpus, CampaignOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(corpus);
        options ??= new CampaignOptions();
        var root = Path.GetFullPath(corpus);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"There is no corpus at '{root}'.");
        var allowed = options.AllowedPaths.Select(Path.GetFullPath).ToList();
        if (allowed.Find(p => !Path.Exists(p)) is { } missing)
            throw new DirectoryNotFoundException($"There is no file or directory at '{missing}' to allow.");
        var tables = Directory.EnumerateDirectories(root, CorpusLayout.TablePrefix + "*")
            .Where(d => Directory.EnumerateFiles(d, "*.parquet", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 }).Any())
            .Select(d => Path.GetFileName(d)[CorpusLayout.TablePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        var temp = CreateTempDirectory();
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            CampaignSandbox.Apply(connection, [root, .. allowed], temp, options.MemoryLimit);
            foreach (var table in tables)
                Execute(connection, $"CREATE VIEW {DuckSql.Identifier(table)} AS {Select(root, table)}");
            return new Campaign(root, connection, tables, temp);
        }
        catch
        {
            connection.Dispose();
            Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The SELECT behind a table's view: every part file of every run, columns matched by name (a run exported before a
    /// column was added has NULL there), the run from the directory name as text, the <c>table=</c> key left out.
    /// </summary>
    internal static string Select(string root, string table)
    {
        var glob = Path.Combine(root, CorpusLayout.TablePrefix + table, "*", "*.parquet");
        return $"SELECT * EXCLUDE (\"table\") FROM read_parquet({DuckSql.Literal(glob)}, hive_partitioning = true, hive_types = {{'run': VARCHAR}}, union_by_name = true)";
    }

    /// <summary>
    /// Runs <paramref name="sql"/>, one query; the rows are read as they are enumerated. Dispose the result when done.
    /// Any other statement (<c>COPY ... TO</c>, <c>INSERT</c>, <c>ATTACH</c>, <c>SET</c>, ...) is refused before it
    /// runs, so a campaign never writes a file.
    /// </summary>
    /// <exception cref="CampaignQueryException">The SQL does not parse, or is not exactly one query.</exception>
    /// <exception cref="DuckDBException">The query failed (an unknown table or column, a failed cast, ...).</exception>
    public CampaignRows Query(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        QueryGuard.Check(_connection, sql);
        var command = _connection.CreateCommand();
        try
        {
            command.CommandText = sql;
            return new CampaignRows(command, command.ExecuteReader());
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    private static string CreateTempDirectory()
    {
        try
        {
            return Directory.CreateTempSubdirectory("eventdb-campaign-").FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not a DirectoryNotFoundException, which would say that the corpus is missing.
            throw new IOException($"Cannot create the campaign's temporary directory under '{Path.GetTempPath()}' (TMPDIR): {ex.Message}", ex);
        }
    }

    /// <summary>Closes the database and removes its temporary directory.</summary>
    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // disposed before
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

}

/// <summary>
/// The rows of a campaign query: column names, then each row's values as DuckDB.NET gives them (<see cref="long"/>,
/// <see cref="ulong"/>, <see cref="System.Numerics.BigInteger"/> for HUGEINT sums, <see cref="double"/>,
/// <see cref="decimal"/>, <see cref="string"/>, <see cref="bool"/>, ...), BLOBs as <see cref="byte"/>[] and NULL as
/// null. Enumerate once.
/// </summary>
public sealed class CampaignRows : IEnumerable<object?[]>, IDisposable
{
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;

    internal CampaignRows(DbCommand command, DbDataReader reader)
    {
        _command = command;
        _reader = reader;
        Columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }

    /// <summary>The result's column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc/>
    public IEnumerator<object?[]> GetEnumerator()
    {
        while (_reader.Read())
        {
            var row = new object?[Columns.Count];
            for (int i = 0; i < row.Length; i++)
                row[i] = _reader.IsDBNull(i) ? null : Value(_reader.GetValue(i));
            yield return row;
        }
    }

    private static object Value(object value)
    {
        if (value is not Stream stream)
            return value;
        using (stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Closes the reader.</summary>
    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}
