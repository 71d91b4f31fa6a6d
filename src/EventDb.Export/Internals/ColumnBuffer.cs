using System.Buffers;
using System.Globalization;
using EventDb.Export.Internals.Parquet;

namespace EventDb.Export.Internals;

/// <summary>
/// One column of a row group being filled: its non-null values packed in an array of the Parquet type, and (when the
/// column is OPTIONAL) one definition level per row (1: a value, 0: NULL). Text and bytes are copied, as SQLite stores
/// them (text as UTF-8), into an arena that is reused from one row group to the next, so a row group costs no allocation
/// per value once the arena has grown. Once filled, the column is encoded on its own thread (<see cref="Encode"/>).
/// Its arrays are rented from the shared pools and returned by <see cref="Dispose"/>: the next table, or the next run,
/// fills the same memory instead of faulting in fresh pages.
/// </summary>
internal sealed class ColumnBuffer : IDisposable
{
    private readonly long[]? _longs;
    private readonly ulong[]? _ulongs;
    private readonly double[]? _doubles;
    private readonly ReadOnlyMemory<byte>[]? _binaries;
    private readonly byte[]? _definitions;
    private readonly Arena _bytes = new();
    private int _rows;
    private int _values;
    private long _valueBytes;
    private EncodedChunk? _encoded; // by Encode, until TakeEncoded

    public ColumnBuffer(ExportColumn column, int capacity)
    {
        Column = column;
        Capacity = capacity;
        switch (column.Kind)
        {
            case ParquetKind.Int64: _longs = ArrayPool<long>.Shared.Rent(capacity); break;
            case ParquetKind.UInt64: _ulongs = ArrayPool<ulong>.Shared.Rent(capacity); break;
            case ParquetKind.Double: _doubles = ArrayPool<double>.Shared.Rent(capacity); break;
            default: _binaries = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(capacity); break;
        }
        if (column.Nullable)
            _definitions = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public ExportColumn Column { get; }

    public int Capacity { get; }

    /// <summary>The rows filled, nulls included.</summary>
    public int Rows => _rows;

    /// <summary>The values filled: the rows that are not NULL.</summary>
    public int ValueCount => _values;

    /// <summary>The bytes of a text or blob column's values, all together.</summary>
    public int ValueBytes => (int)Math.Min(_valueBytes, Array.MaxLength);

    /// <summary>One definition level per row (1: a value, 0: NULL) when the column is OPTIONAL, else empty.</summary>
    public ReadOnlySpan<byte> Definitions => _definitions is null ? default : _definitions.AsSpan(0, _rows);

    public ReadOnlySpan<long> Longs => _longs.AsSpan(0, _values);

    public ReadOnlySpan<ulong> ULongs => _ulongs.AsSpan(0, _values);

    public ReadOnlySpan<double> Doubles => _doubles.AsSpan(0, _values);

    /// <summary>The values of a text or blob column (writable: the encoder mends text that is not UTF-8).</summary>
    public Span<ReadOnlyMemory<byte>> Binaries => _binaries.AsSpan(0, _values);

    /// <summary>Encodes the column as a Parquet column chunk; on any thread, once filled.</summary>
    public void Encode() => _encoded = ChunkEncoder.Encode(this);

    /// <summary>The chunk <see cref="Encode"/> made, for the caller to write and dispose.</summary>
    public EncodedChunk TakeEncoded()
    {
        var chunk = _encoded ?? throw new InvalidOperationException($"Column '{Column.Name}' was not encoded.");
        _encoded = null;
        return chunk;
    }

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
        _valueBytes += value.Length;
        return Added();
    }

    /// <summary>A number in a STRING column (a column of no type or NUMERIC holding text too): its invariant text.</summary>
    private string? AddFormatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var target = _bytes.Reserve(32);
        if (!value.TryFormat(target.Span, out int written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"{value} does not fit 32 bytes of text.");
        _binaries![_values] = _bytes.Commit(target, written);
        _valueBytes += written;
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

    /// <summary>Empties the column for the next row group, keeping its arrays and arenas.</summary>
    public void Clear()
    {
        // The values written: their arena chunks may be dropped (a chunk a large value needed), and must not be kept alive.
        if (_binaries is not null)
            Array.Clear(_binaries, 0, _values);
        _rows = 0;
        _values = 0;
        _valueBytes = 0;
        _bytes.Reset();
    }

    /// <summary>Returns the arrays to their pools; only once no encoding of the column is running.</summary>
    public void Dispose()
    {
        Return(_longs);
        Return(_ulongs);
        Return(_doubles);
        Return(_definitions);
        if (_binaries is not null)
            ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(_binaries, clearArray: true);
        _bytes.Dispose();
        _encoded?.Dispose();
        _encoded = null;
    }

    private static void Return<T>(T[]? array)
    {
        if (array is not null)
            ArrayPool<T>.Shared.Return(array);
    }

    /// <summary>Pooled chunks that values are copied into; a value never straddles two chunks. Reset keeps the chunks.</summary>
    private sealed class Arena : IDisposable
    {
        private const int ChunkSize = 1 << 20;
        private readonly List<byte[]> _chunks = [];
        private int _chunk;
        private int _used;

        public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> value)
        {
            var target = Reserve(value.Length);
            value.CopyTo(target.Span);
            return Commit(target, value.Length);
        }

        public Memory<byte> Reserve(int length)
        {
            if (_chunks.Count == 0)
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
            if (_chunks[_chunk].Length - _used < length)
            {
                _chunk++;
                _used = 0;
                if (_chunk == _chunks.Count || _chunks[_chunk].Length < length)
                    _chunks.Insert(_chunk, ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, length)));
            }
            return _chunks[_chunk].AsMemory(_used, length);
        }

        public ReadOnlyMemory<byte> Commit(Memory<byte> reserved, int length)
        {
            _used += length;
            return reserved[..length];
        }

        public void Reset()
        {
            // Chunks that a value larger than ChunkSize needed go back to the pool; the rest are reused.
            foreach (var chunk in _chunks.Where(c => c.Length != ChunkSize))
                ArrayPool<byte>.Shared.Return(chunk);
            _chunks.RemoveAll(c => c.Length != ChunkSize);
            _chunk = 0;
            _used = 0;
        }

        public void Dispose()
        {
            foreach (var chunk in _chunks)
                ArrayPool<byte>.Shared.Return(chunk);
            _chunks.Clear();
        }
    }
}
