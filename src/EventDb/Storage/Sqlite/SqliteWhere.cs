using System.Globalization;
using System.Text;

namespace EventDb;

/// <summary>
/// Turns a <see cref="RowSelection"/> and its <see cref="Condition"/> into the SQLite storage's <c>WHERE</c> and
/// <c>LIMIT</c>, values as parameters, never as text.
/// </summary>
internal static class SqliteWhere
{
    /// <summary>The clause (with a leading space, or empty) for <paramref name="selection"/> on rows ordered by <paramref name="key"/>, and its parameters.</summary>
    public static string Clause(string key, RowSelection selection, List<object?> parameters)
    {
        var terms = new List<string>();
        if (selection.AfterId is { } after)
        {
            terms.Add(key + " > ?");
            parameters.Add(after);
        }
        if (selection.ThroughId is { } through)
        {
            terms.Add(key + " <= ?");
            parameters.Add(through);
        }
        if (selection.Where is { } condition)
            terms.Add(Expression(condition, parameters));
        return terms.Count == 0 ? "" : " WHERE " + string.Join(" AND ", terms);
    }

    /// <summary>The expression for <paramref name="condition"/> (empty for none), and its parameters.</summary>
    public static string Condition(Condition? condition, List<object?> parameters) =>
        condition is null ? "" : Expression(condition, parameters);

    /// <summary>The LIMIT (with a leading space, or empty).</summary>
    public static string Limit(RowSelection selection) =>
        selection.Limit is { } limit ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {Math.Max(0, limit)}") : "";

    private static string Expression(Condition condition, List<object?> parameters) => condition switch
    {
        ColumnCondition c => Column(c, parameters),
        CombinedCondition c => "(" + Expression(c.Left, parameters) + (c.All ? " AND " : " OR ") + Expression(c.Right, parameters) + ")",
        NotCondition c => "NOT (" + Expression(c.Inner, parameters) + ")",
        SqlCondition c => Sql(c, parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown condition."),
    };

    private static string Sql(SqlCondition condition, List<object?> parameters)
    {
        parameters.AddRange(condition.Parameters);
        return "(" + condition.Expression + ")";
    }

    private static string Column(ColumnCondition condition, List<object?> parameters)
    {
        var column = SqliteSql.Quote(condition.Column.Table) + "." + SqliteSql.Quote(condition.Column.Name);
        var value = condition.Value;
        if (condition.Unsigned && condition.Comparison is Comparison.Less or Comparison.LessOrEqual or Comparison.Greater or Comparison.GreaterOrEqual)
            return Unsigned(column, condition.Comparison, (long)value!, parameters);
        switch (condition.Comparison)
        {
            case Comparison.IsNull:
                return column + " IS NULL";
            case Comparison.IsNotNull:
                return column + " IS NOT NULL";
            case Comparison.Contains:
                parameters.Add(value);
                return "instr(" + column + ", ?) > 0";
            case Comparison.StartsWith:
                parameters.Add(value);
                return "instr(" + column + ", ?) = 1";
            case Comparison.EndsWith when value is "":
                return column + " IS NOT NULL";
            case Comparison.EndsWith:
                parameters.Add(value);
                parameters.Add(value);
                return "substr(" + column + ", -length(?)) = ?";
            default:
                parameters.Add(value);
                return column + " " + Operator(condition.Comparison) + " ?";
        }
    }

    private static string Operator(Comparison comparison) => comparison switch
    {
        // A text value bound against an INTEGER column: SQLite applies the column's numeric affinity to it first.
        Comparison.Equal or Comparison.EqualsNumberText => "=",
        Comparison.NotEqual => "<>",
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.Like => "LIKE",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Not a binary comparison."),
    };

    /// <summary>
    /// An unsigned comparison of a column holding <c>ulong</c> values wrapped to <c>long</c>: values of 2^63 and more
    /// are stored negative, so they sort after every value stored non-negative.
    /// </summary>
    private static string Unsigned(string column, Comparison comparison, long wrapped, List<object?> parameters)
    {
        parameters.Add(wrapped);
        var op = Operator(comparison);
        bool below = comparison is Comparison.Less or Comparison.LessOrEqual;
        var text = new StringBuilder("(");
        if (wrapped >= 0)
            text.Append(below ? $"{column} >= 0 AND {column} {op} ?" : $"{column} < 0 OR {column} {op} ?");
        else
            text.Append(below ? $"{column} >= 0 OR {column} {op} ?" : $"{column} < 0 AND {column} {op} ?");
        return text.Append(')').ToString();
    }
}
