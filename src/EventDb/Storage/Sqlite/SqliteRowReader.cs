using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The SQLite storage's <see cref="IRowReader"/>: the columns of the current row of a stepped SELECT, in order. Each
/// read checks the value's storage class first (<c>sqlite3_column_type</c>), since SQLite would convert any value to the
/// type asked for (text to 0, 1.5 to 1, NULL to an empty string).
/// </summary>
internal unsafe struct SqliteRowReader(nint statement, int firstColumn) : IRowReader
{
    // Invalid UTF-8 throws (DecoderFallbackException, which the caller reports with the column) rather than becoming U+FFFD.
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private int _column = firstColumn;

    /// <summary>The column the next call reads (after a failed call: the one after the column it failed on).</summary>
    public readonly int Column => _column;

    public bool TryNull()
    {
        if (NativeMethods.sqlite3_column_type(statement, _column) != raw.SQLITE_NULL)
            return false;
        _column++;
        return true;
    }

    public long Int64()
    {
        if (NativeMethods.sqlite3_column_type(statement, _column) != raw.SQLITE_INTEGER)
            Refuse("an integer");
        return NativeMethods.sqlite3_column_int64(statement, _column++);
    }

    public long Int64(long min, long max)
    {
        long value = Int64();
        if (value < min || value > max)
            Refuse(_column - 1, string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}"));
        return value;
    }

    public ulong UInt64(ulong max)
    {
        ulong value = unchecked((ulong)Int64());
        if (value > max)
            Refuse(_column - 1, string.Create(CultureInfo.InvariantCulture, $"an integer from 0 to {max}"));
        return value;
    }

    public double Real()
    {
        int type = NativeMethods.sqlite3_column_type(statement, _column);
        if (type == raw.SQLITE_FLOAT)
            return NativeMethods.sqlite3_column_double(statement, _column++);
        // An untyped or NUMERIC column stores a whole number as an integer.
        if (type != raw.SQLITE_INTEGER || !IsExactDouble(NativeMethods.sqlite3_column_int64(statement, _column)))
            Refuse("a real number");
        return NativeMethods.sqlite3_column_int64(statement, _column++);
    }

    public string Text()
    {
        var text = Utf8();
        return text.IsEmpty ? string.Empty : s_utf8.GetString(text);
    }

    public ReadOnlySpan<byte> Utf8()
    {
        if (NativeMethods.sqlite3_column_type(statement, _column) != raw.SQLITE_TEXT)
            Refuse("text");
        // sqlite3_column_text first, then _bytes: the order SQLite documents, so the length is of the text form.
        byte* text = NativeMethods.sqlite3_column_text(statement, _column);
        int length = NativeMethods.sqlite3_column_bytes(statement, _column);
        _column++;
        return text == null ? default : new ReadOnlySpan<byte>(text, length);
    }

    public byte[] Blob()
    {
        // Text in a BLOB column (which has no affinity to convert it) reads as the bytes SQLite holds.
        if (NativeMethods.sqlite3_column_type(statement, _column) is not (raw.SQLITE_BLOB or raw.SQLITE_TEXT))
            Refuse("a blob");
        byte* blob = NativeMethods.sqlite3_column_blob(statement, _column);
        int length = NativeMethods.sqlite3_column_bytes(statement, _column);
        _column++;
        return blob == null ? [] : new ReadOnlySpan<byte>(blob, length).ToArray();
    }

    private static bool IsExactDouble(long value)
    {
        double real = value;
        return real is >= -9223372036854775808.0 and < 9223372036854775808.0 && (long)real == value; // -2^63 <= real < 2^63
    }

    [DoesNotReturn]
    private void Refuse(string expected) => Refuse(_column, expected);

    [DoesNotReturn]
    private readonly void Refuse(int column, string expected)
    {
        var stored = Describe(column);
        throw new StoredValueException(column, $"holds {stored} where the member reads {expected}{(stored == "NULL" ? " (it is not nullable)" : "")}");
    }

    /// <summary>The value as stored: its storage class and a short form of it.</summary>
    private readonly string Describe(int column) => NativeMethods.sqlite3_column_type(statement, column) switch
    {
        raw.SQLITE_INTEGER => string.Create(CultureInfo.InvariantCulture, $"INTEGER {NativeMethods.sqlite3_column_int64(statement, column)}"),
        raw.SQLITE_FLOAT => "REAL " + NativeMethods.sqlite3_column_double(statement, column).ToString("R", CultureInfo.InvariantCulture),
        raw.SQLITE_TEXT => "TEXT " + Quoted(new ReadOnlySpan<byte>(NativeMethods.sqlite3_column_text(statement, column), NativeMethods.sqlite3_column_bytes(statement, column))),
        raw.SQLITE_BLOB => string.Create(CultureInfo.InvariantCulture, $"a BLOB of {NativeMethods.sqlite3_column_bytes(statement, column)} bytes"),
        _ => "NULL",
    };

    private static string Quoted(ReadOnlySpan<byte> utf8)
    {
        const int Shown = 40;
        var text = Encoding.UTF8.GetString(utf8);
        return "'" + (text.Length <= Shown ? text : text[..Shown] + "...") + "'";
    }
}

/// <summary>A stored value a <see cref="SqliteRowReader"/> would not read: which column, and why (the caller names the row).</summary>
internal sealed class StoredValueException(int column, string problem) : Exception(problem)
{
    public int Column { get; } = column;
}
