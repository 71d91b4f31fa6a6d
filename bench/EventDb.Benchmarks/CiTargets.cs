using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EventDb.Benchmarks;

/// <summary>
/// The issue's targets, computed from one run's summaries with medians, one line each:
/// <c>target NAME: MEASURED (goal GOAL) ok|MISS</c>. Only the CI floor (EventDb below 1.0x RawSqlite, or no
/// measurement of it) makes the run fail; a MISS is reported, not fatal.
/// </summary>
internal static class CiTargets
{
    public const double Floor = 1.0;

    private delegate (Summary Summary, BenchmarkCase Case)? Finder(string type, string method, string? param = null, object? value = null);

    /// <summary>
    /// Issue 22's targets against the C program's best layout (append ids), measured in the same run: events/s at 1M
    /// events (EventDb timed open to close, the C layout BEGIN..COMMIT only) and in one 100k-event transaction, and the
    /// process's CPU time per event (EventDb from its first Add to the end of Dispose, the C layout over its run).
    /// </summary>
    private static void CMaxTargets(Finder find, Action<string, double?, string, string, Func<double, bool>> target, Func<double?, double?, double?> ratio, List<string> notes)
    {
        const int Goal = 1_000_000, OneBatch = 100_000;
        (Summary Summary, BenchmarkCase Case)? At(string method, int n) =>
            find(nameof(EndToEndGoalBenchmarks), method, "N", n) ?? find(nameof(EndToEndBenchmarks), method, "N", n);
        double? Rate(string method, int n) => At(method, n) is { } x ? Results.EventsPerSecond(x.Summary, x.Case) : null;
        double? CpuPerEvent(string method, int n) =>
            At(method, n) is { } x && ProcessCpu.Median(x.Case.Descriptor.Type.Name, method, n, Results.MeasuredIterations(x.Summary, x.Case)) is { } ns ? ns / n / 1000 : null;

        const string EventDb = nameof(EndToEndContenders.EventDb), CMax = nameof(EndToEndContenders.CMaxLayout), Bound = nameof(EndToEndBenchmarks.CMaxLayoutBoundIds), Raw = nameof(EndToEndBenchmarks.RawSqlite);
        target("EventDb/CMaxLayout events/s (N=1M)", ratio(Rate(EventDb, Goal), Rate(CMax, Goal)), "0.00'x'", ">= 1.1x", r => r >= 1.1);
        target("EventDb/CMaxLayout events/s (N=100k, one transaction)", ratio(Rate(EventDb, OneBatch), Rate(CMax, OneBatch)), "0.00'x'", ">= 1.0x", r => r >= 1.0);
        target("EventDb/CMaxLayout CPU per event (N=1M)", ratio(CpuPerEvent(EventDb, Goal), CpuPerEvent(CMax, Goal)), "0.00'x'", "<= 1.25x", r => r <= 1.25);
        foreach (int n in new[] { Goal, OneBatch })
        {
            if (CpuPerEvent(EventDb, n) is not { } mine || CpuPerEvent(CMax, n) is not { } theirs)
                continue;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"note CPU us/event (N={n:N0}): EventDb {mine:0.000}, CMaxLayout {theirs:0.000} ({mine / theirs:0.00}x){(CpuPerEvent(Bound, n) is { } bound ? $", CMaxLayoutBoundIds {bound:0.000}" : "")}{(CpuPerEvent(Raw, n) is { } raw ? $", RawSqlite {raw:0.000}" : "")}"));
        }
        foreach (int n in new[] { Goal, OneBatch })
        {
            if (ratio(Rate(EventDb, n), Rate(Bound, n)) is { } vsBound)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"note EventDb/CMaxLayoutBoundIds events/s (N={n:N0}): {vsBound:0.00}x"));
        }
    }

    /// <summary>
    /// Add's cost judged against floors measured in the same run: private copies (1 producer), and the same copies with
    /// one shared atomic increment per event, what ids in arrival order across threads cost at the least (2 producers).
    /// </summary>
    private static void ProducerTargets(Finder find, Action<string, double?, string, string, Func<double, bool>> target, List<string> notes)
    {
        foreach (int producers in new[] { 1, 2 })
        {
            double? Ns(string method) =>
                find(nameof(ProducerBenchmarks), method, nameof(ProducerBenchmarks.Producers), producers) is { } c ? Results.MedianNs(c.Summary, c.Case) : null;
            var add = find(nameof(ProducerBenchmarks), nameof(ProducerBenchmarks.Add), nameof(ProducerBenchmarks.Producers), producers);
            double? ns = Ns(nameof(ProducerBenchmarks.Add));
            double? copy = Ns(nameof(ProducerBenchmarks.CopyFloor));
            double? sequenced = Ns(nameof(ProducerBenchmarks.CopyAndSequenceFloor));
            // The producing threads' CPU time per Add (both threads with 2 producers), saved by the benchmark process.
            double? Cpu(string method) =>
                find(nameof(ProducerBenchmarks), method, nameof(ProducerBenchmarks.Producers), producers) is { } c
                && ProcessCpu.Median(nameof(ProducerBenchmarks), method, producers, Results.MeasuredIterations(c.Summary, c.Case)) is { } total
                    ? total / ProducerBenchmarks.AddsPerInvoke
                    : null;
            double? cpu = Cpu(nameof(ProducerBenchmarks.Add));
            double? copyCpu = Cpu(nameof(ProducerBenchmarks.CopyFloor));
            double? sequencedCpu = Cpu(nameof(ProducerBenchmarks.CopyAndSequenceFloor));
            double? bytes = add is { } b && b.Summary[b.Case] is { } report ? report.GcStats.GetBytesAllocatedPerOperation(b.Case) : null;
            string who = producers == 1 ? "1 producer" : "2 producers";
            // The host's memory bandwidth moves the absolute figures by tens of nanoseconds with the same code, and the
            // floors with them.
            if (producers == 1)
                target($"Add - CopyFloor ns/op ({who})", ns - copy, "0.0", "<= 15", v => v <= 15);
            else
                target($"Add - CopyAndSequenceFloor ns/op ({who})", ns - sequenced, "0.0", "<= 15", v => v <= 15);
            target($"Add allocated B/op ({who})", bytes, "0.##", "0", v => v == 0);
            if (ns is not null)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"note Add ns/op ({who}): {ns:0.0}; CopyFloor {copy:0.0} (private copies), CopyAndSequenceFloor {sequenced:0.0} (the same with a shared atomic increment per event); Add - CopyFloor {ns - copy:0.0}"));
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"note Add CPU ns/op ({who}, the producing threads' CPU time, waits for a core left out): {cpu:0.0}; CopyFloor {copyCpu:0.0}, CopyAndSequenceFloor {sequencedCpu:0.0}; Add - CopyFloor {cpu - copyCpu:0.0}, Add - CopyAndSequenceFloor {cpu - sequencedCpu:0.0}"));
            }
        }
    }

    /// <summary>Issue 12's read targets: rows/s against the hand-written loop and Dapper, allocation beyond the loop, 10M/1M memory.</summary>
    private static void ReadTargets(Finder find, Action<string, double?, string, string, Func<double, bool>> target, Func<double?, double?, double?> ratio)
    {
        var hand = find(nameof(ReadBenchmarks), nameof(ReadBenchmarks.HandWritten));
        var eventDb = find(nameof(ReadBenchmarks), nameof(ReadBenchmarks.EventDb));
        var dapper = find(nameof(ReadBenchmarks), nameof(ReadBenchmarks.Dapper));
        double? Ns((Summary Summary, BenchmarkCase Case)? x) => x is { } c ? Results.MedianNs(c.Summary, c.Case) : null;
        double? Bytes((Summary Summary, BenchmarkCase Case)? x) => x is { } c && c.Summary[c.Case] is { } r ? r.GcStats.GetBytesAllocatedPerOperation(c.Case) : null;
        target("Read<Syscall>/hand-written loop rows/s", ratio(Ns(hand), Ns(eventDb)), "0.00'x'", ">= 0.9x", r => r >= 0.9);
        target("Read<Syscall>/Dapper rows/s", ratio(Ns(dapper), Ns(eventDb)), "0.00'x'", ">= 2x", r => r >= 2);
        // The hand-written loop allocates the rows' strings and nothing else: the difference is EventDb's own per row.
        const double Rows = 200_000 * 0.9;
        double? extra = Bytes(eventDb) is { } e && Bytes(hand) is { } h ? (e - h) / Rows : null;
        target("Read allocated B/row beyond the rows' own strings", extra, "0.00", "<= 1", v => v <= 1);
        long? peak1M = PeakWorkingSet.Read(nameof(ReadScaleBenchmarks), nameof(ReadScaleBenchmarks.EventDb), 1_000_000);
        long? peak10M = PeakWorkingSet.Read(nameof(ReadScaleBenchmarks), nameof(ReadScaleBenchmarks.EventDb), 10_000_000);
        target("Read 10M/1M peak working set", ratio(peak10M, peak1M), "0.00'x'", "<= 1.2x", r => r <= 1.2);
    }

    /// <summary>Issue 14's targets: the export's rows/s against a raw scan of the same rows, and a 20-run aggregate over the corpus against the 20 files.</summary>
    private static void ExportTargets(Finder find, Action<string, double?, string, string, Func<double, bool>> target, Func<double?, double?, double?> ratio)
    {
        double? Ns(string type, string method) => find(type, method) is { } c ? Results.MedianNs(c.Summary, c.Case) : null;
        // Same rows on both sides, so the ratio of rows/s is the inverse ratio of the times.
        target("Export rows/s vs SQLite scan", ratio(Ns(nameof(ExportBenchmarks), nameof(ExportBenchmarks.SqliteScan)), Ns(nameof(ExportBenchmarks), nameof(ExportBenchmarks.Export))),
            "0.00'x'", ">= 1.0x", r => r >= 1.0);
        target("Campaign aggregate vs 20 SQLite files", ratio(Ns(nameof(CampaignBenchmarks), nameof(CampaignBenchmarks.SqliteFiles)), Ns(nameof(CampaignBenchmarks), nameof(CampaignBenchmarks.Campaign))),
            "0.00'x'", ">= 5x", r => r >= 5);
    }

    /// <summary>
    /// Issue 23's targets: the report of the 1M-event demo run written by the .NET tool within 3 s, its page under
    /// 1 MB, and the 10M run's page the same size (the lists are capped, so the page does not grow with the file).
    /// </summary>
    private static void ReportTargets(Finder find, Action<string, double?, string, string, Func<double, bool>> target, List<string> notes)
    {
        double? Seconds(string method, int n) => find(nameof(ReportBenchmarks), method, "N", n) is { } c && Results.MedianNs(c.Summary, c.Case) is { } ns ? ns / 1e9 : null;
        target("Report 1M demo events, the .NET tool's wall time (s)", Seconds(nameof(ReportBenchmarks.Report), 1_000_000), "0.00", "<= 3", s => s <= 3);
        long? page1M = ReportBenchmarks.PageSize.Read(1_000_000), page10M = ReportBenchmarks.PageSize.Read(10_000_000);
        target("Report page at 1M events (bytes)", page1M, "N0", "< 1,000,000", b => b < 1_000_000);
        target("Report page 10M/1M size", page10M is { } a && page1M is { } b && b > 0 ? (double)a / b : null, "0.000'x'", "<= 1.05x", r => r <= 1.05);
        if (Seconds(nameof(ReportBenchmarks.Report), 10_000_000) is { } tenM)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"note Report 10M demo events: {tenM:0.0} s, page {page10M:N0} bytes; eventdb info on the same file (start-up and counts): {Seconds(nameof(ReportBenchmarks.Info), 10_000_000):0.00} s at 10M, {Seconds(nameof(ReportBenchmarks.Info), 1_000_000):0.00} s at 1M"));
        }
    }

    /// <summary>Context for the campaign target: the query alone on a campaign kept open (no DuckDB start, no views).</summary>
    private static string? CampaignNote(Finder find)
    {
        double? Ns(string method) => find(nameof(CampaignBenchmarks), method) is { } c ? Results.MedianNs(c.Summary, c.Case) : null;
        return Ns(nameof(CampaignBenchmarks.SqliteFiles)) is { } files && Ns(nameof(CampaignBenchmarks.CampaignSession)) is { } session && session > 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"note Campaign query alone on an open campaign vs 20 SQLite files: {files / session:0.00}x ({session / 1e6:0.0} ms against {files / 1e6:0.0} ms)")
            : null;
    }

    /// <summary>
    /// What <see cref="Durability.Full"/> costs against <see cref="Durability.Normal"/>, measured in this run: events/s of
    /// each (medians) and their ratio, for each commit size. A note, not a target: the price of a sync is the disk's.
    /// </summary>
    private static IEnumerable<string> DurabilityNotes(IReadOnlyList<(Summary Summary, BenchmarkCase Case)> cases)
    {
        foreach (int bufferSize in new[] { 100_000, 1_000 })
        {
            double? Rate(Durability durability) => cases
                .Where(x => x.Case.Descriptor.Type.Name == nameof(DurabilityBenchmarks)
                            && Equals(x.Case.Parameters[nameof(DurabilityBenchmarks.BufferSize)], bufferSize)
                            && Equals(x.Case.Parameters[nameof(DurabilityBenchmarks.Durability)], durability))
                .Select(x => Results.EventsPerSecond(x.Summary, x.Case)).FirstOrDefault();
            if (Rate(Durability.Normal) is { } normal && Rate(Durability.Full) is { } full)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"note Durability events/s (N=200k, a commit per {bufferSize:N0} events): Normal {normal:N0}, Full {full:N0} ({full / normal:0.00}x)");
            }
        }
    }

    /// <summary>Prints and saves the target lines; returns the exit code. A <paramref name="subset"/> run (some classes only) has no floor to check.</summary>
    public static int Report(IEnumerable<Summary> summaries, TextWriter output, string resultsDirectory, bool subset = false)
    {
        var cases = summaries.SelectMany(s => s.BenchmarksCases.Select(c => (Summary: s, Case: c))).ToList();

        (Summary Summary, BenchmarkCase Case)? Find(string type, string method, string? param = null, object? value = null) =>
            cases.Where(x => x.Case.Descriptor.Type.Name == type && x.Case.Descriptor.WorkloadMethod.Name == method
                             && (param is null || Equals(x.Case.Parameters[param], value)))
                 .Select(x => ((Summary, BenchmarkCase)?)x).FirstOrDefault();

        double? Rate(string type, string method, int n) =>
            Find(type, method, "N", n) is { } x ? Results.EventsPerSecond(x.Summary, x.Case) : null;

        var lines = new List<string>();
        var notes = new List<string>();
        void Target(string name, double? measured, string format, string goal, Func<double, bool> ok)
        {
            if (subset && measured is null)
                return; // a class that was not selected
            string value = measured is { } m ? m.ToString(format, CultureInfo.InvariantCulture) : "n/a";
            lines.Add($"target {name}: {value} (goal {goal}) {(measured is { } v && ok(v) ? "ok" : "MISS")}");
        }

        double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;

        const int E2E = 100_000;
        var eventDb = Rate(nameof(EndToEndBenchmarks), nameof(EndToEndBenchmarks.EventDb), E2E);
        var rawSqlite = Rate(nameof(EndToEndBenchmarks), nameof(EndToEndBenchmarks.RawSqlite), E2E);
        var mds = Rate(nameof(EndToEndBenchmarks), nameof(EndToEndBenchmarks.MicrosoftDataSqlite), E2E);
        var vsRaw = Ratio(eventDb, rawSqlite);
        Target("EventDb/RawSqlite events/s", vsRaw, "0.00'x'", ">= 1.25x", r => r >= 1.25);
        Target("EventDb/MicrosoftDataSqlite events/s", Ratio(eventDb, mds), "0.00'x'", ">= 2.5x", r => r >= 2.5);
        CMaxTargets(Find, Target, Ratio, notes);
        ProducerTargets(Find, Target, notes);

        var good = Find(nameof(RejectionBenchmarks), nameof(RejectionBenchmarks.AllGood));
        var bad = Find(nameof(RejectionBenchmarks), nameof(RejectionBenchmarks.OnePercentBad));
        double? goodNs = good is { } g ? Results.MedianNs(g.Summary, g.Case) : null;
        double? badNs = bad is { } b1 ? Results.MedianNs(b1.Summary, b1.Case) : null;
        Target("1,000 rejected among 100,000, time vs all good", Ratio(badNs, goodNs), "0.00'x'", "< 1.2x", r => r < 1.2);

        ReadTargets(Find, Target, Ratio);
        ExportTargets(Find, Target, Ratio);
        ReportTargets(Find, Target, notes);
        if (CampaignNote(Find) is { } campaignNote)
            notes.Add(campaignNote);
        notes.AddRange(DurabilityNotes(cases));

        var rate1M = Rate(nameof(ScaleBenchmarks), nameof(ScaleBenchmarks.EventDb), 1_000_000);
        var rate10M = Rate(nameof(ScaleBenchmarks), nameof(ScaleBenchmarks.EventDb), 10_000_000);
        Target("10M/1M events/s", Ratio(rate10M, rate1M), "0.00'x'", ">= 0.90x", r => r >= 0.90);
        long? peak1M = PeakWorkingSet.Read(nameof(ScaleBenchmarks), nameof(ScaleBenchmarks.EventDb), 1_000_000);
        long? peak10M = PeakWorkingSet.Read(nameof(ScaleBenchmarks), nameof(ScaleBenchmarks.EventDb), 10_000_000);
        Target("10M/1M peak working set", Ratio(peak10M, peak1M), "0.00'x'", "<= 1.5x", r => r <= 1.5);

        string Rates() => string.Create(CultureInfo.InvariantCulture,
            $"events/s (median, N=100,000): EventDb {eventDb:N0}, RawSqlite {rawSqlite:N0}, MicrosoftDataSqlite {mds:N0}; EventDb N=1M {rate1M:N0}, N=10M {rate10M:N0}; peak WS 1M {peak1M / 1048576.0:N1} MiB, 10M {peak10M / 1048576.0:N1} MiB");

        var (floor, exit) = FloorLine(vsRaw, subset);

        output.WriteLine();
        output.WriteLine(Rates());
        output.WriteLine(floor);
        foreach (var line in lines.Concat(notes))
            output.WriteLine(line);
        Directory.CreateDirectory(resultsDirectory);
        File.WriteAllLines(Path.Combine(resultsDirectory, "targets.txt"), [Rates(), floor, .. lines, .. notes]);
        return exit;
    }

    /// <summary>The floor line and the exit code: EventDb end to end must reach <see cref="Floor"/> times RawSqlite.</summary>
    private static (string Line, int Exit) FloorLine(double? vsRaw, bool subset) => vsRaw switch
    {
        null when subset => ("floor: not checked (a subset of the CI classes was run)", 0),
        null => ("floor: FAIL: EventDb vs RawSqlite was not measured (a benchmark failed; see the log above)", 1),
        < Floor => (string.Create(CultureInfo.InvariantCulture, $"floor: FAIL: EventDb is {vsRaw:0.00}x RawSqlite, below the CI floor of {Floor:0.0}x"), 1),
        _ => (string.Create(CultureInfo.InvariantCulture, $"floor: ok: EventDb is {vsRaw:0.00}x RawSqlite (CI floor {Floor:0.0}x)"), 0),
    };
}
