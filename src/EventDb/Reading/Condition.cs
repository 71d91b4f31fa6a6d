namespace EventDb;

/// <summary>
/// A condition on the rows of an event table, built from the generated column members (<c>Syscall.Where.Name.Is("sys_read")</c>)
/// or from <see cref="Sql"/>, and combined with <c>&amp;</c>, <c>|</c> and <c>!</c>. It is a description, not code:
/// each storage turns it into its own query (no expression trees, so it is trimming- and AOT-safe).
/// </summary>
public abstract class Condition
{
    private protected Condition()
    {
    }

    /// <summary>Both conditions hold.</summary>
    public static Condition operator &(Condition left, Condition right) => new CombinedCondition(left, right, all: true);

    /// <summary>Either condition holds.</summary>
    public static Condition operator |(Condition left, Condition right) => new CombinedCondition(left, right, all: false);

    /// <summary>The condition does not hold.</summary>
    public static Condition operator !(Condition condition) => new NotCondition(condition);

    /// <summary>Both conditions hold.</summary>
    public static Condition BitwiseAnd(Condition left, Condition right) => left & right;

    /// <summary>Either condition holds.</summary>
    public static Condition BitwiseOr(Condition left, Condition right) => left | right;

    /// <summary>The condition does not hold.</summary>
    public static Condition LogicalNot(Condition condition) => !condition;

    /// <summary>
    /// An SQL expression for an SQL storage's <c>WHERE</c>, with <c>?</c> placeholders bound to
    /// <paramref name="parameters"/> (<see cref="long"/>, <see cref="double"/>, <see cref="string"/>,
    /// <see cref="byte"/>[] or null). The event's own table and its base table are in scope by name
    /// (<c>syscall.retno &lt; ?</c>, <c>event.procname = ?</c>). The escape hatch: prefer the typed column members.
    /// </summary>
    public static Condition Sql(string expression, params object?[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        ArgumentNullException.ThrowIfNull(parameters);
        return new SqlCondition(expression, parameters);
    }
}

/// <summary>How a column is compared with a value.</summary>
internal enum Comparison
{
    Equal,
    NotEqual,

    /// <summary>An integer column equals the number a text value reads as (its storage compares the text as a number).</summary>
    EqualsNumberText,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    IsNull,
    IsNotNull,
    Contains,
    StartsWith,
    EndsWith,
    Like,
}

/// <summary>One column compared with one value; <see cref="Unsigned"/> compares 64-bit integers as <c>ulong</c>.</summary>
internal sealed class ColumnCondition(ColumnRef column, Comparison comparison, object? value, bool unsigned = false) : Condition
{
    public ColumnRef Column { get; } = column;

    public Comparison Comparison { get; } = comparison;

    public object? Value { get; } = value;

    public bool Unsigned { get; } = unsigned;
}

internal sealed class CombinedCondition(Condition left, Condition right, bool all) : Condition
{
    public Condition Left { get; } = left;

    public Condition Right { get; } = right;

    public bool All { get; } = all;
}

internal sealed class NotCondition(Condition inner) : Condition
{
    public Condition Inner { get; } = inner;
}

internal sealed class SqlCondition(string expression, object?[] parameters) : Condition
{
    public string Expression { get; } = expression;

    public IReadOnlyList<object?> Parameters { get; } = parameters;
}
