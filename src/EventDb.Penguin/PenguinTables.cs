namespace EventDb.Penguin;

/// <summary>The Penguin tables, for <see cref="EventLoggerOptions.Tables"/>: Penguin creates them all up front.</summary>
public static class PenguinTables
{
    /// <summary>Every Penguin event table (their base table <c>event</c> comes with them).</summary>
    public static IReadOnlyList<EventTableSchema> All { get; } =
        [Read.Schema, Write.Schema, Syscall.Schema, Exec.Schema, ProcStart.Schema, ProcExit.Schema];
}
