using System.Globalization;
using EventDb.PowerLoss;
using Xunit.Abstractions;

namespace EventDb.PowerLossTests;

/// <summary>
/// One file on a LazyFS mount written by a power-loss child round after round: each round a child appends, is killed,
/// the power is cut, and the file is held against the promises; the next round's child opens what survived.
/// </summary>
internal sealed class WriterRun
{
    private readonly LazyFsMount _mount;
    private readonly ITestOutputHelper _output;
    private long[] _present;
    private int _rounds;
    private int _files;

    /// <summary>A file in <paramref name="directory"/> under the mount (created by the first child's Open).</summary>
    public WriterRun(LazyFsMount mount, ITestOutputHelper output, Durability durability, int producers, string directory = "run0")
    {
        _mount = mount;
        _output = output;
        Durability = durability;
        Producers = producers;
        _present = new long[producers];
        Directory = Path.Combine(mount.MountPoint, directory);
    }

    public Durability Durability { get; }

    public int Producers { get; }

    /// <summary>The directory of the file, through the mount.</summary>
    public string Directory { get; private set; }

    public string DbPath => Path.Combine(Directory, "plugins.db");

    /// <summary>Every 100th event in power_note, whose column the schema-evolution tests drop and Open adds back.</summary>
    public bool Notes { get; init; }

    /// <summary>Now and then an event of a type whose table its first Add creates.</summary>
    public bool NewTables { get; init; }

    /// <summary>Rounds on one file before the next file starts: the file must stay well within LazyFS's cache.</summary>
    public int RoundsPerFile { get; init; } = 3;

    /// <summary>What survived the last cut.</summary>
    public SurvivingEvents? Survivors { get; private set; }

    /// <summary>
    /// <see cref="PowerTools.Rounds"/> rounds as <paramref name="plan"/> says (given the round's number), a new file every
    /// few rounds; after the last round on each file the next writer appends to it, and after the last round of all
    /// every reader reads it. <paramref name="beforeRound"/> may change the file between rounds.
    /// </summary>
    public IReadOnlyList<CutFigures> RunRounds(Func<int, RoundPlan> plan, Action<int>? beforeRound = null) => RunRounds(PowerTools.Rounds, plan, beforeRound);

    /// <summary><paramref name="rounds"/> rounds, as <see cref="RunRounds(Func{int, RoundPlan}, Action{int}?)"/>.</summary>
    public IReadOnlyList<CutFigures> RunRounds(int rounds, Func<int, RoundPlan> plan, Action<int>? beforeRound = null)
    {
        var figures = new List<CutFigures>();
        for (int round = 0; round < rounds; round++)
        {
            if (round > 0 && round % RoundsPerFile == 0)
                StartOver();
            beforeRound?.Invoke(round);
            figures.Add(Round(plan(round)));
        }
        FileReaders.AssertAllRead(DbPath, Survivors!);
        return figures;
    }

    /// <summary>Has the next writer append to the file, then removes it and goes on with a new one.</summary>
    private void StartOver()
    {
        FileReaders.AssertNextOpenAppends(DbPath, Survivors!.Total);
        System.IO.Directory.Delete(Directory, recursive: true);
        Directory = Path.Combine(_mount.MountPoint, $"run{++_files}");
        _present = new long[Producers];
    }

    /// <summary>
    /// Starts a child appending to the file (it adds each producer's events from where the file ends), lets the plan's
    /// kill end it (or strace, at the plan's call), cuts the power and checks the promises.
    /// </summary>
    public CutFigures Round(RoundPlan plan)
    {
        var arguments = new List<string>
        {
            Directory, "--durability", Durability.ToString(), "--producers", Producers.ToString(CultureInfo.InvariantCulture),
            "--start", string.Join(',', _present),
        };
        if (Notes)
            arguments.Add("--notes");
        if (NewTables)
            arguments.Add("--new-tables");
        arguments.AddRange(plan.Extra ?? []);
        using var child = PowerChild.Start(_mount, $"writer-{_rounds++}", plan.KillAt, "write", [.. arguments]);
        plan.Kill(child);
        int exit = child.WaitForExit();
        Assert.True(exit is 0 or 128 + Posix.SigKill, $"the child failed (exit {exit}): {child.StandardError}");
        var trace = child.Trace();
        string where = exit == 0 ? "after a clean close" : plan.KillAt is { } point ? $"strace: {point}, {KilledIn(trace)}" : plan.CutPoint;

        _mount.PowerCut();
        plan.AfterCut?.Invoke(trace);
        var survivors = SurvivingEvents.Check(DbPath, Producers, Notes, NewTables);
        var figures = Promises.Hold(survivors, _present, child.Record, trace, Durability, DbPath, where);
        _output.WriteLine(figures.ToString());
        _present = [.. survivors.PerProducer];
        Survivors = survivors;
        return figures;
    }

    /// <summary>Kills the child a random moment up to <paramref name="longest"/> after it began writing; the plan's description.</summary>
    public static RoundPlan KillWhileWriting(TimeSpan longest, params string[] extra) => KillWhileWriting(TimeSpan.FromMilliseconds(20), longest, extra);

    /// <summary>Kills the child a random moment from <paramref name="shortest"/> to <paramref name="longest"/> after it began writing.</summary>
    public static RoundPlan KillWhileWriting(TimeSpan shortest, TimeSpan longest, params string[] extra)
    {
        var delay = TimeSpan.FromMilliseconds(Random.Shared.Next((int)shortest.TotalMilliseconds, (int)longest.TotalMilliseconds));
        return new RoundPlan(KillAfterWritingFor(delay), $"SIGKILL {delay.TotalMilliseconds} ms into writing{(extra.Length > 0 ? " (" + string.Join(' ', extra) + ")" : "")}", null, extra);
    }

    /// <summary>Kills the child <paramref name="delay"/> after it began writing.</summary>
    private static Action<PowerChild> KillAfterWritingFor(TimeSpan delay) => child =>
    {
        if (child.WaitFor(r => r.Phase >= ChildPhase.Writing, TimeSpan.FromSeconds(60)))
        {
            Thread.Sleep(delay);
            child.Kill();
        }
    };

    /// <summary>Leaves the kill to strace; kills the child anyway after <paramref name="patience"/> if the call never came.</summary>
    public static Action<PowerChild> KillAtTheCall(TimeSpan patience) => child =>
    {
        if (!child.WaitForEnd(patience))
            child.Kill();
    };

    /// <summary>Which call the kill interrupted, from the trace: the last one the child entered.</summary>
    private static string KilledIn(SyscallTrace trace) =>
        trace.Calls.LastOrDefault(c => c.Interrupted) is { } interrupted ? $"killed in {interrupted.Name}({interrupted.Path})" : "not killed by strace";
}

/// <summary>
/// How a round ends: who kills the child and when (or the call strace kills it at), how to describe that cut point, the
/// child's extra options, and what to check of the cut's state before the file is opened again.
/// </summary>
internal sealed record RoundPlan(Action<PowerChild> Kill, string CutPoint, KillPoint? KillAt = null, string[]? Extra = null, Action<SyscallTrace>? AfterCut = null);
