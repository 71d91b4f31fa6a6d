using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace EventDb.Metadata;

/// <summary>
/// The text forms of the values EventDb stores as TEXT — dates, times, GUIDs, decimals, chars and enum names — and
/// their parsers. Called by generated code: a value is written with <see cref="IRowWriter.Formatted{T}"/> in the
/// format named here and read back from <see cref="IRowReader.Utf8"/>, so neither side makes a string per value.
/// </summary>
/// <remarks>docs/declaring-events.md has the table of what each form is and which readers accept it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ColumnText
{
    /// <summary>
    /// <see cref="DateTime"/>: UTC, seven fraction digits (every tick). SQLite's date functions, Microsoft.Data.Sqlite
    /// and SQLAlchemy's DATETIME read it; the fixed width keeps text order equal to time order.
    /// </summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.fffffff";

    /// <summary><see cref="DateTimeOffset"/>: the local time, seven fraction digits and the offset (<c>+14:00</c>).</summary>
    public const string DateTimeOffsetFormat = "yyyy-MM-dd HH:mm:ss.fffffffzzz";

    /// <summary><see cref="TimeSpan"/>: the constant format, <c>[-][d.]hh:mm:ss[.fffffff]</c>, as Microsoft.Data.Sqlite writes it.</summary>
    public const string TimeSpanFormat = "c";

    /// <summary><see cref="Guid"/>: 32 lower-case hex digits, as SQLAlchemy's <c>Uuid</c> stores it on SQLite.</summary>
    public const string GuidFormat = "N";

    // What ParseDateTime accepts: the stored form, and the same with fewer fraction digits (SQLAlchemy writes six),
    // with 'T' (ISO 8601, Python's isoformat()) or as a date alone (SQLite's date()).
    private static readonly string[] s_dateTimeForms = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    private static readonly string[] s_dateTimeOffsetForms =
        ["yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", .. s_dateTimeForms];

    /// <summary>
    /// The instant as UTC: a <see cref="DateTimeKind.Local"/> time is converted; <see cref="DateTimeKind.Unspecified"/>
    /// is taken to be UTC already (EventDb cannot know its zone) and kept as it is.
    /// </summary>
    public static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    /// <summary>Reads a <see cref="DateTimeFormat"/> date as UTC (<see cref="DateTimeKind.Utc"/>).</summary>
    /// <exception cref="FormatException">The text is not such a date.</exception>
    public static DateTime ParseDateTime(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[40];
        if (TryChars(text, chars, out int length)
            && DateTime.TryParseExact(chars[..length], s_dateTimeForms, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }
        throw NotA(text, "date and time", DateTimeFormat);
    }

    /// <summary>Reads a <see cref="DateTimeOffsetFormat"/> date with its offset (a date without one is taken as UTC).</summary>
    /// <exception cref="FormatException">The text is not such a date.</exception>
    public static DateTimeOffset ParseDateTimeOffset(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[40];
        if (TryChars(text, chars, out int length)
            && DateTimeOffset.TryParseExact(chars[..length], s_dateTimeOffsetForms, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }
        throw NotA(text, "date, time and offset", DateTimeOffsetFormat);
    }

    /// <summary>Reads a <see cref="TimeSpanFormat"/> time span.</summary>
    /// <exception cref="FormatException">The text is not such a time span.</exception>
    public static TimeSpan ParseTimeSpan(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out TimeSpan value, out int used, 'c') && used == text.Length
            ? value
            : throw NotA(text, "time span", "[-][d.]hh:mm:ss[.fffffff]");

    /// <summary>Reads a GUID in any of .NET's forms (EventDb writes <see cref="GuidFormat"/>).</summary>
    /// <exception cref="FormatException">The text is not a GUID.</exception>
    public static Guid ParseGuid(ReadOnlySpan<byte> text) =>
        Guid.TryParse(text, out var value) ? value : throw NotA(text, "GUID", "32 hex digits");

    /// <summary>Reads a decimal number written with the invariant culture (an exponent is accepted).</summary>
    /// <exception cref="FormatException">The text is not a number or is outside decimal's range.</exception>
    public static decimal ParseDecimal(ReadOnlySpan<byte> text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw NotA(text, "decimal number", "invariant digits, such as -12.50");

    /// <summary>Reads text of exactly one UTF-16 character.</summary>
    /// <exception cref="FormatException">The text is empty, longer, or a character outside the Basic Multilingual Plane.</exception>
    public static char ParseChar(ReadOnlySpan<byte> text) =>
        Rune.DecodeFromUtf8(text, out var rune, out int used) == System.Buffers.OperationStatus.Done && used == text.Length && rune.IsBmp
            ? (char)rune.Value
            : throw NotA(text, "single char", "one UTF-16 character");

    /// <summary>
    /// Writes a char as text of one character. A lone surrogate is written as text too, where the writer refuses it as
    /// it refuses any unpaired surrogate (UTF-8 has no encoding for one), so the row is skipped and reported.
    /// </summary>
    public static void WriteChar<TWriter>(ref TWriter writer, char value) where TWriter : struct, IRowWriter, allows ref struct
    {
        if (char.IsSurrogate(value))
            writer.Text(value.ToString());
        else
            writer.Formatted(value, default);
    }

    /// <summary>
    /// The number stored for an enum value that has no name (generated code reads names itself and calls this for
    /// anything else); a value above <see cref="long.MaxValue"/> comes back wrapped, as the cast to a ulong enum expects.
    /// </summary>
    /// <param name="text">The stored text.</param>
    /// <param name="enumType">The enum's name, for the message.</param>
    /// <exception cref="FormatException">The text is neither a name of the enum nor a number.</exception>
    public static long EnumNumber(ReadOnlySpan<byte> text, string enumType)
    {
        if (Utf8Parser.TryParse(text, out long signed, out int used) && used == text.Length)
            return signed;
        if (Utf8Parser.TryParse(text, out ulong unsigned, out used) && used == text.Length)
            return unchecked((long)unsigned);
        throw new FormatException($"'{Shown(text)}' is not a name of {enumType} (nor a number): the enum may have lost or renamed a member since the row was written.");
    }

    private static bool TryChars(ReadOnlySpan<byte> text, Span<char> chars, out int length)
    {
        length = 0;
        return text.Length <= chars.Length && Encoding.UTF8.TryGetChars(text, chars, out length);
    }

    private static FormatException NotA(ReadOnlySpan<byte> text, string what, string form) =>
        new($"'{Shown(text)}' is not a {what} as EventDb stores it ({form}).");

    private static string Shown(ReadOnlySpan<byte> text)
    {
        const int Most = 64;
        var shown = Encoding.UTF8.GetString(text.Length > Most ? text[..Most] : text);
        return text.Length > Most ? shown + "..." : shown;
    }
}
