namespace EventDb.FaultTests;

/// <summary>What every fault test asserts about the file it leaves: it is sound and has no torn events.</summary>
internal static class FileChecks
{
    /// <summary>
    /// PRAGMA integrity_check is ok, every declared foreign key holds (the writer does not enforce them, it writes both
    /// rows of an event together), and each base row has exactly its child row and vice versa.
    /// </summary>
    public static void AssertSoundAndUntorn(RawDb db, string baseTable, string discriminator, params string[] children)
    {
        Assert.Equal("ok", db.Text("PRAGMA integrity_check"));
        Assert.Empty(db.Rows("PRAGMA foreign_key_check"));
        foreach (var child in children)
        {
            long orphans = db.Long($"SELECT count(*) FROM {baseTable} e WHERE e.{discriminator} = '{child}' AND NOT EXISTS (SELECT 1 FROM {child} c WHERE c.id = e.id)");
            Assert.True(orphans == 0, $"{orphans} {baseTable} rows of kind '{child}' have no {child} row (a torn event).");
            long strays = db.Long($"SELECT count(*) FROM {child} c LEFT JOIN {baseTable} e ON e.id = c.id WHERE e.id IS NULL OR e.{discriminator} <> '{child}'");
            Assert.True(strays == 0, $"{strays} {child} rows have no {baseTable} row of kind '{child}' (a torn event).");
        }
        string kinds = string.Join(", ", children.Select(c => $"'{c}'"));
        Assert.Equal(0, db.Long($"SELECT count(*) FROM {baseTable} WHERE {discriminator} NOT IN ({kinds})"));
    }

    public static void AssertSoundAndUntorn(RawDb db) => AssertSoundAndUntorn(db, "fault_event", "kind", "numbered", "labelled");

    /// <summary>
    /// Each producer's numbered events are in the file exactly once: <paramref name="perProducer"/> rows with distinct
    /// seq 0..perProducer-1, and in id order as each producer added them.
    /// </summary>
    public static void AssertEachNumberedOnce(RawDb db, int producers, long perProducer)
    {
        var rows = db.Rows(
            "SELECT e.producer, count(*), count(DISTINCT n.seq), min(n.seq), max(n.seq) FROM fault_event e JOIN numbered n ON n.id = e.id GROUP BY e.producer ORDER BY e.producer");
        var expected = Enumerable.Range(0, producers).Select(p => new string?[] { $"{p}", $"{perProducer}", $"{perProducer}", "0", $"{perProducer - 1}" });
        Assert.Equal(expected, rows);
        long outOfOrder = db.Long(
            "SELECT count(*) FROM (SELECT n.seq, lag(n.seq) OVER (PARTITION BY e.producer ORDER BY e.id) AS prev FROM fault_event e JOIN numbered n ON n.id = e.id) WHERE prev >= seq");
        Assert.Equal(0, outOfOrder);
    }
}
