using System.Buffers;
using System.Globalization;

namespace EventDb;

/// <summary>
/// The SQLite storage's <see cref="IRowWriter"/>: stages each value of a row, text encoded to UTF-8 once, straight into
/// pinned memory that SQLite then binds without copying (<c>SQLITE_STATIC</c>). A value SQLite cannot store as given —
/// text with an unpaired surrogate (UTF-8 has no encoding for it, so storing it would change it), a NaN (SQLite stores
/// it as NULL), a string or BLOB over SQLite's length limit — fails the row, which the storage then skips.
/// </summary>
internal readonly unsafe struct SqliteRowWriter(RowStage stage) : IRowWriter
{
    // Room reserved for one formatted value (a date, a GUID, a decimal) before trying again with more.
    private const int FormattedBytes = 64;

    public void Null() => stage.Add(StagedKind.Null);

    public void Int64(long value) => stage.Add(StagedKind.Integer, value);

    public void Real(double value)
    {
        if (double.IsNaN(value))
            stage.Fail(NotANumber);
        else
            stage.Add(StagedKind.Real, BitConverter.DoubleToInt64Bits(value));
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var arena = stage.Arena;
        if (value.Length <= arena.Capacity / 3)
        {
            int reserved = value.Length * 3; // the most UTF-8 bytes a UTF-16 string can need
            byte* text = arena.TryReserve(reserved);
            if (text != null)
            {
                var status = System.Text.Unicode.Utf8.FromUtf16(value, new Span<byte>(text, reserved), out _, out int written, replaceInvalidSequences: false);
                arena.Unreserve(reserved - (status == OperationStatus.Done ? written : 0));
                if (status != OperationStatus.Done)
                    stage.Fail(UnpairedSurrogate);
                else
                    stage.Add(StagedKind.Text, (nint)text, written);
                return;
            }
        }
        LongText(value);
    }

    /// <summary>Too long for the arena's room: counted in 64 bits, then encoded into memory of its exact size.</summary>
    private void LongText(string value)
    {
        long length = Utf8Length(value);
        var arena = stage.Arena;
        if (length > arena.LengthLimit)
        {
            stage.Fail(string.Create(CultureInfo.InvariantCulture, $"the text is {length:N0} bytes in UTF-8, over SQLite's limit of {arena.LengthLimit:N0} bytes per value"));
            return;
        }
        byte* text = arena.AllocateLarge((int)length);
        if (System.Text.Unicode.Utf8.FromUtf16(value, new Span<byte>(text, (int)length), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            stage.Fail(UnpairedSurrogate);
        else
            stage.Add(StagedKind.Text, (nint)text, written);
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

    public void Formatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var arena = stage.Arena;
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
                stage.Add(StagedKind.Text, (nint)text, written);
                return;
            }
        }
        stage.Fail("a formatted value is longer than 1 MiB");
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
        var arena = stage.Arena;
        if (value.Length > arena.LengthLimit)
        {
            stage.Fail(string.Create(CultureInfo.InvariantCulture, $"the value is {value.Length:N0} bytes, over SQLite's limit of {arena.LengthLimit:N0} bytes per value"));
            return;
        }
        byte* copy = arena.TryReserve(value.Length);
        if (copy == null)
            copy = arena.AllocateLarge(value.Length);
        value.CopyTo(new Span<byte>(copy, value.Length));
        stage.Add(kind, (nint)copy, value.Length);
    }

    // sqlite3_bind_double binds a NaN as NULL: in a NOT NULL column that failed the whole batch's INSERT, in a nullable
    // one the number silently became null.
    private const string NotANumber = "the number is NaN, which SQLite stores as NULL; storing it would change it";

    private const string UnpairedSurrogate = "the text holds an unpaired surrogate, which UTF-8 cannot encode; storing it would change it";
}
