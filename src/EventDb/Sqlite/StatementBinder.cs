using System.ComponentModel;
using System.Runtime.CompilerServices;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// Binds the parameters of one prepared INSERT in order, one call per column. Generated
/// <see cref="IEventTable{TSelf}.Bind"/> methods call it; the parameter index advances by itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct StatementBinder
{
    private readonly sqlite3_stmt _statement;
    private int _index;

    internal StatementBinder(sqlite3_stmt statement, int firstIndex = 1)
    {
        _statement = statement;
        _index = firstIndex;
    }

    /// <summary>The 1-based index of the next parameter.</summary>
    public readonly int NextIndex => _index;

    /// <summary>Binds an INTEGER. Unsigned and wider values arrive already wrapped by the generated code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int64(long value) => Check(raw.sqlite3_bind_int64(_statement, _index++, value));

    /// <summary>Binds an INTEGER, or NULL when <paramref name="value"/> has none.</summary>
    public void Int64(long? value)
    {
        if (value is { } v)
            Int64(v);
        else
            Null();
    }

    /// <summary>Binds a REAL.</summary>
    public void Double(double value) => Check(raw.sqlite3_bind_double(_statement, _index++, value));

    /// <summary>Binds a REAL, or NULL when <paramref name="value"/> has none.</summary>
    public void Double(double? value)
    {
        if (value is { } v)
            Double(v);
        else
            Null();
    }

    /// <summary>Binds text as UTF-8, or NULL for a null string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Text(string? value)
    {
        if (value is null)
            Null();
        else
            Check(raw.sqlite3_bind_text16(_statement, _index++, value.AsSpan()));
    }

    /// <summary>Binds a BLOB; an empty span is an empty BLOB, not NULL.</summary>
    public void Blob(ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, _index++, value));

    /// <summary>Binds a BLOB, or NULL for a null array.</summary>
    public void Blob(byte[]? value)
    {
        if (value is null)
            Null();
        else
            Blob(value.AsSpan());
    }

    /// <summary>Binds NULL.</summary>
    public void Null() => Check(raw.sqlite3_bind_null(_statement, _index++));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            EventDbThrow.Bind(rc, _statement, _index - 1);
    }
}
