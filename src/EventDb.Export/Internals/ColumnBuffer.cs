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
internal sealed class ColumnBuffer
{
    private readonly long[]? _longs;
    private readonly ulong[]? _ulongs;
    private readonly double[]? _doubles;
    private readonly ReadOnlyMemory<char>[]? _strings;
    private readonly ReadOnlyMemory<byte>[]? _binaries;
    private readonly int[]? _definitions;
    private readonly Arena<char> _chars = new();
    private readonly Arena<byte> _bytes = new();
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
            case ParquetKind.String: _strings = new ReadOnlyMemory<char>[capacity]; break;
            default: _binaries = new ReadOnlyMemory<byte>[capacity]; break;
        }
        if (column.Nullable)
            _definitions = new int[capacity];
    }

    public ExportColumn Column { get; }

    public DataField Field { get; }

    /// <summary>Adds NULL; null when it fits, else why not.</summary>
    public string? AddNull()
    {
        if (_definitions is null)
            return $"column '{Column.Name}' is NOT NULL but holds NULL";
        _definitions[_rows++] = 0;
        return null;
    }

    public string? AddInt64(long value)
    {
        switch (Column.Kind)
        {
            case ParquetKind.Int64: _longs![_values] = value; break;
            // The file stores a ulong's bit pattern as a signed integer: reinterpret it, never convert.
            case ParquetKind.UInt64: _ulongs![_values] = unchecked((ulong)value); break;
            case ParquetKind.Double: _doubles![_values] = value; break;
            case ParquetKind.String: return AddText(value.ToString(CultureInfo.InvariantCulture));
            default: return Mismatch("an integer");
        }
        return Added();
    }

    public string? AddReal(double value)
    {
        switch (Column.Kind)
        {
            case ParquetKind.Double: _doubles![_values] = value; break;
            case ParquetKind.String: return AddText(value.ToString("R", CultureInfo.InvariantCulture));
            default: return Mismatch("a real");
        }
        return Added();
    }

    public string? AddText(ReadOnlySpan<char> value)
    {
        switch (Column.Kind)
        {
            case ParquetKind.String: _strings![_values] = _chars.Copy(value); break;
            // Text in a BLOB column: its UTF-8 bytes are what SQLite holds.
            case ParquetKind.Binary: return AddUtf8Bytes(value);
            default: return Mismatch("a text");
        }
        return Added();
    }

    public string? AddUtf8(ReadOnlySpan<byte> value)
    {
        switch (Column.Kind)
        {
            case ParquetKind.String:
                var target = _chars.Reserve(Encoding.UTF8.GetMaxCharCount(value.Length));
                int length = Encoding.UTF8.GetChars(value, target.Span);
                _strings![_values] = _chars.Commit(target, length);
                break;
            case ParquetKind.Binary: _binaries![_values] = _bytes.Copy(value); break;
            default: return Mismatch("a text");
        }
        return Added();
    }

    public string? AddBlob(ReadOnlySpan<byte> value)
    {
        if (Column.Kind != ParquetKind.Binary)
            return Mismatch("a blob");
        _binaries![_values] = _bytes.Copy(value);
        return Added();
    }

    private string? AddUtf8Bytes(ReadOnlySpan<char> value)
    {
        var target = _bytes.Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        int length = Encoding.UTF8.GetBytes(value, target.Span);
        _binaries![_values] = _bytes.Commit(target, length);
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

    private Task Write<T>(ParquetRowGroupWriter rowGroup, T[] values, CancellationToken cancellationToken) where T : struct =>
        _definitions is null
            ? rowGroup.WriteAsync<T>(Field, values.AsMemory(0, _values), cancellationToken: cancellationToken)
            : rowGroup.WriteAllPartsAsync<T>(Field, values.AsMemory(0, _values), _definitions.AsMemory(0, _rows), null, cancellationToken);

    /// <summary>Empties the column for the next row group, keeping its arrays and arenas.</summary>
    public void Clear()
    {
        _rows = 0;
        _values = 0;
        _chars.Reset();
        _bytes.Reset();
        if (_strings is not null)
            Array.Clear(_strings);
        if (_binaries is not null)
            Array.Clear(_binaries);
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
