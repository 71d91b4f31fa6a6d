using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace EventDb.Export.Internals;

/// <summary>
/// One column of a row group being filled: its non-null values packed in an array of the Parquet type, and (when the
/// column is OPTIONAL) one definition level per row (1: a value, 0: NULL). Text and bytes are copied into arenas that
/// are reused from one row group to the next, so a row group costs no allocation per value once the arenas have grown.
/// </summary>
/// <remarks>
/// Text is kept as the UTF-8 SQLite stores, and turned into the UTF-16 Parquet.Net takes only once the column is
/// complete, on another thread: the reading thread, which every value waits for, only copies bytes.
/// </remarks>
internal sealed class ColumnBuffer
{
    private readonly long[]? _longs;
    private readonly ulong[]? _ulongs;
    private readonly double[]? _doubles;
    private readonly ReadOnlyMemory<byte>[]? _binaries;
    private readonly ReadOnlyMemory<char>[]? _strings;
    private readonly int[]? _definitions;
    private readonly Arena<byte> _bytes = new();
    private readonly Arena<char>? _chars;
    private int _rows;
    private int _values;

    public ColumnBuffer(ExportColumn column, DataField field, int capacity)
    {
        Column = column;
        Field = field;
        switch (column.Kind)
        {
            case ParquetKind.Int64: _longs = new long[capacity]; break;
            case ParquetKind.UInt64: _ulongs = new ulong[capacity]; break;
            case ParquetKind.Double: _doubles = new double[capacity]; break;
            case ParquetKind.String:
                _binaries = new ReadOnlyMemory<byte>[capacity];
                _strings = new ReadOnlyMemory<char>[capacity];
                _chars = new Arena<char>();
                break;
            default: _binaries = new ReadOnlyMemory<byte>[capacity]; break;
        }
        if (column.Nullable)
            _definitions = new int[capacity];
    }

    public ExportColumn Column { get; }

    public DataField Field { get; }

    /// <summary>Adds the value of the cursor's column <paramref name="index"/>; null when it fits, else why not.</summary>
    public string? Add(SqlCursor row, int index) => row.TypeOf(index) switch
    {
        SqlValueType.Integer => AddInt64(row.GetInt64(index)),
        SqlValueType.Real => AddReal(row.GetDouble(index)),
        SqlValueType.Text => AddText(row.GetUtf8(index)),
        SqlValueType.Blob => AddBlob(row.GetBytes(index)),
        _ => AddNull(),
    };

    private string? AddNull()
    {
        if (_definitions is null)
            return $"column '{Column.Name}' is NOT NULL but holds NULL";
        _definitions[_rows++] = 0;
        return null;
    }

    private string? AddInt64(long value)
    {
        switch (Column.Kind)
        {
            case ParquetKind.Int64: _longs![_values] = value; break;
            // The file stores a ulong's bit pattern as a signed integer: reinterpret it, never convert.
            case ParquetKind.UInt64: _ulongs![_values] = unchecked((ulong)value); break;
            case ParquetKind.Double: _doubles![_values] = value; break;
            case ParquetKind.String: return AddFormatted(value, default);
            default: return Mismatch("an integer");
        }
        return Added();
    }

    private string? AddReal(double value)
    {
        switch (Column.Kind)
        {
            case ParquetKind.Double: _doubles![_values] = value; break;
            case ParquetKind.String: return AddFormatted(value, "R");
            default: return Mismatch("a real");
        }
        return Added();
    }

    /// <summary>Text as SQLite stores it: UTF-8 for a STRING column, and its bytes for a BINARY one.</summary>
    private string? AddText(ReadOnlySpan<byte> utf8) =>
        Column.Kind is ParquetKind.String or ParquetKind.Binary ? AddBytes(utf8) : Mismatch("a text");

    private string? AddBlob(ReadOnlySpan<byte> value) =>
        Column.Kind == ParquetKind.Binary ? AddBytes(value) : Mismatch("a blob");

    private string? AddBytes(ReadOnlySpan<byte> value)
    {
        _binaries![_values] = _bytes.Copy(value);
        return Added();
    }

    /// <summary>A number in a STRING column (a column of no type or NUMERIC holding text too): its invariant text.</summary>
    private string? AddFormatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var target = _bytes.Reserve(32);
        if (!value.TryFormat(target.Span, out int written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"{value} does not fit 32 bytes of text.");
        _binaries![_values] = _bytes.Commit(target, written);
        return Added();
    }

    private string? Added()
    {
        _values++;
        if (_definitions is not null)
            _definitions[_rows] = 1;
        _rows++;
        return null;
    }

    private string Mismatch(string what) =>
        $"column '{Column.Name}' (declared {Column.DeclaredType}, exported as {Describe(Column.Kind)}) holds {what} value";

    public static string Describe(ParquetKind kind) => kind switch
    {
        ParquetKind.Int64 => "INT64",
        ParquetKind.UInt64 => "UINT64",
        ParquetKind.Double => "DOUBLE",
        ParquetKind.String => "STRING",
        _ => "BINARY",
    };

    /// <summary>Writes the column's rows as the next column chunk of <paramref name="rowGroup"/>.</summary>
    public Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) => Column.Kind switch
    {
        ParquetKind.Int64 => Write(rowGroup, _longs!, cancellationToken),
        ParquetKind.UInt64 => Write(rowGroup, _ulongs!, cancellationToken),
        ParquetKind.Double => Write(rowGroup, _doubles!, cancellationToken),
        ParquetKind.String => Write(rowGroup, _strings!, cancellationToken),
        _ => Write(rowGroup, _binaries!, cancellationToken),
    };

    /// <summary>
    /// Before <see cref="WriteAsync"/>, on any thread: a STRING column's values as UTF-16, which Parquet.Net takes (bytes
    /// that are not UTF-8 become U+FFFD).
    /// </summary>
    public void Prepare()
    {
        if (_strings is null)
            return;
        for (int i = 0; i < _values; i++)
        {
            var utf8 = _binaries![i].Span;
            var target = _chars!.Reserve(utf8.Length); // UTF-8 never has fewer bytes than UTF-16 has chars
            _strings[i] = _chars.Commit(target, Encoding.UTF8.GetChars(utf8, target.Span));
        }
    }

    private Task Write<T>(ParquetRowGroupWriter rowGroup, T[] values, CancellationToken cancellationToken) where T : struct =>
        _definitions is null
            ? rowGroup.WriteAsync<T>(Field, values.AsMemory(0, _values), cancellationToken: cancellationToken)
            : rowGroup.WriteAllPartsAsync<T>(Field, values.AsMemory(0, _values), _definitions.AsMemory(0, _rows), null, cancellationToken);

    /// <summary>Empties the column for the next row group, keeping its arrays and arenas.</summary>
    public void Clear()
    {
        // The values written: their arena chunks may be dropped (a chunk a large value needed), and must not be kept alive.
        if (_binaries is not null)
            Array.Clear(_binaries, 0, _values);
        if (_strings is not null)
            Array.Clear(_strings, 0, _values);
        _rows = 0;
        _values = 0;
        _bytes.Reset();
        _chars?.Reset();
    }

    /// <summary>Chunks that values are copied into; a value never straddles two chunks. Reset keeps the chunks.</summary>
    private sealed class Arena<T>
    {
        private const int ChunkSize = 1 << 20;
        private readonly List<T[]> _chunks = [];
        private int _chunk;
        private int _used;

        public ReadOnlyMemory<T> Copy(ReadOnlySpan<T> value)
        {
            var target = Reserve(value.Length);
            value.CopyTo(target.Span);
            return Commit(target, value.Length);
        }

        public Memory<T> Reserve(int length)
        {
            if (_chunks.Count == 0)
                _chunks.Add(new T[ChunkSize]);
            if (_chunks[_chunk].Length - _used < length)
            {
                _chunk++;
                _used = 0;
                if (_chunk == _chunks.Count || _chunks[_chunk].Length < length)
                    _chunks.Insert(_chunk, new T[Math.Max(ChunkSize, length)]);
            }
            return _chunks[_chunk].AsMemory(_used, length);
        }

        public ReadOnlyMemory<T> Commit(Memory<T> reserved, int length)
        {
            _used += length;
            return reserved[..length];
        }

        public void Reset()
        {
            // Chunks that a value larger than ChunkSize needed are dropped; the rest are reused.
            _chunks.RemoveAll(c => c.Length != ChunkSize);
            _chunk = 0;
            _used = 0;
        }
    }
}
