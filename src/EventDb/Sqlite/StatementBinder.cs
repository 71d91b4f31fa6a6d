using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace EventDb;

/// <summary>
/// Binds the parameters of one prepared INSERT in order, one call per column. Generated
/// <see cref="IEventTable{TSelf}.Bind"/> methods call it; the parameter index advances by itself, so a multi-row
/// INSERT binds row after row with the same calls.
/// </summary>
/// <remarks>
/// Text is encoded to UTF-8 into the writer's pinned arena and bound without a second copy. A value SQLite cannot
/// store as given — text with an unpaired surrogate (UTF-8 has no encoding for it), a string or BLOB over SQLite's
/// length limit — fails the bind, and the writer rejects that one event and reports it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public unsafe ref struct StatementBinder
{
    private readonly nint _statement;
    private readonly Utf8Arena _arena;
    private int _index;

    internal StatementBinder(nint statement, Utf8Arena arena)
    {
        _statement = statement;
        _arena = arena;
        _index = 1;
    }

    /// <summary>The 1-based index of the next parameter.</summary>
    public readonly int NextIndex => _index;

    /// <summary>Binds an INTEGER. Unsigned and wider values arrive already wrapped by the generated code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int64(long value) => Check(NativeMethods.sqlite3_bind_int64(_statement, _index++, value));

    /// <summary>Binds an INTEGER, or NULL when <paramref name="value"/> has none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int64(long? value)
    {
        if (value.HasValue)
            Int64(value.GetValueOrDefault());
        else
            Null();
    }

    /// <summary>Binds a REAL.</summary>
    public void Double(double value) => Check(NativeMethods.sqlite3_bind_double(_statement, _index++, value));

    /// <summary>Binds a REAL, or NULL when <paramref name="value"/> has none.</summary>
    public void Double(double? value)
    {
        if (value.HasValue)
            Double(value.GetValueOrDefault());
        else
            Null();
    }

    /// <summary>Binds text as UTF-8, or NULL for a null string.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        if (value.Length > _arena.Capacity / 3)
        {
            LongText(value);
            return;
        }
        int reserved = value.Length * 3; // the most UTF-8 bytes a UTF-16 string can need
        byte* text = _arena.TryReserve(reserved);
        if (text == null)
        {
            LongText(value);
            return;
        }
        if (Utf8.FromUtf16(value, new Span<byte>(text, reserved), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            _arena.Unreserve(reserved);
            EventDbThrow.UnpairedSurrogate(_index);
        }
        _arena.Unreserve(reserved - written);
        Check(NativeMethods.sqlite3_bind_text(_statement, _index++, text, written, NativeMethods.Static));
    }

    /// <summary>Too long for the arena: encoded into memory of its exact size, bound without a copy and freed after the step.</summary>
    private void LongText(string value)
    {
        long length = Utf8Length(value);
        if (length > _arena.LengthLimit)
            EventDbThrow.TooBig(_index, length, _arena.LengthLimit);
        byte* text = _arena.AllocateLarge((int)length);
        if (Utf8.FromUtf16(value, new Span<byte>(text, (int)length), out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            EventDbThrow.UnpairedSurrogate(_index);
        Check(NativeMethods.sqlite3_bind_text(_statement, _index++, text, written, NativeMethods.Static));
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

    /// <summary>Binds a BLOB; an empty span is an empty BLOB, not NULL.</summary>
    public void Blob(ReadOnlySpan<byte> value)
    {
        byte* copy = _arena.TryReserve(value.Length);
        if (copy != null)
        {
            value.CopyTo(new Span<byte>(copy, value.Length));
            Check(NativeMethods.sqlite3_bind_blob(_statement, _index++, copy, value.Length, NativeMethods.Static));
            return;
        }
        fixed (byte* bytes = value)
            Check(NativeMethods.sqlite3_bind_blob(_statement, _index++, bytes, value.Length, NativeMethods.Transient));
    }

    /// <summary>Binds a BLOB, or NULL for a null array.</summary>
    public void Blob(byte[]? value)
    {
        if (value is null)
            Null();
        else
            Blob(value.AsSpan());
    }

    /// <summary>Binds NULL.</summary>
    public void Null() => Check(NativeMethods.sqlite3_bind_null(_statement, _index++));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Check(int rc)
    {
        if (rc != 0)
            EventDbThrow.Bind(rc, _index - 1);
    }
}
