using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The SQLite storage's <see cref="IRowReader"/>: the columns of the current row of a stepped SELECT, in order. Each
/// read checks the value's storage class first (<c>sqlite3_column_type</c>), since SQLite would convert any value to the
/// type asked for (text to 0, 1.5 to 1, NULL to an empty string). A nullable member's <see cref="TryNull"/> has asked
/// already: the read that follows uses its answer (asking twice cost ~15% of reading Penguin's syscalls). Text is
/// decoded as <see cref="Encoding.UTF8"/> does, bytes that are not UTF-8 (which no writer of these files stores) as
/// U+FFFD: checking every string cost ~3% more.
/// </summary>
internal unsafe struct SqliteRowReader(nint statement, int firstColumn) : IRowReader
{
    private int _column = firstColumn;

    // The current column's storage class when TryNull found it, else 0 (no SQLite type is 0).
    private int _knownType;

    /// <summary>The column the next call reads (after a failed call: the one after the column it failed on).</summary>
    public readonly int Column => _column;

    public bool TryNull()
    {
        int type = NativeMethods.sqlite3_column_type(statement, _column);
        if (type != raw.SQLITE_NULL)
        {
            _knownType = type;
            return false;
        }
        _column++;
        return true;
    }

    public long Int64()
    {
        if (TypeOfCurrent() != raw.SQLITE_INTEGER)
            Refuse("an integer");
        return NativeMethods.sqlite3_column_int64(statement, Advance());
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
        int type = TypeOfCurrent();
        if (type == raw.SQLITE_FLOAT)
            return NativeMethods.sqlite3_column_double(statement, Advance());
        // An untyped or NUMERIC column stores a whole number as an integer.
        if (type != raw.SQLITE_INTEGER || !IsExactDouble(NativeMethods.sqlite3_column_int64(statement, _column)))
            Refuse("a real number");
        return NativeMethods.sqlite3_column_int64(statement, Advance());
    }

    public string Text()
    {
        var text = Utf8();
        return text.IsEmpty ? string.Empty : Encoding.UTF8.GetString(text);
    }

    public ReadOnlySpan<byte> Utf8()
    {
        if (TypeOfCurrent() != raw.SQLITE_TEXT)
            Refuse("text");
        // sqlite3_column_text first, then _bytes: the order SQLite documents, so the length is of the text form.
        byte* text = NativeMethods.sqlite3_column_text(statement, _column);
        int length = NativeMethods.sqlite3_column_bytes(statement, Advance());
        return text == null ? default : new ReadOnlySpan<byte>(text, length);
    }

    public byte[] Blob()
    {
        // Text in a BLOB column (which has no affinity to convert it) reads as the bytes SQLite holds.
        if (TypeOfCurrent() is not (raw.SQLITE_BLOB or raw.SQLITE_TEXT))
            Refuse("a blob");
        byte* blob = NativeMethods.sqlite3_column_blob(statement, _column);
        int length = NativeMethods.sqlite3_column_bytes(statement, Advance());
        return blob == null ? [] : new ReadOnlySpan<byte>(blob, length).ToArray();
    }

    private readonly int TypeOfCurrent() => _knownType != 0 ? _knownType : NativeMethods.sqlite3_column_type(statement, _column);

    /// <summary>Moves to the next column; returns the current one.</summary>
    private int Advance()
    {
        _knownType = 0;
        return _column++;
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
