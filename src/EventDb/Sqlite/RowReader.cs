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
    public long? NullableInt64() => SkipNull() ? null : Int64();

    /// <summary>Reads a REAL (NULL reads as 0).</summary>
    public double Double() => raw.sqlite3_column_double(_statement, _index++);

    /// <summary>Reads a nullable REAL.</summary>
    public double? NullableDouble() => SkipNull() ? null : Double();

    /// <summary>Reads text (NULL reads as the empty string).</summary>
    public string Text() => NullableText() ?? string.Empty;

    /// <summary>Reads nullable text.</summary>
    public string? NullableText()
    {
        if (SkipNull())
            return null;
        var span = raw.sqlite3_column_blob(_statement, _index++);
        return System.Text.Encoding.UTF8.GetString(span);
    }

    /// <summary>Reads a BLOB (NULL reads as an empty array).</summary>
    public byte[] Blob() => NullableBlob() ?? [];

    /// <summary>Reads a nullable BLOB.</summary>
    public byte[]? NullableBlob() => SkipNull() ? null : raw.sqlite3_column_blob(_statement, _index++).ToArray();

    /// <summary>Steps past the current column when it is NULL.</summary>
    private bool SkipNull()
    {
        if (raw.sqlite3_column_type(_statement, _index) != raw.SQLITE_NULL)
            return false;
        _index++;
        return true;
    }
}
