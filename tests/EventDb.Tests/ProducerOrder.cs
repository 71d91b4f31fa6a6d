using System.Globalization;

namespace EventDb.Tests;

/// <summary>
/// Checks files written by several producers that each tag their syscalls (<c>arg0</c>) and writes (<c>fd</c>) with
/// their number and count their events in <c>proc_id</c>.
/// </summary>
internal static class ProducerOrder
{
    /// <summary>
    /// Asserts that, read in id order, every producer's events come in the order it added them (0, 1, 2, ...), and
    /// returns how many events each producer has in the file.
    /// </summary>
    public static long[] AssertEachInOrder(SqliteDatabase db, int producers)
    {
        var rows = db.QueryText(
            "SELECT coalesce(s.arg0, w.fd), e.proc_id FROM event e LEFT JOIN syscall s ON s.id = e.id LEFT JOIN write w ON w.id = e.id ORDER BY e.id");
        var next = new long[producers];
        foreach (var row in rows)
        {
            int producer = int.Parse(row[0]!, CultureInfo.InvariantCulture);
            Assert.Equal(next[producer]++, long.Parse(row[1]!, CultureInfo.InvariantCulture));
        }
        return next;
    }
}
