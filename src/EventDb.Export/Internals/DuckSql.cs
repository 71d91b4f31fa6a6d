namespace EventDb.Export.Internals;

/// <summary>Names and values written into DuckDB SQL.</summary>
internal static class DuckSql
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A list of text literals: <c>['a', 'b']</c>.</summary>
    public static string List(IEnumerable<string> texts) => "[" + string.Join(", ", texts.Select(Literal)) + "]";
}
