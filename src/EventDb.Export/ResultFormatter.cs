using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace EventDb.Export;

/// <summary>
/// Writes query results as <c>eventdb query</c> and <c>eventdb campaign</c> print them: <c>table</c> (aligned columns),
/// <c>csv</c> (RFC 4180, as <c>sqlite3 -csv -header</c>), <c>json</c> (one array of objects) or <c>jsonl</c> (one
/// object per line).
/// </summary>
/// <remarks>
/// NULL is empty in CSV, <c>NULL</c> in a table and <c>null</c> in JSON. Numbers stay numbers in JSON (integers of any
/// size exactly; a non-finite real as a string); bytes are written as lowercase hex; other values as their invariant
/// text.
/// </remarks>
public static class ResultFormatter
{
    /// <summary>The format names, in the order usage lists them.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["table", "csv", "json", "jsonl"];

    /// <summary>Writes <paramref name="columns"/> and <paramref name="rows"/> to <paramref name="output"/> in <paramref name="format"/>.</summary>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not one of <see cref="Formats"/>.</exception>
    public static long Write(IReadOnlyList<string> columns, IEnumerable<object?[]> rows, string format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        return format switch
        {
            "table" => WriteTable(columns, rows, output),
            "csv" => WriteCsv(columns, rows, output),
            "json" => WriteJson(columns, rows, output, lines: false),
            "jsonl" => WriteJson(columns, rows, output, lines: true),
            _ => throw new ArgumentException($"Unknown format '{format}': use {string.Join(", ", Formats)}.", nameof(format)),
        };
    }

    /// <summary>A value as text: invariant culture, bytes as hex, NULL as <paramref name="nullText"/>.</summary>
    public static string Text(object? value, string nullText = "") => value switch
    {
        null => nullText,
        string s => s,
        byte[] b => Convert.ToHexStringLower(b),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static long WriteTable(IReadOnlyList<string> columns, IEnumerable<object?[]> rows, TextWriter output)
    {
        var cells = rows.Select(r => r.Select(v => Text(v, "NULL")).ToArray()).ToList();
        var numeric = new bool[columns.Count];
        var widths = columns.Select(c => c.Length).ToArray();
        foreach (var row in cells)
        {
            for (int i = 0; i < row.Length && i < widths.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        }
        // A column is right-aligned when every value in it is a number.
        for (int i = 0; i < numeric.Length; i++)
            numeric[i] = cells.Count > 0 && cells.All(r => r[i] == "NULL" || double.TryParse(r[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        void Line(IReadOnlyList<string> values, bool header)
        {
            var line = new StringBuilder();
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0)
                    line.Append("  ");
                bool right = numeric[i] && !header;
                line.Append(right ? values[i].PadLeft(widths[i]) : i == values.Count - 1 ? values[i] : values[i].PadRight(widths[i]));
            }
            output.WriteLine(line.ToString().TrimEnd());
        }
        Line(columns, header: true);
        Line([.. widths.Select(w => new string('-', w))], header: true);
        foreach (var row in cells)
            Line(row, header: false);
        return cells.Count;
    }

    private static long WriteCsv(IReadOnlyList<string> columns, IEnumerable<object?[]> rows, TextWriter output)
    {
        // sqlite3's CSV mode: CRLF after each record, a field quoted when it holds a quote, comma, CR or LF (RFC 4180).
        static string Field(string text) =>
            text.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
        output.Write(string.Join(',', columns.Select(Field)));
        output.Write("\r\n");
        long count = 0;
        foreach (var row in rows)
        {
            output.Write(string.Join(',', row.Select(v => Field(Text(v)))));
            output.Write("\r\n");
            count++;
        }
        return count;
    }

    private static long WriteJson(IReadOnlyList<string> columns, IEnumerable<object?[]> rows, TextWriter output, bool lines)
    {
        long count = 0;
        var buffer = new MemoryStream();
        if (!lines)
            output.Write('[');
        foreach (var row in rows)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                for (int i = 0; i < columns.Count; i++)
                {
                    json.WritePropertyName(columns[i]);
                    WriteValue(json, i < row.Length ? row[i] : null);
                }
                json.WriteEndObject();
            }
            if (!lines)
                output.Write(count == 0 ? "\n" : ",\n");
            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            if (lines)
                output.Write('\n');
            count++;
        }
        if (!lines)
            output.Write(count == 0 ? "]\n" : "\n]\n");
        return count;
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long or int or short or sbyte or ulong or uint or ushort or byte or BigInteger or decimal:
                json.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }
}
