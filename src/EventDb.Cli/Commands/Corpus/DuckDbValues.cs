using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using EventDb.Cli.Output;
using EventDb.Export;

namespace EventDb.Cli.Commands.Corpus;

/// <summary>
/// DuckDB's values in the row writers' terms (docs/cli.md, "DuckDB's values"). DuckDB renders as text what only it
/// renders exactly — DECIMAL, dates and times (to nanoseconds, before year 1, infinities), nested values (JSON) — by a
/// SELECT wrapped around the query; the rest come as .NET values and are mapped here: integers beyond 64 bits as exact
/// numbers, FLOAT widened to DOUBLE, BOOLEAN as <c>true</c>/<c>false</c>, UUID as its text, BLOB as bytes.
/// </summary>
internal static partial class DuckDbValues
{
    /// <summary>How the wrapped query gives a column, and how its text is printed.</summary>
    private enum Shape
    {
        /// <summary>As DuckDB.NET gives it.</summary>
        Value,

        /// <summary>Exact number text (DECIMAL).</summary>
        Number,

        /// <summary>Text (dates and times, types this code does not know).</summary>
        Text,

        /// <summary>An INTERVAL's text, printed as an ISO 8601 duration.</summary>
        Interval,

        /// <summary>JSON text (nested values, JSON).</summary>
        Json,
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on <paramref name="campaign"/> with the columns that need DuckDB's rendering
    /// rendered, and maps each row's values for the row writers. The rows are read as they are enumerated.
    /// </summary>
    public static (IReadOnlyList<string> Columns, IEnumerable<object?[]> Rows, IDisposable Result) Query(Campaign campaign, string sql)
    {
        var shapes = Describe(campaign, sql, out var wrapped);
        var rows = campaign.Query(wrapped ?? sql);
        return (rows.Columns, Map(rows, shapes), rows);
    }

    private static IEnumerable<object?[]> Map(CampaignRows rows, Shape[]? shapes)
    {
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++)
                row[i] = Cell(row[i], shapes is null ? Shape.Value : shapes[i]);
            yield return row;
        }
    }

    /// <summary>
    /// The shape of each column of <paramref name="sql"/>'s result, from DuckDB's DESCRIBE (which binds the query without
    /// running it), and the wrapped query when a column needs DuckDB's rendering; null when DESCRIBE does not apply
    /// (DESCRIBE, SUMMARIZE and SHOW themselves, which return plain values).
    /// </summary>
    private static Shape[]? Describe(Campaign campaign, string sql, out string? wrapped)
    {
        wrapped = null;
        var query = sql.TrimEnd().TrimEnd(';');
        List<(string Name, string Type)> columns;
        try
        {
            using var described = campaign.Query("DESCRIBE " + query);
            columns = [.. described.Select(r => ((string)r[0]!, (string)r[1]!))];
        }
        catch (Exception ex) when (ex is CampaignQueryException or DuckDB.NET.Data.DuckDBException)
        {
            return null; // the query itself is run, and reports its own error
        }
        var shapes = columns.Select(c => ShapeOf(c.Type)).ToArray();
        if (shapes.All(s => s == Shape.Value))
            return shapes;
        var select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0)
                select.Append(", ");
            select.Append(Render(columns[i].Type, shapes[i], string.Create(CultureInfo.InvariantCulture, $"#{i + 1}")))
                .Append(" AS \"").Append(columns[i].Name.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        // The query on lines of its own: a comment at its end stays a comment.
        wrapped = select.Append(" FROM (\n").Append(query).Append("\n) AS q").ToString();
        return shapes;
    }

    private static Shape ShapeOf(string type)
    {
        var upper = type.ToUpperInvariant();
        if (upper.EndsWith(']') || upper.StartsWith("STRUCT", StringComparison.Ordinal) || upper.StartsWith("MAP", StringComparison.Ordinal)
            || upper.StartsWith("UNION", StringComparison.Ordinal) || upper == "JSON")
            return Shape.Json;
        if (upper.StartsWith("DECIMAL", StringComparison.Ordinal))
            return Shape.Number;
        if (upper == "INTERVAL")
            return Shape.Interval;
        return upper is "BOOLEAN" or "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT"
            or "UINTEGER" or "UBIGINT" or "UHUGEINT" or "VARINT" or "BIGNUM" or "FLOAT" or "DOUBLE" or "VARCHAR" or "BLOB" or "UUID" or "BIT"
            || upper.StartsWith("ENUM", StringComparison.Ordinal)
            ? Shape.Value
            : Shape.Text;
    }

    /// <summary>The SQL that renders column <paramref name="column"/> (a positional reference) of the given type.</summary>
    private static string Render(string type, Shape shape, string column) => shape switch
    {
        Shape.Json => $"CAST(to_json({column}) AS VARCHAR)",
        Shape.Text when type.StartsWith("TIMESTAMP WITH TIME ZONE", StringComparison.OrdinalIgnoreCase) =>
            // 2020-01-02 03:04:05+00 -> 2020-01-02T03:04:05+00:00
            $"regexp_replace(regexp_replace(CAST({column} AS VARCHAR), ' ', 'T'), '([+-][0-9][0-9])$', '\\1:00')",
        Shape.Text when type.StartsWith("TIMESTAMP", StringComparison.OrdinalIgnoreCase) => $"regexp_replace(CAST({column} AS VARCHAR), ' ', 'T')",
        Shape.Value => column,
        _ => $"CAST({column} AS VARCHAR)",
    };

    private static object? Cell(object? value, Shape shape) => value switch
    {
        null => null,
        string text when shape == Shape.Number => new Literal(text, IsNumber: true),
        string text when shape == Shape.Json => new Literal(FiniteJson(text), IsNumber: false),
        string text when shape == Shape.Interval => IsoDuration(text),
        long or double or string or byte[] => value,
        sbyte or short or int or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        ulong or BigInteger or decimal => new Literal(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), IsNumber: true),
        bool b => new Literal(b ? "true" : "false", IsNumber: false),
        Guid g => g.ToString("D"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// DuckDB's <c>to_json</c> writes infinite and NaN doubles as bare <c>Infinity</c>, <c>-Infinity</c> and <c>NaN</c>,
    /// which JSON has no word for: they become <c>9e999</c>, <c>-9e999</c> and <c>null</c>, as SQLite's JSON writes them.
    /// </summary>
    public static string FiniteJson(string json)
    {
        if (!json.Contains("Infinity", StringComparison.Ordinal) && !json.Contains("NaN", StringComparison.Ordinal))
            return json;
        var fixedJson = new StringBuilder(json.Length);
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (inString)
            {
                fixedJson.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                    fixedJson.Append(json[++i]);
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
                inString = true;
            if (string.CompareOrdinal(json, i, "-Infinity", 0, 9) == 0)
            {
                fixedJson.Append("-9e999");
                i += 8;
            }
            else if (string.CompareOrdinal(json, i, "Infinity", 0, 8) == 0)
            {
                fixedJson.Append("9e999");
                i += 7;
            }
            else if (string.CompareOrdinal(json, i, "NaN", 0, 3) == 0)
            {
                fixedJson.Append("null");
                i += 2;
            }
            else
            {
                fixedJson.Append(c);
            }
        }
        return fixedJson.ToString();
    }

    /// <summary>
    /// DuckDB's interval text (<c>1 year 2 months -3 days 04:05:06.789</c>) as an ISO 8601 duration
    /// (<c>P1Y2M-3DT4H5M6.789S</c>): each part with its own sign, as DuckDB keeps months, days and time apart; zero is
    /// <c>PT0S</c>.
    /// </summary>
    public static string IsoDuration(string interval)
    {
        long years = 0, months = 0, days = 0;
        string? time = null;
        var words = interval.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i].Contains(':', StringComparison.Ordinal))
            {
                time = words[i];
                continue;
            }
            long n = long.Parse(words[i], CultureInfo.InvariantCulture);
            var unit = i + 1 < words.Length ? words[++i] : "";
            if (unit.StartsWith("year", StringComparison.Ordinal))
                years = n;
            else if (unit.StartsWith("mon", StringComparison.Ordinal))
                months = n;
            else
                days = n;
        }
        var iso = new StringBuilder("P");
        if (years != 0)
            iso.Append(CultureInfo.InvariantCulture, $"{years}Y");
        if (months != 0)
            iso.Append(CultureInfo.InvariantCulture, $"{months}M");
        if (days != 0)
            iso.Append(CultureInfo.InvariantCulture, $"{days}D");
        if (time is not null && TimeParts().Match(time) is { Success: true } parts)
        {
            string sign = parts.Groups[1].Value;
            long hours = long.Parse(parts.Groups[2].Value, CultureInfo.InvariantCulture);
            long minutes = long.Parse(parts.Groups[3].Value, CultureInfo.InvariantCulture);
            decimal seconds = decimal.Parse(parts.Groups[4].Value, CultureInfo.InvariantCulture);
            if (hours != 0 || minutes != 0 || seconds != 0)
                iso.Append('T');
            if (hours != 0)
                iso.Append(CultureInfo.InvariantCulture, $"{sign}{hours}H");
            if (minutes != 0)
                iso.Append(CultureInfo.InvariantCulture, $"{sign}{minutes}M");
            if (seconds != 0)
                iso.Append(sign).Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('S');
        }
        return iso.Length == 1 ? "PT0S" : iso.ToString();
    }

    [GeneratedRegex(@"^(-?)(\d+):(\d\d):(\d\d(?:\.\d+)?)$")]
    private static partial Regex TimeParts();
}
