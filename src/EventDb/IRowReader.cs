namespace EventDb;

/// <summary>
/// Gives the columns of one row, in schema order, one call per column; each call moves to the next column. Generated
/// <see cref="IEventTable{TSelf}"/> code calls it through a type parameter constrained to a struct, so every call is
/// direct. The storage decides how each value is decoded.
/// </summary>
/// <remarks>
/// A value is read as stored or not at all: one the call cannot return unchanged — text or a fraction where an integer
/// is read, NULL where the member is not nullable (the generated code calls <see cref="TryNull"/> first when it is), an
/// integer outside the member's range — is an <see cref="EventDbException"/> naming the table, column and row.
/// </remarks>
public interface IRowReader
{
    /// <summary>When the current column is NULL, moves past it and returns <see langword="true"/>; otherwise stays.</summary>
    bool TryNull();

    /// <summary>Reads an integer.</summary>
    long Int64();

    /// <summary>Reads an integer from <paramref name="min"/> to <paramref name="max"/> (a narrower member type's range).</summary>
    long Int64(long min, long max);

    /// <summary>Reads an unsigned integer of at most <paramref name="max"/>, stored as its two's-complement bit pattern.</summary>
    ulong UInt64(ulong max);

    /// <summary>Reads a floating-point number (or an integer a <see cref="double"/> holds exactly).</summary>
    double Real();

    /// <summary>Reads text.</summary>
    string Text();

    /// <summary>Reads text as UTF-8 without making a string; the span is valid until the next call.</summary>
    ReadOnlySpan<byte> Utf8();

    /// <summary>Reads bytes (or text's bytes, as stored).</summary>
    byte[] Blob();
}
