using System.Text.Json;
using DuckDB.NET.Data;

namespace EventDb.Export.Internals;

/// <summary>
/// Lets a campaign run one query and nothing else, so it never writes a file: DuckDB's own parser decides, through
/// <c>json_serialize_sql</c>, which serializes SELECT statements only (<c>DESCRIBE</c>, <c>SUMMARIZE</c>, <c>SHOW</c>,
/// <c>FROM t</c> and <c>VALUES</c> are SELECTs to it) and fails with "not implemented" for every other statement (and
/// for PIVOT, even in a subquery: a price paid for a check that needs no SQL parser of its own).
/// The SQL is only parsed here; nothing of it runs.
/// </summary>
internal static class QueryGuard
{
    public const string NotAQuery =
        "a campaign runs one query (SELECT, WITH, FROM, VALUES, DESCRIBE, SUMMARIZE, SHOW) and never writes: COPY, INSERT, "
        + "CREATE, ATTACH, INSTALL, LOAD, SET, PRAGMA and EXPLAIN are refused, and PIVOT too (write results with "
        + "--format csv or json and a redirect; pivot with count(*) FILTER (WHERE ...))";

    /// <exception cref="CampaignQueryException"><paramref name="sql"/> is not exactly one query.</exception>
    public static void Check(DuckDBConnection connection, string sql)
    {
        string json;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT json_serialize_sql(?::VARCHAR)";
            command.Parameters.Add(new DuckDBParameter(sql));
            json = (string)command.ExecuteScalar()!;
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("error").GetBoolean())
        {
            string type = root.TryGetProperty("error_type", out var t) ? t.GetString() ?? "" : "";
            string message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "" : "";
            throw new CampaignQueryException(type == "parser" ? $"Parser Error: {message}" : NotAQuery);
        }
        int statements = root.GetProperty("statements").GetArrayLength();
        if (statements != 1)
            throw new CampaignQueryException(statements == 0 ? "the SQL holds no statement" : $"the SQL holds {statements} statements: {NotAQuery}");
    }

    /// <summary>DuckDB's message on one line: its first paragraph (the LINE/caret excerpt after it left out).</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.ReplaceLineEndings("\n").Split("\n\n")[0].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
