namespace EventDb.Cli.Output;

/// <summary>
/// A value that is printed as its text: in <c>csv</c> and <c>table</c> as that text (quoted in CSV as any text is), in
/// JSON as it stands, unquoted. An exact number (<see cref="IsNumber"/>: right-aligned in a table), <c>true</c> or
/// <c>false</c>, or a nested value already written as JSON.
/// </summary>
internal sealed record Literal(string Text, bool IsNumber);
