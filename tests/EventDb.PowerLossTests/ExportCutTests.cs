using System.Globalization;
using System.Text.Json;
using EventDb.Export;
using EventDb.FaultTests;
using EventDb.Penguin;
using EventDb.PowerLoss;
using Xunit.Abstractions;

namespace EventDb.PowerLossTests;

/// <summary>
/// An export into a corpus on LazyFS, killed while it writes and publishes a run's partitions (replacing the ones an
/// earlier export of the run left), then the power cut: every partition a campaign sees is whole and readable, holds one
/// version of its run's table, and agrees with the run's manifest when there is one; a rerun completes.
/// </summary>
public sealed class ExportCutTests(ITestOutputHelper output)
{
    [Fact]
    public void Export_KilledWhilePublishingThenPowerCut_EveryVisiblePartitionIsWholeAndARerunCompletes()
    {
        using var mount = LazyFsMount.Create();
        var runs = new SourceRuns(Path.Combine(mount.Outside, "runs"));
        var corpus = Path.Combine(mount.MountPoint, "corpus");
        runs.Append("a", 20_000);
        runs.Append("b", 12_000);
        Assert.Equal(0, Export(mount, corpus, runs, "first", null, kill: null));
        mount.PowerCut();
        AssertVisiblePartitionsWhole(corpus, runs, complete: true);

        for (int round = 0; round < PowerTools.Rounds; round++)
        {
            // A new version of one run: its export replaces the run's partitions and manifest.
            runs.Append(round % 2 == 0 ? "a" : "b", 4_000);
            var (killAt, kill, description) = (round % 3) switch
            {
                0 => (new KillPoint("rename", Random.Shared.Next(1, 16)), (Action<PowerChild>?)null, ""),
                1 => (new KillPoint("fsync", Random.Shared.Next(1, 20)), null, ""),
                _ => ((KillPoint?)null, KillWhileExporting(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1_500)), out var delay), $"SIGKILL {delay} ms into the export"),
            };
            int exit = Export(mount, corpus, runs, $"round-{round}", killAt, kill);
            output.WriteLine($"export {(killAt is { } point ? $"strace: {point}" : description)}: exit {exit}");
            mount.PowerCut();
            AssertVisiblePartitionsWhole(corpus, runs, complete: exit == 0);
        }

        Assert.Equal(0, Export(mount, corpus, runs, "rerun", null, kill: null));
        mount.PowerCut();
        AssertVisiblePartitionsWhole(corpus, runs, complete: true);
    }

    [Fact]
    public void Export_ReplacingARun_SyncsEachNameItPublishesBeforeItReturns()
    {
        using var mount = LazyFsMount.Create();
        var runs = new SourceRuns(Path.Combine(mount.Outside, "runs"));
        var corpus = Path.Combine(mount.MountPoint, "corpus");
        runs.Append("a", 5_000);
        Assert.Equal(0, Export(mount, corpus, runs, "first", null, kill: null));
        runs.Append("a", 1_000);
        using var child = PowerChild.Start(mount, "export", null, "export", corpus, runs.Directory("a"));
        Assert.Equal(0, child.WaitForExit());
        var trace = child.Trace();
        var exported = trace.Marker("EXPORTED");
        var manifest = Path.Combine(corpus, "_runs", "a.json");

        // The old manifest's removal is final before any partition moves: else a cut could pair it with new partitions.
        var removed = trace.Calls.Single(c => c.Name == "unlink" && c.Path == manifest);
        var moves = trace.Calls.Where(c => c.Name == "rename" && c.Paths.Count == 2 && c.Paths[1].StartsWith(Path.Combine(corpus, "table="), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(moves);
        DurableOrder.AssertSynced(trace, removed, Path.GetDirectoryName(manifest)!, moves[0], "the old manifest's removal");
        var renamedManifest = trace.Calls.Single(c => c.Name == "rename" && c.Paths.Count == 2 && c.Paths[1] == manifest);
        foreach (var move in moves.Where(m => m.Paths[0].Contains("/_tmp/", StringComparison.Ordinal)))
        {
            // A new partition: its files' data and names are synced before it is renamed into place, and its new name
            // before the manifest says it is there.
            string written = move.Paths[0];
            var files = trace.Calls.Where(c => c.Name == "fsync" && c.Succeeded && Path.GetDirectoryName(c.Path) == written).ToList();
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.True(f.Time < move.Time, $"{f.Path} was synced after its partition was renamed"));
            Assert.Contains(trace.Calls, c => c.Syncs(written) && c.Time > files.Max(f => f.Time) && c.Time < move.Time);
            DurableOrder.AssertSynced(trace, move, Path.GetDirectoryName(move.Paths[1])!, renamedManifest, "a published partition's name");
        }
        DurableOrder.AssertSynced(trace, renamedManifest, Path.GetDirectoryName(manifest)!, exported, "the manifest's name");
    }

    /// <summary>Runs the export child on every run; returns its exit code (137 when killed).</summary>
    private int Export(LazyFsMount mount, string corpus, SourceRuns runs, string name, KillPoint? killAt, Action<PowerChild>? kill)
    {
        using var child = PowerChild.Start(mount, "export-" + name, killAt, "export", [corpus, .. runs.Names.Select(runs.Directory)]);
        if (kill is not null)
            kill(child);
        else if (killAt is not null && !child.WaitForEnd(TimeSpan.FromSeconds(60)))
            child.Kill();
        int exit = child.WaitForExit();
        Assert.True(exit is 0 or 128 + Posix.SigKill, $"the export failed (exit {exit}): {child.Output()} {child.StandardError}");
        if (exit == 0)
            output.WriteLine(child.Output().Trim());
        return exit;
    }

    private static Action<PowerChild> KillWhileExporting(TimeSpan delay, out double milliseconds)
    {
        milliseconds = delay.TotalMilliseconds;
        return child =>
        {
            if (child.WaitFor(r => r.Phase >= ChildPhase.Exporting, TimeSpan.FromSeconds(60)))
            {
                Thread.Sleep(delay);
                child.Kill();
            }
        };
    }

    /// <summary>
    /// Every partition a campaign can see (<c>table=T/run=R/*.parquet</c>) reads whole and holds exactly one version of R's
    /// table T; a run with a manifest has exactly the manifest's partitions, files and rows; with <paramref name="complete"/>
    /// (the export returned), every run has its manifest and its latest version.
    /// </summary>
    private void AssertVisiblePartitionsWhole(string corpus, SourceRuns runs, bool complete)
    {
        var manifests = Directory.Exists(Path.Combine(corpus, "_runs"))
            ? Directory.GetFiles(Path.Combine(corpus, "_runs"), "*.json").ToDictionary(f => Path.GetFileNameWithoutExtension(f), ReadManifest)
            : [];
        var seen = new Dictionary<(string Table, string Run), TableVersion>();
        using (var campaign = Campaign.Open(corpus))
        {
            foreach (var table in campaign.Tables)
            {
                // Every column of every row decoded (the row's hash), and its ids summed to compare with the source.
                using var rows = campaign.Query($"SELECT run, count(*), CAST(sum(id) AS BIGINT), bit_xor(hash(t)) FROM \"{table}\" t GROUP BY run");
                foreach (var row in rows)
                    seen[(table, (string)row[0]!)] = new TableVersion(Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
            }
        }
        foreach (var ((table, run), version) in seen)
        {
            Assert.True(runs.Versions(run).Any(v => v.GetValueOrDefault(table) == version),
                $"table={table}/run={run} holds {version.Rows} rows (ids summing to {version.IdSum}), which no version of the run had");
            if (manifests.TryGetValue(run, out var manifest))
            {
                Assert.True(manifest.TryGetValue(table, out var listed), $"run {run}'s manifest does not list table={table}, which a campaign sees");
                Assert.Equal(listed.Rows, version.Rows);
                var files = Directory.GetFiles(Path.Combine(corpus, "table=" + table, "run=" + run)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
                Assert.Equal(listed.Files.Order(StringComparer.Ordinal), files);
            }
        }
        foreach (var (run, manifest) in manifests)
        {
            foreach (var table in manifest.Keys)
                Assert.True(seen.ContainsKey((table, run)), $"run {run}'s manifest lists table={table}, which a campaign does not see");
        }
        if (complete)
        {
            foreach (var run in runs.Names)
            {
                Assert.True(manifests.ContainsKey(run), $"the export returned, but run {run} has no manifest");
                foreach (var (table, version) in runs.Versions(run)[^1])
                    Assert.Equal(version, seen.GetValueOrDefault((table, run)));
            }
        }
        output.WriteLine($"corpus: {seen.Count} partitions seen, {manifests.Count} manifests{(complete ? ", complete" : "")}");
    }

    private static Dictionary<string, (long Rows, IReadOnlyList<string> Files)> ReadManifest(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(
            t => t.GetProperty("name").GetString()!,
            t => (t.GetProperty("rows").GetInt64(), (IReadOnlyList<string>)[.. t.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)]));
    }
}

/// <summary>What one table of one version of a run holds: its rows and the sum of their ids.</summary>
internal readonly record struct TableVersion(long Rows, long IdSum);

/// <summary>Runs on the real disk (outside the mount) that grow version by version, each version's tables remembered.</summary>
internal sealed class SourceRuns(string root)
{
    private readonly Dictionary<string, List<Dictionary<string, TableVersion>>> _versions = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _versions.Keys;

    public string Directory(string run) => Path.Combine(root, run);

    public IReadOnlyList<Dictionary<string, TableVersion>> Versions(string run) => _versions.GetValueOrDefault(run) ?? [];

    /// <summary>Appends <paramref name="events"/> events of a Penguin trace to the run, and records the new version.</summary>
    public void Append(string run, int events)
    {
        var versions = _versions.TryGetValue(run, out var known) ? known : _versions[run] = [];
        var trace = new PenguinTrace(seed: versions.Count + run.Length, poolSize: events);
        using (var log = EventLogger.Open(new EventLoggerOptions { Directory = Directory(run), Tables = PenguinTables.All }))
        {
            for (long i = 0; i < events; i++)
                trace.AddTo(log, i);
        }
        using var db = RawDb.Open(Path.Combine(Directory(run), "plugins.db"), readOnly: true);
        var tables = db.Rows("SELECT name FROM sqlite_schema WHERE type = 'table'").Select(r => r[0]!);
        versions.Add(tables
            .Select(t => (Table: t, Row: db.Rows($"SELECT count(*), coalesce(sum(id), 0) FROM \"{t}\"")[0]))
            .Where(t => t.Row[0] != "0")
            .ToDictionary(t => t.Table, t => new TableVersion(long.Parse(t.Row[0]!, CultureInfo.InvariantCulture), long.Parse(t.Row[1]!, CultureInfo.InvariantCulture))));
    }
}
