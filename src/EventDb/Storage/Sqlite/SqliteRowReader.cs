using System.Text;
using SQLitePCL;

namespace EventDb;

/// <summary>The SQLite storage's <see cref="IRowReader"/>: the columns of the current row of a stepped SELECT, in order.</summary>
internal unsafe struct SqliteRowReader(nint statement, int firstColumn) : IRowReader
{
    private int _column = firstColumn;

    public bool TryNull()
    {
        if (NativeMethods.sqlite3_column_type(statement, _column) != raw.SQLITE_NULL)
            return false;
        _column++;
        return true;
    }

    public long Int64() => NativeMethods.sqlite3_column_int64(statement, _column++);

    public double Real() => NativeMethods.sqlite3_column_double(statement, _column++);

    public string Text()
    {
        var text = Utf8();
        return text.IsEmpty ? string.Empty : Encoding.UTF8.GetString(text);
    }

    public ReadOnlySpan<byte> Utf8()
    {
        // sqlite3_column_text first, then _bytes: the order SQLite documents, so the length is of the text form.
        byte* text = NativeMethods.sqlite3_column_text(statement, _column);
        int length = NativeMethods.sqlite3_column_bytes(statement, _column);
        _column++;
        return text == null ? default : new ReadOnlySpan<byte>(text, length);
    }

    public byte[] Blob()
    {
        byte* blob = NativeMethods.sqlite3_column_blob(statement, _column);
        int length = NativeMethods.sqlite3_column_bytes(statement, _column);
        _column++;
        return blob == null ? [] : new ReadOnlySpan<byte>(blob, length).ToArray();
    }
}
