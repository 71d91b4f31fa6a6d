using System.Collections.Concurrent;
using System.Globalization;

namespace EventDb.FaultTests;

/// <summary>
/// A flush that fails on any allocation rolls back whole and loses nothing: at each place the flush path allocates
/// (<see cref="AllocationSite"/>), the n-th allocation is made to fail as the runtime would fail it, for n from the
/// first to past the last the workload makes there. The batch must fail, be retried and commit; every event must land
/// exactly once, every event with a bad value be rejected and reported exactly once, and the flushes after it work;
/// a report that cannot be made after a commit fails nothing.
/// </summary>
public sealed class AllocationFailureTests
{
    private const int PerRound = 300, LabelledPerRound = 50, Rounds = 3;

    // Sampled allocations: every one at first, then further apart (a site may allocate for each of hundreds of values).
    private static readonly int[] s_nth = [1, 2, 3, 4, 5, 6, 8, 13, 21, 34, 55, 89];

    // By name: the enum is internal, and a test's parameters must be public.
    public static TheoryData<string> Sites => new(Enum.GetNames<AllocationSite>());

    [Theory]
    [MemberData(nameof(Sites))]
    public void Flush_WhenAnAllocationFails_RollsBackRetriesAndLosesNothing(string siteName)
    {
        var site = Enum.Parse<AllocationSite>(siteName);
        int fired = 0;
        foreach (int nth in s_nth)
        {
            if (!RunWithFailureAt(site, nth))
                break; // the workload makes fewer allocations there
            fired++;
        }
        Assert.True(fired > 0, $"the workload never allocates at {site}");
    }

    /// <summary>Runs the workload with the <paramref name="nth"/> allocation at <paramref name="site"/> failing; false when it never came.</summary>
    private static bool RunWithFailureAt(AllocationSite site, int nth)
    {
        using var dir = new TempDirectory();
        var reported = new ConcurrentQueue<EventDbException>();
        var options = dir.Options() with { FlushInterval = TimeSpan.FromMinutes(10), OnError = reported.Enqueue };
        int injectedBefore = AllocationFaults.Injected;
        int failedFlushes = 0;
        var log = EventLogger.Open(options);
        try
        {
            AllocationFaults.Arm(site, nth);
            for (int round = 0; round < Rounds; round++)
            {
                AddRound(log, round);
                try
                {
                    log.Flush();
                }
                catch (EventDbException ex) when (ex.InnerException is EventDbException { InnerException: OutOfMemoryException })
                {
                    failedFlushes++;
                    log.Flush(); // the writer retries the batch it rolled back
                }
            }
        }
        finally
        {
            AllocationFaults.Disarm();
            log.Dispose();
        }

        bool fired = AllocationFaults.Injected > injectedBefore;
        var context = $"{site}, allocation {nth}: ";
        // A report is made after the COMMIT: failing it must not fail (or stop) anything.
        Assert.True(failedFlushes == (fired && site != AllocationSite.Report ? 1 : 0), context + $"{failedFlushes} flushes failed");
        Assert.Equal(Rounds * (PerRound + LabelledPerRound - Bad), log.WrittenEvents);
        Assert.Equal(Rounds * Bad, log.RejectedEvents);
        var rejections = reported.OfType<EventRejectedException>().ToList();
        Assert.True(rejections.Count == Rounds * Bad, context + $"{rejections.Count} rejections reported: " + string.Join("; ", reported.Select(r => r.Message)));
        Assert.Equal(rejections.Count, rejections.Select(r => r.EventId).Distinct().Count());
        Assert.All(rejections, r => Assert.Contains("unpaired surrogate", r.Message, StringComparison.Ordinal));

        using var db = dir.OpenRaw(readOnly: true);
        FileChecks.AssertSoundAndUntorn(db);
        var expected = Enumerable.Range(0, Rounds * PerRound).Where(seq => !IsBad(seq % PerRound)).Select(seq => seq.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(expected, db.Rows("SELECT seq FROM numbered ORDER BY seq").Select(r => r[0]));
        Assert.Equal(Rounds * PerRound / 10, db.Long("SELECT count(*) FROM numbered WHERE length(text) = 20000"));
        Assert.Equal(Rounds * LabelledPerRound, db.Long("SELECT count(DISTINCT seq) FROM labelled"));
        Assert.Equal(Rounds * LabelledPerRound, db.Long("SELECT count(*) FROM labelled"));
        return fired;
    }

    // Per round: every 25th numbered event has text UTF-8 cannot encode (rejected, and its base row deleted), every 10th
    // a text too long for a stage's arena (memory of its own), and the labelled events write a second child table.
    private const int Bad = PerRound / 25;

    private static bool IsBad(int i) => i % 25 == 7;

    private static void AddRound(EventLogger log, int round)
    {
        for (int i = 0; i < PerRound; i++)
        {
            string? text = IsBad(i) ? "bad \uD800" : i % 10 == 3 ? new string('x', 20_000) : i % 2 == 0 ? "short" : null;
            log.Add(new Numbered { Producer = 0, Seq = round * PerRound + i, Text = text, Data = i % 3 == 0 ? [1, 2, 3] : null });
            if (i % (PerRound / LabelledPerRound) == 0)
                log.Add(new Labelled { Producer = 1, Seq = round * LabelledPerRound + i / (PerRound / LabelledPerRound), Label = "label" });
        }
    }
}
