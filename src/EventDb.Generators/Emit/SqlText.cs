using System;
using System.Collections.Generic;
using System.Linq;
using EventDb.Generators.Model;

namespace EventDb.Generators.Emit;

/// <summary>Builds the SQL text exactly as SQLAlchemy's SQLite dialect lays it out, so stored DDL matches Penguin's.</summary>
internal static class SqlText
{
    // SQLite's keywords (sqlite.org/lang_keywords.html) plus the extra words SQLAlchemy's SQLite dialect quotes.
    private static readonly HashSet<string> s_keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc", "attach",
        "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast", "check", "collate", "column",
        "commit", "conflict", "constraint", "create", "cross", "current", "current_date", "current_time",
        "current_timestamp", "database", "default", "deferrable", "deferred", "delete", "desc", "detach", "distinct",
        "do", "drop", "each", "else", "end", "escape", "except", "exclude", "exclusive", "exists", "explain", "fail",
        "false", "filter", "first", "following", "for", "foreign", "from", "full", "generated", "glob", "group",
        "groups", "having", "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert",
        "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit", "match",
        "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of", "offset", "on", "or",
        "order", "others", "outer", "over", "partition", "plan", "pragma", "preceding", "primary", "query", "raise",
        "range", "recursive", "references", "regexp", "reindex", "release", "rename", "replace", "restrict",
        "returning", "right", "rollback", "row", "rows", "savepoint", "select", "set", "table", "temp", "temporary",
        "then", "ties", "to", "transaction", "trigger", "true", "unbounded", "union", "unique", "update", "using",
        "vacuum", "values", "view", "virtual", "when", "where", "window", "with", "without",
    };

    /// <summary>Bare unless a keyword or not all lower case (SQLAlchemy quotes case-sensitive names).</summary>
    public static string Quote(string identifier) =>
        s_keywords.Contains(identifier) || identifier.Any(char.IsUpper) ? "\"" + identifier + "\"" : identifier;

    /// <summary>The lines of the CREATE TABLE statement; joined with "\n" they are the statement.</summary>
    public static IReadOnlyList<string> CreateTableLines(string table, IEnumerable<(string Name, string DeclaredType, bool Nullable)> columns, string? foreignTable)
    {
        var lines = new List<string> { "CREATE TABLE IF NOT EXISTS " + Quote(table) + " (" };
        var body = new List<string> { "\tid INTEGER NOT NULL" };
        foreach (var (name, declaredType, nullable) in columns)
            body.Add("\t" + Quote(name) + " " + declaredType + (nullable ? "" : " NOT NULL"));
        body.Add("\tPRIMARY KEY (id)");
        if (foreignTable is not null)
            body.Add("\tFOREIGN KEY(id) REFERENCES " + Quote(foreignTable) + " (id)");
        for (var i = 0; i < body.Count; i++)
            lines.Add(body[i] + (i < body.Count - 1 ? ", " : ""));
        lines.Add(")");
        return lines;
    }

    public static string Insert(string table, IEnumerable<string> columns, IEnumerable<string> values) =>
        "INSERT INTO " + Quote(table) + " (" + string.Join(", ", columns.Select(Quote).Prepend("id"))
        + ") VALUES (" + string.Join(", ", values.Prepend("?")) + ")";

    public static string Select(EventTableSpec spec)
    {
        var table = Quote(spec.TableName);
        if (spec.Base is not { } b)
        {
            return "SELECT " + string.Join(", ", spec.Columns.Select(c => Quote(c.Column)).Prepend("id"))
                + " FROM " + table + " ORDER BY id";
        }
        var baseTable = Quote(b.TableName);
        var columns = new List<string> { table + ".id" };
        columns.AddRange(b.Columns.Select(c => baseTable + "." + Quote(c.Column)));
        columns.AddRange(spec.Columns.Select(c => table + "." + Quote(c.Column)));
        return "SELECT " + string.Join(", ", columns) + " FROM " + table + " JOIN " + baseTable
            + " ON " + baseTable + ".id = " + table + ".id ORDER BY " + table + ".id";
    }

    public static string Join(IEnumerable<string> lines) => string.Join("\n", lines);
}
