using System.ComponentModel;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// Reads the columns of the current row of a stepped SELECT in order, one call per column. Generated
/// <see cref="IEventTable{TSelf}.Read"/> methods call it; the column index advances by itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct RowReader
{
    private readonly sqlite3_stmt _statement;
    private int _index;

    internal RowReader(sqlite3_stmt statement, int firstIndex)
    {
        _statement = statement;
        _index = firstIndex;
    }

    /// <summary>Reads an INTEGER (NULL reads as 0).</summary>
    public long Int64() => raw.sqlite3_column_int64(_statement, _index++);

    /// <summary>Reads a nullable INTEGER.</summary>
    public long? NullableInt64() => IsNull() ? Skip<long>() : Int64();

    /// <summary>Reads a REAL (NULL reads as 0).</summary>
    public double Double() => raw.sqlite3_column_double(_statement, _index++);

    /// <summary>Reads a nullable REAL.</summary>
    public double? NullableDouble() => IsNull() ? Skip<double>() : Double();

    /// <summary>Reads text (NULL reads as the empty string).</summary>
    public string Text() => NullableText() ?? string.Empty;

    /// <summary>Reads nullable text.</summary>
    public string? NullableText()
    {
        if (IsNull())
            return Skip<string>();
        var span = raw.sqlite3_column_blob(_statement, _index++);
        return System.Text.Encoding.UTF8.GetString(span);
    }

    /// <summary>Reads a BLOB (NULL reads as an empty array).</summary>
    public byte[] Blob() => NullableBlob() ?? [];

    /// <summary>Reads a nullable BLOB.</summary>
    public byte[]? NullableBlob() => IsNull() ? Skip<byte[]>() : raw.sqlite3_column_blob(_statement, _index++).ToArray();

    private readonly bool IsNull() => raw.sqlite3_column_type(_statement, _index) == raw.SQLITE_NULL;

    private T? Skip<T>()
    {
        _index++;
        return default;
    }
}
