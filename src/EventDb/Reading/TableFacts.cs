namespace EventDb;

/// <summary>One table of a file, as <see cref="EventFile.Tables"/> describes it.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Rows">How many rows it has.</param>
/// <param name="MinId">The smallest <c>id</c>, or null when it is empty or has no <c>id</c> column.</param>
/// <param name="MaxId">The largest <c>id</c>, or null when it is empty or has no <c>id</c> column.</param>
/// <param name="Columns">Its columns, in table order.</param>
public sealed record TableFacts(string Name, long Rows, long? MinId, long? MaxId, IReadOnlyList<string> Columns);
