using System.Globalization;
using EventDb.PowerLoss;

namespace EventDb.PowerLossTests;

/// <summary>
/// Each durability level's promise under power loss, held against what the child was told (its record) and what it did
/// (its trace). Returns the figures of the cut: events kept, events committed but lost, and how far back the loss reached.
/// </summary>
internal static class Promises
{
    /// <summary>The environment variable naming a file that collects one tab-separated line per cut (the long mode's figures).</summary>
    public const string ReportVariable = "EVENTDB_POWER_REPORT";

    /// <summary>
    /// After a cut of a writer that had <paramref name="before"/> (per producer) in the file when it started:
    /// nothing it never accepted and nothing an earlier cut kept is missing or extra; with <see cref="Durability.Full"/>
    /// every event a <c>Flush</c> returned for and every commit is there; with <see cref="Durability.Normal"/> every
    /// commit that finished before the last sync of the WAL is there; after a clean close, everything is there.
    /// </summary>
    public static CutFigures Hold(SurvivingEvents after, IReadOnlyList<long> before, ChildRecord record, SyscallTrace trace,
        Durability durability, string dbPath, string cutPoint)
    {
        long beforeTotal = before.Sum();
        for (int p = 0; p < after.PerProducer.Count; p++)
        {
            Assert.True(after.PerProducer[p] >= before[p], $"producer {p} had {before[p]} events in the file before this writer started and has {after.PerProducer[p]} after the cut");
            Assert.True(after.PerProducer[p] <= Math.Max(record.Accepted(p), before[p]),
                $"producer {p} has {after.PerProducer[p]} events in the file but only {record.Accepted(p)} were accepted");
        }
        long kept = after.Total - beforeTotal;
        var history = record.History();
        long committed = history.Count > 0 ? history[^1].Written : 0;
        double syncedAt = LastWalSync(trace, dbPath);
        long committedBeforeSync = history.Where(s => s.UnixMicroseconds < syncedAt * 1e6).Select(s => s.Written).DefaultIfEmpty(0).Max();

        if (record.Phase == ChildPhase.Disposed)
        {
            for (int p = 0; p < after.PerProducer.Count; p++)
                Assert.True(after.PerProducer[p] == record.Accepted(p), $"the logger was disposed cleanly, but producer {p} has {after.PerProducer[p]} of its {record.Accepted(p)} events");
        }
        if (durability == Durability.Full)
        {
            for (int p = 0; p < after.PerProducer.Count; p++)
            {
                Assert.True(after.PerProducer[p] >= record.Flushed(p),
                    $"Full: producer {p}'s Flush returned for {record.Flushed(p)} events, but {after.PerProducer[p]} survived the cut ({cutPoint})");
            }
            Assert.True(kept >= committed, $"Full: {committed} events were committed, {kept} survived the cut ({cutPoint})");
        }
        else
        {
            Assert.True(kept >= committedBeforeSync,
                $"Normal: {committedBeforeSync} events were committed before the last sync of the WAL, {kept} survived the cut ({cutPoint})");
        }

        double killedAt = trace.KilledAt ?? ChildRecord.UnixMicroseconds() / 1e6;
        var firstLost = history.FirstOrDefault(s => s.Written > kept);
        var figures = new CutFigures(cutPoint, durability, after.PerProducer.Count, kept, committed, committedBeforeSync,
            Math.Max(0, committed - kept),
            firstLost.UnixMicroseconds > 0 ? killedAt - firstLost.UnixMicroseconds / 1e6 : 0,
            syncedAt > 0 ? killedAt - syncedAt : double.NaN);
        figures.Report();
        return figures;
    }

    /// <summary>When the last sync of the file's WAL that returned was entered (Unix seconds), or 0.</summary>
    public static double LastWalSync(SyscallTrace trace, string dbPath) =>
        trace.Calls.Where(c => c.Succeeded && c.Syncs(dbPath + "-wal")).Select(c => c.Time).DefaultIfEmpty(0).Max();
}

/// <summary>One cut's figures: events kept and committed (this writer's), and what was committed but lost, in events and seconds.</summary>
internal sealed record CutFigures(string CutPoint, Durability Durability, int Producers, long Kept, long Committed, long CommittedBeforeLastSync,
    long LostCommitted, double LossWindowSeconds, double SinceLastSyncSeconds)
{
    /// <summary>Appends the line to the report file the long mode names, if any.</summary>
    public void Report()
    {
        if (Environment.GetEnvironmentVariable(Promises.ReportVariable) is not { Length: > 0 } path)
            return;
        lock (typeof(CutFigures))
            File.AppendAllText(path, ToString() + Environment.NewLine);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Durability}\t{Producers}\t{CutPoint}\tkept {Kept}\tcommitted {Committed}\tcommitted before last WAL sync {CommittedBeforeLastSync}\tlost {LostCommitted}\twindow {LossWindowSeconds:F3} s\tsince sync {SinceLastSyncSeconds:F3} s");
}
