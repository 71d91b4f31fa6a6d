namespace EventDb;

/// <summary>A column a <see cref="Condition"/> can be built on: its table (the event's own or its base table) and name.</summary>
/// <param name="Table">The table the column is in.</param>
/// <param name="Name">The column name.</param>
public abstract record ColumnRef(string Table, string Name)
{
    /// <summary>The column is NULL.</summary>
    public Condition IsNull() => new ColumnCondition(this, Comparison.IsNull, null);

    /// <summary>The column is not NULL.</summary>
    public Condition IsNotNull() => new ColumnCondition(this, Comparison.IsNotNull, null);
}

/// <summary>A text column, for conditions. Comparisons are exact and case-sensitive.</summary>
public sealed record TextColumn(string Table, string Name) : ColumnRef(Table, Name)
{
    /// <summary>The column equals <paramref name="value"/>.</summary>
    public Condition Is(string value) => Compare(Comparison.Equal, value);

    /// <summary>The column is not NULL and differs from <paramref name="value"/>.</summary>
    public Condition IsNot(string value) => Compare(Comparison.NotEqual, value);

    /// <summary>The column contains <paramref name="value"/> (case-sensitive, no wildcards).</summary>
    public Condition Contains(string value) => Compare(Comparison.Contains, value);

    /// <summary>The column starts with <paramref name="value"/>.</summary>
    public Condition StartsWith(string value) => Compare(Comparison.StartsWith, value);

    /// <summary>The column ends with <paramref name="value"/>.</summary>
    public Condition EndsWith(string value) => Compare(Comparison.EndsWith, value);

    /// <summary>
    /// The column matches an SQL <c>LIKE</c> <paramref name="pattern"/>: <c>%</c> any run, <c>_</c> one character,
    /// ASCII letters case-insensitive — what Penguin's <c>db</c> command uses for its name filters.
    /// </summary>
    public Condition Like(string pattern) => Compare(Comparison.Like, pattern);

    private ColumnCondition Compare(Comparison comparison, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ColumnCondition(this, comparison, value);
    }
}

/// <summary>A signed integer column (also bools, enums and narrower integers), for conditions.</summary>
public sealed record IntegerColumn(string Table, string Name) : ColumnRef(Table, Name)
{
    /// <summary>The column equals <paramref name="value"/>.</summary>
    public Condition Is(long value) => new ColumnCondition(this, Comparison.Equal, value);

    /// <summary>The column is not NULL and differs from <paramref name="value"/>.</summary>
    public Condition IsNot(long value) => new ColumnCondition(this, Comparison.NotEqual, value);

    /// <summary>
    /// The column equals the number <paramref name="text"/> reads as, the way SQL compares text with an integer column:
    /// <c>"3"</c>, <c>"03"</c>, <c>"+3"</c>, <c>" 3 "</c> and <c>"3.0"</c> equal 3; text that is not a number
    /// (<c>"0x3"</c>, <c>"three"</c>, <c>""</c>) equals nothing. For a value that arrives as text: Penguin's <c>--fd</c>.
    /// </summary>
    public Condition IsNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ColumnCondition(this, Comparison.EqualsNumberText, text);
    }

    /// <summary>The column is below <paramref name="value"/>.</summary>
    public Condition LessThan(long value) => new ColumnCondition(this, Comparison.Less, value);

    /// <summary>The column is at most <paramref name="value"/>.</summary>
    public Condition AtMost(long value) => new ColumnCondition(this, Comparison.LessOrEqual, value);

    /// <summary>The column is above <paramref name="value"/>.</summary>
    public Condition GreaterThan(long value) => new ColumnCondition(this, Comparison.Greater, value);

    /// <summary>The column is at least <paramref name="value"/>.</summary>
    public Condition AtLeast(long value) => new ColumnCondition(this, Comparison.GreaterOrEqual, value);
}

/// <summary>
/// An unsigned 64-bit column (stored two's-complement wrapped), for conditions. Comparisons are unsigned, as the C#
/// type is: <c>GreaterThan(0x7FFF_FFFF_FFFF_FFFF)</c> finds the values stored as negative numbers.
/// </summary>
public sealed record UInt64Column(string Table, string Name) : ColumnRef(Table, Name)
{
    /// <summary>The column equals <paramref name="value"/>.</summary>
    public Condition Is(ulong value) => Compare(Comparison.Equal, value);

    /// <summary>The column is not NULL and differs from <paramref name="value"/>.</summary>
    public Condition IsNot(ulong value) => Compare(Comparison.NotEqual, value);

    /// <summary>The column is below <paramref name="value"/>.</summary>
    public Condition LessThan(ulong value) => Compare(Comparison.Less, value);

    /// <summary>The column is at most <paramref name="value"/>.</summary>
    public Condition AtMost(ulong value) => Compare(Comparison.LessOrEqual, value);

    /// <summary>The column is above <paramref name="value"/>.</summary>
    public Condition GreaterThan(ulong value) => Compare(Comparison.Greater, value);

    /// <summary>The column is at least <paramref name="value"/>.</summary>
    public Condition AtLeast(ulong value) => Compare(Comparison.GreaterOrEqual, value);

    private ColumnCondition Compare(Comparison comparison, ulong value) => new(this, comparison, unchecked((long)value), unsigned: true);
}

/// <summary>A floating-point column, for conditions.</summary>
public sealed record RealColumn(string Table, string Name) : ColumnRef(Table, Name)
{
    /// <summary>The column is below <paramref name="value"/>.</summary>
    public Condition LessThan(double value) => new ColumnCondition(this, Comparison.Less, value);

    /// <summary>The column is at most <paramref name="value"/>.</summary>
    public Condition AtMost(double value) => new ColumnCondition(this, Comparison.LessOrEqual, value);

    /// <summary>The column is above <paramref name="value"/>.</summary>
    public Condition GreaterThan(double value) => new ColumnCondition(this, Comparison.Greater, value);

    /// <summary>The column is at least <paramref name="value"/>.</summary>
    public Condition AtLeast(double value) => new ColumnCondition(this, Comparison.GreaterOrEqual, value);
}
