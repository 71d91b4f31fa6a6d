using System.Runtime.CompilerServices;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The rows of an SQL query, read one at a time and column by column as their storage class, without boxing: step with
/// <see cref="Read"/>, then ask each column's <see cref="TypeOf"/> and read it with the matching getter. Text and bytes
/// are spans into SQLite's own memory, valid until the next <see cref="Read"/> or <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Made by <see cref="EventFile.OpenCursor"/>, on the file's read-only connection; it holds a prepared statement, so
/// dispose it. A getter that does not match the column's type converts the value as SQLite does
/// (<c>sqlite3_value_*</c>). Used by one thread at a time, like its <see cref="EventFile"/>.
/// </remarks>
public sealed unsafe class SqlCursor : IDisposable
{
    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private readonly string _query;
    private readonly bool _utf8;
    // The current row's value objects, one per column (sqlite3_column_value): each sqlite3_column_* call would look the
    // column up again, and that was a third of the time spent reading a value.
    private readonly nint[] _values;
    private bool _onRow;
    private bool _done;

    internal SqlCursor(SqliteDatabase db, sqlite3_stmt statement, string sql)
    {
        _connection = db.Handle;
        _statement = statement;
        _handle = statement.DangerousGetHandle();
        _query = $"'{sql}' on '{db.Path}'";
        _utf8 = db.QueryText("PRAGMA encoding") is [["UTF-8", ..], ..];
        var columns = new string[raw.sqlite3_column_count(statement)];
        for (int i = 0; i < columns.Length; i++)
            columns[i] = raw.sqlite3_column_name(statement, i).utf8_to_string();
        Columns = columns;
        _values = new nint[columns.Length];
    }

    /// <summary>The result's column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Steps to the next row: true when there is one, false at the end (and from then on).</summary>
    /// <exception cref="EventDbException">SQLite failed to read the row.</exception>
    /// <exception cref="ObjectDisposedException">The cursor or its <see cref="EventFile"/> was disposed.</exception>
    public bool Read()
    {
        // A closed connection may have finalized the statement with it: stepping its pointer would read freed memory.
        ObjectDisposedException.ThrowIf(_statement.IsClosed || _connection.IsClosed, this);
        _onRow = false;
        if (_done)
            return false;
        int rc = NativeMethods.sqlite3_step(_handle);
        if (rc != raw.SQLITE_ROW)
        {
            _done = true;
            if (rc != raw.SQLITE_DONE)
                SqliteErrors.Throw(rc, _connection, _query + " failed");
            return false;
        }
        // A row's values are consecutive registers of the statement: when the first is where it was, so are the others
        // (a compound SELECT may return rows from other registers, and then they are found again).
        var values = _values;
        if (values.Length > 0 && NativeMethods.sqlite3_column_value(_handle, 0) is var first && first != values[0])
        {
            values[0] = first;
            for (int i = 1; i < values.Length; i++)
                values[i] = NativeMethods.sqlite3_column_value(_handle, i);
        }
        return _onRow = true;
    }

    /// <summary>The storage class of column <paramref name="column"/> of the current row.</summary>
    public SqlValueType TypeOf(int column) => NativeMethods.sqlite3_value_type(Value(column)) switch
    {
        raw.SQLITE_INTEGER => SqlValueType.Integer,
        raw.SQLITE_FLOAT => SqlValueType.Real,
        raw.SQLITE_TEXT => SqlValueType.Text,
        raw.SQLITE_BLOB => SqlValueType.Blob,
        _ => SqlValueType.Null,
    };

    /// <summary>The column's value as an integer.</summary>
    public long GetInt64(int column) => NativeMethods.sqlite3_value_int64(Value(column));

    /// <summary>The column's value as a real.</summary>
    public double GetDouble(int column) => NativeMethods.sqlite3_value_double(Value(column));

    /// <summary>
    /// The column's text as UTF-8 bytes, exactly as stored (not checked to be valid UTF-8; converted from UTF-16 in a
    /// UTF-16 file). Empty for NULL.
    /// </summary>
    public ReadOnlySpan<byte> GetUtf8(int column)
    {
        nint value = Value(column);
        // In a UTF-8 file the stored bytes are the text: the blob accessor hands them over as they are, where the text
        // accessor first copies a value that is not NUL-terminated, to terminate it. A UTF-16 file's text is converted.
        // Text first, then bytes: the order SQLite documents, so the length is of the text form.
        byte* text = _utf8 ? NativeMethods.sqlite3_value_blob(value) : NativeMethods.sqlite3_value_text(value);
        int length = NativeMethods.sqlite3_value_bytes(value);
        return text == null ? default : new ReadOnlySpan<byte>(text, length);
    }

    /// <summary>The column's bytes (a BLOB's, or a text's as stored). Empty for NULL and for an empty BLOB.</summary>
    public ReadOnlySpan<byte> GetBytes(int column)
    {
        nint value = Value(column);
        byte* blob = NativeMethods.sqlite3_value_blob(value);
        int length = NativeMethods.sqlite3_value_bytes(value);
        return blob == null ? default : new ReadOnlySpan<byte>(blob, length);
    }

    /// <summary>The value object of <paramref name="column"/> in the current row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint Value(int column)
    {
        // The connection too: closing it may have finalized the statement, and the values would be freed memory.
        if (!_onRow || (uint)column >= (uint)_values.Length || _connection.IsClosed)
            ThrowNotReadable(column);
        return _values[column];
    }

    private void ThrowNotReadable(int column)
    {
        ObjectDisposedException.ThrowIf(_statement.IsClosed || _connection.IsClosed, this);
        if ((uint)column >= (uint)_values.Length)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The query has {_values.Length} columns.");
        throw new InvalidOperationException("There is no current row: call Read first, and read only while it returns true.");
    }

    /// <summary>Finalizes the statement; spans read from it are no longer valid.</summary>
    public void Dispose()
    {
        _onRow = false;
        _done = true;
        _statement.Dispose();
    }
}
