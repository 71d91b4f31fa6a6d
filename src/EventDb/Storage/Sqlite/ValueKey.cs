using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The values of some columns of the current row of a stepped statement, as one byte string that a dictionary can hash
/// without allocating per row (a type tag, then the value): equal values give equal bytes, whatever their column.
/// </summary>
internal sealed unsafe class ValueKey
{
    private const byte NullTag = 0, IntegerTag = 1, RealTag = 2, TextTag = 3, BlobTag = 4;

    private byte[] _buffer = new byte[256];
    private int _length;

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Appends the value of <paramref name="column"/> of the current row.</summary>
    public void Append(nint statement, int column)
    {
        switch (NativeMethods.sqlite3_column_type(statement, column))
        {
            case raw.SQLITE_INTEGER:
                BinaryPrimitives.WriteInt64LittleEndian(Room(9)[1..], NativeMethods.sqlite3_column_int64(statement, column));
                _buffer[_length] = IntegerTag;
                _length += 9;
                break;
            case raw.SQLITE_FLOAT:
                double real = NativeMethods.sqlite3_column_double(statement, column);
                if (AsInteger(real) is { } integral)
                {
                    AppendInt64(integral);
                    break;
                }
                BinaryPrimitives.WriteDoubleLittleEndian(Room(9)[1..], real);
                _buffer[_length] = RealTag;
                _length += 9;
                break;
            case raw.SQLITE_TEXT:
                // sqlite3_column_text first, then _bytes: the length is then that of the UTF-8 text.
                byte* text = NativeMethods.sqlite3_column_text(statement, column);
                AppendBytes(TextTag, new ReadOnlySpan<byte>(text, NativeMethods.sqlite3_column_bytes(statement, column)));
                break;
            case raw.SQLITE_BLOB:
                byte* blob = NativeMethods.sqlite3_column_blob(statement, column);
                AppendBytes(BlobTag, new ReadOnlySpan<byte>(blob, NativeMethods.sqlite3_column_bytes(statement, column)));
                break;
            default:
                Room(1)[0] = NullTag;
                _length++;
                break;
        }
    }

    /// <summary>
    /// A REAL that equals an integer, as that integer: SQLite compares 1 and 1.0 (and 0 and -0.0) as equal, so they are
    /// one group as in its GROUP BY. Null for any other REAL.
    /// </summary>
    public static long? AsInteger(double value) =>
        value == Math.Floor(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18 ? (long)value : null;

    /// <summary>Appends an integer that is not in the row (an id window).</summary>
    public void AppendInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Room(9)[1..], value);
        _buffer[_length] = IntegerTag;
        _length += 9;
    }

    /// <summary>The <paramref name="count"/> values a key holds: <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or null.</summary>
    public static object?[] Decode(byte[] key, int count)
    {
        var values = new object?[count];
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            byte tag = key[at++];
            switch (tag)
            {
                case IntegerTag:
                    values[i] = BinaryPrimitives.ReadInt64LittleEndian(key.AsSpan(at));
                    at += 8;
                    break;
                case RealTag:
                    values[i] = BinaryPrimitives.ReadDoubleLittleEndian(key.AsSpan(at));
                    at += 8;
                    break;
                case TextTag or BlobTag:
                    int length = BinaryPrimitives.ReadInt32LittleEndian(key.AsSpan(at));
                    at += 4;
                    var bytes = key.AsSpan(at, length);
                    values[i] = tag == TextTag ? Encoding.UTF8.GetString(bytes) : bytes.ToArray();
                    at += length;
                    break;
                default:
                    values[i] = null;
                    break;
            }
        }
        return values;
    }

    private void AppendBytes(byte tag, ReadOnlySpan<byte> bytes)
    {
        var room = Room(5 + bytes.Length);
        room[0] = tag;
        BinaryPrimitives.WriteInt32LittleEndian(room[1..], bytes.Length);
        bytes.CopyTo(room[5..]);
        _length += 5 + bytes.Length;
    }

    private Span<byte> Room(int bytes)
    {
        if (_length + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        return _buffer.AsSpan(_length, bytes);
    }
}

/// <summary>Byte-string keys compared by content, looked up by span so a row's key is copied only when it is new.</summary>
internal sealed class ValueKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ValueKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    /// <summary>A total order of keys (by their bytes), for a stable order among equal counts.</summary>
    public static int Compare(byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y);
}

/// <summary>
/// Counts the values of one column, row by row: integers in a table of their own (no key bytes to build), other values
/// by their key bytes; a value's key is copied only the first time it is seen.
/// </summary>
internal sealed class ValueCounter
{
    private readonly Dictionary<long, long> _integers = [];
    private readonly Dictionary<byte[], long> _others = new(ValueKeyComparer.Instance);
    private readonly Dictionary<byte[], long>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly ValueKey _key = new();

    public ValueCounter() => _lookup = _others.GetAlternateLookup<ReadOnlySpan<byte>>();

    public int Distinct => _integers.Count + _others.Count;

    /// <summary>Counts the value of <paramref name="column"/> of the current row; false (nothing counted) for NULL.</summary>
    public bool Add(nint statement, int column)
    {
        switch (NativeMethods.sqlite3_column_type(statement, column))
        {
            case raw.SQLITE_NULL:
                return false;
            case raw.SQLITE_INTEGER:
                CollectionsMarshal.GetValueRefOrAddDefault(_integers, NativeMethods.sqlite3_column_int64(statement, column), out _)++;
                return true;
            case raw.SQLITE_FLOAT when ValueKey.AsInteger(NativeMethods.sqlite3_column_double(statement, column)) is { } integral:
                CollectionsMarshal.GetValueRefOrAddDefault(_integers, integral, out _)++;
                return true;
            default:
                _key.Clear();
                _key.Append(statement, column);
                CollectionsMarshal.GetValueRefOrAddDefault(_lookup, _key.Bytes, out _)++;
                return true;
        }
    }

    /// <summary>The <paramref name="top"/> most frequent values, most first (ties: integers by value, then the others by key bytes).</summary>
    public List<ValueCount> Top(int top)
    {
        var integers = _integers.Select(p => (Order: 0, Int: p.Key, Key: (byte[]?)null, Count: p.Value));
        var others = _others.Select(p => (Order: 1, Int: 0L, Key: (byte[]?)p.Key, Count: p.Value));
        var ordered = integers.Concat(others).ToList();
        ordered.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count)
            : x.Order != y.Order ? x.Order.CompareTo(y.Order)
            : x.Key is null ? x.Int.CompareTo(y.Int) : ValueKeyComparer.Compare(x.Key, y.Key!));
        return [.. ordered.Take(top).Select(v => new ValueCount(v.Key is null ? v.Int : ValueKey.Decode(v.Key, 1)[0], v.Count))];
    }
}
