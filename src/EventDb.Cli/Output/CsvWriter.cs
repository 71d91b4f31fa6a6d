using System.Globalization;
using System.Text;

namespace EventDb.Cli.Output;

/// <summary>
/// Byte for byte what <c>sqlite3 -csv -header</c> prints: the header with the first row (nothing at all for no rows),
/// <c>,</c> between fields, <c>\n</c> after each row; NULL as nothing; integers in decimal, REALs as SQLite's text
/// (<see cref="SqliteReal"/>); text and BLOBs as their bytes, a BLOB or text cut at its first NUL byte as the shell's
/// C strings are; a field in double quotes (inner ones doubled) when it is empty or holds a byte below <c>!</c>
/// (space and control characters), <c>"</c>, <c>'</c>, <c>,</c>, DEL or any byte from 0x80 (all non-ASCII text).
/// </summary>
internal sealed class CsvWriter(OutputSink sink) : RowWriter(sink)
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private IReadOnlyList<string> _columns = [];
    private bool _headerDone;

    public override void Begin(IReadOnlyList<string> columns) => _columns = columns;

    public override void Row(ReadOnlySpan<object?> values)
    {
        if (!_headerDone)
        {
            _headerDone = true;
            for (int i = 0; i < _columns.Count; i++)
            {
                if (i > 0)
                    Sink.WriteByte((byte)',');
                Field(s_utf8.GetBytes(_columns[i]));
            }
            Sink.WriteByte((byte)'\n');
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
                Sink.WriteByte((byte)',');
            switch (values[i])
            {
                case null:
                    break;
                case long l:
                    Sink.Write(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    Sink.Write(SqliteReal.Format(d));
                    break;
                case byte[] b:
                    Field(b);
                    break;
                case Literal literal:
                    Field(s_utf8.GetBytes(literal.Text));
                    break;
                case var other:
                    Field(s_utf8.GetBytes(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""));
                    break;
            }
        }
        Sink.WriteByte((byte)'\n');
    }

    private void Field(ReadOnlySpan<byte> value)
    {
        int nul = value.IndexOf((byte)0);
        if (nul >= 0)
            value = value[..nul];
        if (!NeedsQuotes(value))
        {
            Sink.WriteBytes(value);
            return;
        }
        Sink.WriteByte((byte)'"');
        while (value.IndexOf((byte)'"') is var quote and >= 0)
        {
            Sink.WriteBytes(value[..(quote + 1)]);
            Sink.WriteByte((byte)'"');
            value = value[(quote + 1)..];
        }
        Sink.WriteBytes(value);
        Sink.WriteByte((byte)'"');
    }

    // The shell's needCsvQuote table, plus its separator (",") and the empty string.
    private static bool NeedsQuotes(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return true;
        foreach (byte b in value)
        {
            if (b <= (byte)' ' || b >= 0x7F || b is (byte)'"' or (byte)'\'' or (byte)',')
                return true;
        }
        return false;
    }
}
