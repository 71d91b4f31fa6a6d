namespace EventDb.PowerLoss;

/// <summary>
/// Which table each event of a power-loss child goes to: every producer adds sequence numbers 0, 1, 2, ... and the
/// number alone decides the table, so the parent knows where each one must be. Linked into the tests.
/// </summary>
internal static class EventPlan
{
    public const int NewTables = 8;
    private const int NoteEvery = 100, NoteAt = 51, NewTableEvery = 25_000, NewTableAt = 12_501;

    /// <summary>
    /// Penguin's <c>syscall</c> (even) and <c>write</c> (odd); with <paramref name="notes"/>, every 100th a
    /// <c>power_note</c> (the table whose column the schema-evolution tests add); with <paramref name="newTables"/>,
    /// every 25,000th a <c>power_t0</c>..<c>power_t7</c> in turn, each table created by its first event (a few
    /// each second, so a kill at a random moment now and then falls in one).
    /// </summary>
    public static string TableOf(long seq, bool notes, bool newTables) =>
        newTables && seq % NewTableEvery == NewTableAt ? $"power_t{seq / NewTableEvery % NewTables}"
        : notes && seq % NoteEvery == NoteAt ? "power_note"
        : seq % 2 == 0 ? "syscall" : "write";

    /// <summary><see cref="TableOf"/> as an SQL expression of the column <paramref name="seq"/>, for checking a file's rows in SQLite.</summary>
    public static string TableOfSql(string seq, bool notes, bool newTables) =>
        $"CASE WHEN {(newTables ? 1 : 0)} AND {seq} % {NewTableEvery} = {NewTableAt} THEN 'power_t' || ({seq} / {NewTableEvery} % {NewTables}) "
        + $"WHEN {(notes ? 1 : 0)} AND {seq} % {NoteEvery} = {NoteAt} THEN 'power_note' WHEN {seq} % 2 = 0 THEN 'syscall' ELSE 'write' END";
}
