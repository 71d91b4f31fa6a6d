using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EventDb.Cli.Output;

/// <summary>
/// Rows as JSON objects keyed by column name, in column order: <c>json</c> one array (one object per line inside it),
/// <c>jsonl</c> one object per line. Integers and REALs are numbers (an infinite REAL is <c>9e999</c> and NaN <c>null</c>,
/// as SQLite's JSON functions write them), text is a string (non-ASCII kept as UTF-8), NULL is <c>null</c>, a BLOB is a
/// base64 string, a <see cref="Literal"/> its text as it stands.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A Utf8JsonWriter over an ArrayBufferWriter holds nothing to release.")]
internal sealed class JsonRowWriter : RowWriter
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly bool _lines;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private IReadOnlyList<string> _columns = [];
    private bool _any;

    public JsonRowWriter(OutputSink sink, bool lines)
        : base(sink)
    {
        _lines = lines;
        _json = new Utf8JsonWriter(_buffer, s_options);
    }

    public override void Begin(IReadOnlyList<string> columns)
    {
        _columns = columns;
        if (!_lines)
            Sink.WriteByte((byte)'[');
    }

    public override void Row(ReadOnlySpan<object?> values)
    {
        if (!_lines)
            Sink.Write(_any ? ",\n" : "\n");
        _any = true;
        _json.WriteStartObject();
        for (int i = 0; i < values.Length; i++)
        {
            _json.WritePropertyName(i < _columns.Count ? _columns[i] : "");
            switch (values[i])
            {
                case null:
                    _json.WriteNullValue();
                    break;
                case long l:
                    _json.WriteNumberValue(l);
                    break;
                case double d when double.IsFinite(d):
                    _json.WriteNumberValue(d);
                    break;
                case double d when double.IsNaN(d):
                    _json.WriteNullValue(); // as SQLite's JSON functions write NaN
                    break;
                case double d:
                    _json.WriteRawValue(d > 0 ? "9e999" : "-9e999", skipInputValidation: true);
                    break;
                case byte[] b:
                    _json.WriteBase64StringValue(b);
                    break;
                case Literal literal:
                    _json.WriteRawValue(literal.Text, skipInputValidation: true);
                    break;
                case var other:
                    _json.WriteStringValue(other.ToString());
                    break;
            }
        }
        _json.WriteEndObject();
        _json.Flush();
        Sink.WriteBytes(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        if (_lines)
            Sink.WriteByte((byte)'\n');
    }

    public override void End()
    {
        if (!_lines)
            Sink.Write(_any ? "\n]\n" : "]\n");
        base.End();
    }
}
