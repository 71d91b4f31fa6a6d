using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EventDb;

/// <summary>
/// The SQLite storage's <see cref="IRowWriter"/>: stages each value of a row, text encoded to UTF-8 once, straight into
/// pinned memory that SQLite then binds without copying (<c>SQLITE_STATIC</c>). A value SQLite cannot store as given —
/// text with an unpaired surrogate (UTF-8 has no encoding for it, so storing it would change it), a NaN (SQLite stores
/// it as NULL), a string or BLOB over SQLite's length limit — fails the row, which the storage then skips.
/// </summary>
/// <remarks>One per row, on the writer thread's stack: values go through a pointer straight into the stage.</remarks>
internal unsafe struct SqliteRowWriter : IRowWriter
{
    // Room reserved for one formatted value (a date, a GUID, a decimal) before trying again with more.
    private const int FormattedBytes = 64;

    private readonly RowStage _stage;
    private readonly StagedValue* _start;
    private readonly StagedValue* _end;
    private StagedValue* _next;

    /// <param name="stage">The stage, between <see cref="RowStage.BeginRow"/> and <see cref="RowStage.EndRow"/>.</param>
    public SqliteRowWriter(RowStage stage)
    {
        _stage = stage;
        _start = _next = stage.RowValues;
        _end = _start + stage.ColumnsPerRow;
    }

    /// <summary>The values staged so far (the column the next one goes to; 0 is <c>id</c>).</summary>
    public readonly int Count => (int)(_next - _start);

    private void Put(StagedKind kind, long bits, int length)
    {
        if (_next == _end)
        {
            _stage.Fail($"the row has more values than the table's {_stage.ColumnsPerRow} columns", _stage.ColumnsPerRow - 1);
            return;
        }
        _next->Bits = bits;
        _next->Length = length;
        _next->Kind = kind;
        _next++;
    }

    private readonly void Fail(string reason) => _stage.Fail(reason, Count);

    public void Null() => Put(StagedKind.Null, 0, 0);

    public void Int64(long value) => Put(StagedKind.Integer, value, 0);

    public void Real(double value)
    {
        if (double.IsNaN(value))
            Fail(NotANumber);
        Put(StagedKind.Real, BitConverter.DoubleToInt64Bits(value), 0);
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var arena = _stage.Arena;
        if (value.Length <= MaxNarrowed)
        {
            byte* ascii = arena.TryReserve(value.Length);
            if (ascii != null)
            {
                if (TryNarrowAscii(value, ascii))
                {
                    Put(StagedKind.Text, (nint)ascii, value.Length);
                    return;
                }
                arena.Unreserve(value.Length);
            }
        }
        if (value.Length <= arena.Capacity / 3)
        {
            int reserved = value.Length * 3; // the most UTF-8 bytes a UTF-16 string can need
            byte* text = arena.TryReserve(reserved);
            if (text != null)
            {
                var status = System.Text.Unicode.Utf8.FromUtf16(value, new Span<byte>(text, reserved), out _, out int written, replaceInvalidSequences: false);
                arena.Unreserve(reserved - (status == OperationStatus.Done ? written : 0));
                if (status != OperationStatus.Done)
                    Fail(UnpairedSurrogate);
                Put(StagedKind.Text, (nint)text, written);
                return;
            }
        }
        LongText(value);
    }

    // Most text in a trace is short ASCII (names, numbers, addresses, paths): up to this many characters it is narrowed
    // here, a vector at a time, rather than through the general transcoder (a call, and checks for every kind of text).
    private const int MaxNarrowed = 32;

    /// <summary>
    /// Writes <paramref name="value"/> (at most <see cref="MaxNarrowed"/> characters) as ASCII, one byte per character, to
    /// <paramref name="destination"/> and returns true; false (leaving garbage there) when a character is not ASCII.
    /// </summary>
    private static bool TryNarrowAscii(string value, byte* destination)
    {
        int length = value.Length;
        ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(value.AsSpan()));
        if (length < 8 || !Vector128.IsHardwareAccelerated)
        {
            for (int i = 0; i < length; i++)
            {
                ushort c = Unsafe.Add(ref chars, i);
                if (c > 0x7F)
                    return false;
                destination[i] = (byte)c;
            }
            return true;
        }
        var nonAscii = Vector128.Create((ushort)0xFF80);
        // Two overlapping halves cover 8 to 16 characters; four cover up to 32. Stores stay within the string's length.
        var head = Vector128.LoadUnsafe(ref chars);
        var tail = Vector128.LoadUnsafe(ref chars, (nuint)(length - 8));
        if (length <= 16)
        {
            if (((head | tail) & nonAscii) != Vector128<ushort>.Zero)
                return false;
            var bytes = Vector128.Narrow(head, tail).AsUInt64();
            *(ulong*)destination = bytes.GetElement(0);
            *(ulong*)(destination + length - 8) = bytes.GetElement(1);
            return true;
        }
        var second = Vector128.LoadUnsafe(ref chars, 8);
        var beforeTail = Vector128.LoadUnsafe(ref chars, (nuint)(length - 16));
        if (((head | second | beforeTail | tail) & nonAscii) != Vector128<ushort>.Zero)
            return false;
        Vector128.Narrow(head, second).Store(destination);
        Vector128.Narrow(beforeTail, tail).Store(destination + length - 16);
        return true;
    }

    /// <summary>Too long for the arena's room: counted in 64 bits, then encoded into memory of its exact size.</summary>
    private void LongText(string value)
    {
        long length = Utf8Length(value);
        var arena = _stage.Arena;
        if (length > arena.LengthLimit)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"the text is {length:N0} bytes in UTF-8, over SQLite's limit of {arena.LengthLimit:N0} bytes per value"));
            Put(StagedKind.Null, 0, 0);
            return;
        }
        byte* text = arena.AllocateLarge((int)length);
        if (System.Text.Unicode.Utf8.FromUtf16(value, new Span<byte>(text, (int)length), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            Fail(UnpairedSurrogate);
        Put(StagedKind.Text, (nint)text, written);
    }

    /// <summary>
    /// The UTF-8 size of <paramref name="value"/>, counted in 64 bits: a string of more than int.MaxValue / 3 characters
    /// can need more than int.MaxValue bytes.
    /// </summary>
    private static long Utf8Length(string value)
    {
        const int Chunk = 1 << 20;
        long length = 0;
        for (var rest = value.AsSpan(); !rest.IsEmpty;)
        {
            int take = Math.Min(Chunk, rest.Length);
            if (take < rest.Length && char.IsHighSurrogate(rest[take - 1]))
                take--; // a surrogate pair stays in one chunk
            length += System.Text.Encoding.UTF8.GetByteCount(rest[..take]);
            rest = rest[take..];
        }
        return length;
    }

    public void Utf8(ReadOnlySpan<byte> value) => Bytes(StagedKind.Text, value);

    /// <summary>Stages UTF-8 in pinned memory that outlives every statement it is bound to, without copying it.</summary>
    public void PinnedUtf8(byte* value, int length) => Put(StagedKind.Text, (nint)value, length);

    public void Formatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var arena = _stage.Arena;
        for (int room = FormattedBytes; room <= 1 << 20; room *= 16)
        {
            byte* text = arena.TryReserve(room);
            bool inArena = text != null;
            if (!inArena)
                text = arena.AllocateLarge(room);
            bool done = value.TryFormat(new Span<byte>(text, room), out int written, format, CultureInfo.InvariantCulture);
            if (inArena)
                arena.Unreserve(done ? room - written : room);
            if (done)
            {
                Put(StagedKind.Text, (nint)text, written);
                return;
            }
        }
        Fail("a formatted value is longer than 1 MiB");
        Put(StagedKind.Null, 0, 0);
    }

    public void Blob(ReadOnlySpan<byte> value) => Bytes(StagedKind.Blob, value);

    public void Blob(byte[]? value)
    {
        if (value is null)
            Null();
        else
            Bytes(StagedKind.Blob, value);
    }

    /// <summary>Copies bytes into memory that stays put until the statement has run.</summary>
    private void Bytes(StagedKind kind, ReadOnlySpan<byte> value)
    {
        var arena = _stage.Arena;
        if (value.Length > arena.LengthLimit)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"the value is {value.Length:N0} bytes, over SQLite's limit of {arena.LengthLimit:N0} bytes per value"));
            Put(StagedKind.Null, 0, 0);
            return;
        }
        byte* copy = arena.TryReserve(value.Length);
        if (copy == null)
            copy = arena.AllocateLarge(value.Length);
        value.CopyTo(new Span<byte>(copy, value.Length));
        Put(kind, (nint)copy, value.Length);
    }

    // sqlite3_bind_double binds a NaN as NULL: in a NOT NULL column that failed the whole batch's INSERT, in a nullable
    // one the number silently became null.
    private const string NotANumber = "the number is NaN, which SQLite stores as NULL; storing it would change it";

    private const string UnpairedSurrogate = "the text holds an unpaired surrogate, which UTF-8 cannot encode; storing it would change it";
}
