using System.Globalization;
using EventDb.FaultTests;
using EventDb.PowerLoss;

namespace EventDb.PowerLossTests;

/// <summary>
/// What a power-loss child's file holds after the cut, checked to be sound and to be exactly a prefix of what was added:
/// <c>integrity_check</c> and <c>foreign_key_check</c> clean, no base row without its child row or the other way round,
/// the ids 1..N with no hole, and for each producer its events 0..m-1, each once, in id order, each in the table
/// <see cref="EventPlan"/> gives it.
/// </summary>
internal sealed class SurvivingEvents
{
    private static readonly string[] s_penguinChildren = ["read", "write", "syscall", "exec", "proc_start", "proc_exit"];

    private SurvivingEvents(long[] perProducer, long total, IReadOnlySet<string> tables)
    {
        PerProducer = perProducer;
        Total = total;
        Tables = tables;
    }

    /// <summary>For each producer, how many of its events are in the file (its sequence numbers below this).</summary>
    public IReadOnlyList<long> PerProducer { get; }

    /// <summary>Every event in the file: its largest id.</summary>
    public long Total { get; }

    public IReadOnlySet<string> Tables { get; }

    /// <summary>Opens the file read-write (recovering its WAL, as the next writer would) and checks it.</summary>
    public static SurvivingEvents Check(string dbPath, int producers, bool notes = false, bool newTables = false)
    {
        var perProducer = new long[producers];
        if (!File.Exists(dbPath))
            return new SurvivingEvents(perProducer, 0, new HashSet<string>());
        using var db = RawDb.Open(dbPath);
        Assert.Equal("ok", db.Text("PRAGMA integrity_check"));
        Assert.Empty(db.Rows("PRAGMA foreign_key_check"));
        var tables = db.Rows("SELECT name FROM sqlite_schema WHERE type = 'table'").Select(r => r[0]!).ToHashSet(StringComparer.Ordinal);
        var parts = new List<string>();
        if (tables.Contains("event"))
        {
            Assert.True(s_penguinChildren.All(tables.Contains), $"Penguin's tables are created together, but the file has only {string.Join(", ", tables)}");
            FileChecks.AssertSoundAndUntorn(db, "event", "type", s_penguinChildren);
            Assert.Equal(0, db.Long("SELECT count(*) FROM event WHERE type NOT IN ('syscall', 'write')"));
            parts.Add("SELECT s.id, e.proc_id AS producer, s.arg0 AS seq, 'syscall' AS tbl FROM syscall s JOIN event e ON e.id = s.id");
            parts.Add("SELECT w.id, e.proc_id, w.fd, 'write' FROM write w JOIN event e ON e.id = w.id");
        }
        parts.AddRange(tables.Where(t => t.StartsWith("power_", StringComparison.Ordinal)).Select(t => $"SELECT id, producer, seq, '{t}' FROM {t}"));
        if (parts.Count == 0)
            return new SurvivingEvents(perProducer, 0, tables);

        // Every row of every table, each with its rank among its producer's rows in id order.
        string rows = $"WITH all_rows AS ({string.Join(" UNION ALL ", parts)}) "
            + "SELECT id, producer, seq, tbl, row_number() OVER (PARTITION BY producer ORDER BY id) - 1 AS rank, "
            + $"{EventPlan.TableOfSql("seq", notes, newTables)} AS planned FROM all_rows";
        var ids = db.Rows($"SELECT count(*), count(DISTINCT id), coalesce(min(id), 1), coalesce(max(id), 0) FROM ({rows})")[0].Select(Long).ToArray();
        Assert.True(ids[0] == ids[1] && ids[2] == 1 && ids[3] == ids[0], $"the ids are not 1..{ids[0]}: {ids[1]} distinct, from {ids[2]} to {ids[3]} (a hole, or an id twice)");
        var wrong = db.Rows($"SELECT id, producer, seq, tbl, rank, planned FROM ({rows}) WHERE producer NOT BETWEEN 0 AND {producers - 1} OR seq <> rank OR tbl <> planned ORDER BY id LIMIT 1");
        if (wrong is [var w])
            Assert.Fail($"id {w[0]} is producer {w[1]}'s event {w[2]} in {w[3]}, where its event {w[4]} in {w[5]} was next: not a prefix of what the producers added");
        foreach (var row in db.Rows($"SELECT producer, count(*) FROM ({rows}) GROUP BY producer"))
            perProducer[Long(row[0])] = Long(row[1]);
        return new SurvivingEvents(perProducer, ids[0], tables);
    }

    private static long Long(string? text) => long.Parse(text!, CultureInfo.InvariantCulture);

    public override string ToString() => $"{Total} events ({string.Join(" + ", PerProducer)})";
}
