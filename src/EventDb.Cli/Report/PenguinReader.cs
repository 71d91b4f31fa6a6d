using System.Globalization;
using EventDb.Penguin;

namespace EventDb.Cli.Report;

/// <summary>The Penguin sections: processes, syscalls, failures, paths not found, file I/O, activity by table and process.</summary>
internal static class PenguinReader
{
    /// <summary>How many processes the activity chart shows on their own (the rest are one series).</summary>
    public const int ActivityProcesses = 8;

    // Stands for a key a group was not counted by (the activity's fallback counts by procname and by type apart).
    private static readonly object s_absent = new();

    private static readonly IntegerColumn s_eventId = new("event", "id");
    private static readonly TextColumn s_type = new("event", "type");
    private static readonly TextColumn s_procname = new("event", "procname");
    private static readonly TextColumn s_syscallName = new("syscall", "name");
    private static readonly IntegerColumn s_retno = new("syscall", "retno");

    /// <summary>Whether the file has Penguin's base table and syscall table (the others are used when present).</summary>
    public static bool Detect(IReadOnlyList<TableFacts> tables) =>
        Has(tables, "event", "id", "type", "procname") && Has(tables, "syscall", "id", "name", "retno", "retno_repr", "arg0_repr", "arg1_repr");

    /// <summary>The Penguin sections and the activity charts (by table and by process) of one snapshot.</summary>
    public static (PenguinSummary Summary, Activity? Activity) Read(EventFile file, long? lastId, IdWindows? windows, int windowCount)
    {
        var facts = file.Tables();
        var incomplete = new List<string>();
        GroupCounts Count(GroupQuery query, string what)
        {
            var counts = file.CountGroups(query with { ThroughId = lastId });
            if (!counts.Complete)
                incomplete.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {counts.RowsNotGrouped:N0} rows beyond the first {query.MaxGroups:N0} groups are not counted"));
            return counts;
        }

        // One scan of the base table gives the processes and both activity charts, unless the groups (windows x
        // processes x types) are too many to keep: then one scan for each.
        var events = windows is null ? null : file.CountGroups(new GroupQuery("event")
        {
            Windows = windows,
            By = [s_procname, s_type],
            Aggregates = [Aggregate.Min(s_eventId), Aggregate.Max(s_eventId)],
            ThroughId = lastId,
            MaxGroups = 250_000,
        });
        var byProcess = events is { Complete: true }
            ? events with { Groups = [.. events.Groups.Select(g => g with { Keys = [.. g.Keys.Skip(1)] })] }
            : Count(new GroupQuery("event") { By = [s_procname, s_type], Aggregates = [Aggregate.Min(s_eventId), Aggregate.Max(s_eventId)] }, "processes");
        var activity = windows is not { } w ? null
            : events is { Complete: true } ? ActivityFrom(events.Groups, w, windowCount)
            : ActivityFrom(
                [.. file.CountGroups(new GroupQuery("event") { Windows = w, By = [s_procname], ThroughId = lastId, MaxGroups = 1_000_000 }).Groups.Select(g => g with { Keys = [g.Keys[0], g.Keys[1], s_absent] }),
                 .. file.CountGroups(new GroupQuery("event") { Windows = w, By = [s_type], ThroughId = lastId }).Groups.Select(g => g with { Keys = [g.Keys[0], s_absent, g.Keys[1]] })],
                w, windowCount);
        var byName = Count(new GroupQuery("syscall") { By = [s_syscallName] }, "syscalls");
        var failures = Count(new GroupQuery("syscall")
        {
            By = [s_syscallName, s_retno, new TextColumn("syscall", "retno_repr"), s_procname],
            Where = s_retno.LessThan(0),
        }, "failures");
        var errnoNames = ErrnoNames(failures.Groups);
        var failureRows = FailureRows(failures.Groups, errnoNames);

        var lookups = byName.Groups.Select(g => Text(g.Keys[0])).Where(PathLookups.LooksUpPath).ToList();
        var notFound = lookups.Count == 0 ? [] : NotFound(Count(new GroupQuery("syscall")
        {
            By = [s_syscallName, s_retno, s_procname, new TextColumn("syscall", "arg0_repr"), new TextColumn("syscall", "arg1_repr")],
            Where = AnyOf(lookups.Select(n => s_syscallName.Is(n))) & AnyOf(PathLookups.NotFoundErrnos.Select(s_retno.Is)),
        }, "paths not found"), errnoNames);

        var fileIo = FileIo(facts, q => Count(q, "file I/O"));
        var execs = Has(facts, "exec", "id", "argv")
            ? Count(new GroupQuery("exec") { By = [s_procname, new TextColumn("exec", "argv")] }, "execs").Groups
            : [];
        var exits = Has(facts, "proc_exit", "id", "code")
            ? Count(new GroupQuery("proc_exit") { By = [s_procname, new IntegerColumn("proc_exit", "code")] }, "exits").Groups
            : [];

        var processes = Processes(byProcess.Groups, failures.Groups, execs, exits);
        var failuresByName = failureRows.GroupBy(f => f.Syscall).ToDictionary(g => g.Key, g => g.Sum(f => f.Count), StringComparer.Ordinal);
        var syscalls = byName.Groups.Select(g => new SyscallRow(Text(g.Keys[0]), g.Count, failuresByName.GetValueOrDefault(Text(g.Keys[0])))).ToList();

        return (new PenguinSummary(byProcess.Rows, byName.Rows, failures.Rows, processes, syscalls, failureRows, notFound, fileIo, incomplete), activity);
    }

    /// <summary>Failures by (syscall, errno), from groups keyed (name, retno, retno_repr, procname), most first.</summary>
    private static List<FailureRow> FailureRows(IReadOnlyList<GroupRow> failures, Dictionary<long, string> errnoNames) =>
        [.. failures
            .GroupBy(g => (Syscall: Text(g.Keys[0]), Errno: (long)g.Keys[1]!))
            .Select(g => new FailureRow(g.Key.Syscall, g.Key.Errno, errnoNames[g.Key.Errno], g.Sum(x => x.Count), Tally(g.Select(x => (Text(x.Keys[3]), x.Count)))))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Syscall, StringComparer.Ordinal).ThenBy(f => f.Errno)];

    /// <summary>
    /// The processes, from the base table's groups keyed (procname, type) with their first and last id, the failures
    /// keyed (..., procname), the execs keyed (procname, argv) and the exits keyed (procname, code); in order of start.
    /// </summary>
    private static List<ProcessRow> Processes(IReadOnlyList<GroupRow> events, IReadOnlyList<GroupRow> failures, IReadOnlyList<GroupRow> execs, IReadOnlyList<GroupRow> exits)
    {
        var failuresByProcess = failures.GroupBy(g => Text(g.Keys[3])).ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal);
        return [.. events.GroupBy(g => Text(g.Keys[0])).Select(g => new ProcessRow(
                g.Key,
                g.Sum(x => x.Count),
                g.Min(x => x.Values[0] ?? long.MaxValue),
                g.Max(x => x.Values[1] ?? long.MinValue),
                g.Where(x => Text(x.Keys[1]) == "syscall").Sum(x => x.Count),
                failuresByProcess.GetValueOrDefault(g.Key),
                [.. execs.Where(e => Text(e.Keys[0]) == g.Key).Select(e => Text(e.Keys[1]))],
                [.. exits.Where(e => Text(e.Keys[0]) == g.Key).Select(e => e.Keys[1] as long? ?? 0).Distinct().Order()]))
            .OrderBy(p => p.FirstId)];
    }

    /// <summary>
    /// Events per id window by table (the event type) and by process (the busiest ones, the rest together), from groups
    /// keyed (window, procname, type); a key that is <see cref="s_absent"/> leaves the group out of that chart.
    /// </summary>
    private static Activity ActivityFrom(IReadOnlyList<GroupRow> groups, IdWindows windows, int windowCount)
    {
        var types = Series(groups.Where(g => g.Keys[2] != s_absent), 2);
        var processes = Series(groups.Where(g => g.Keys[1] != s_absent), 1);
        if (processes.Count > ActivityProcesses + 1)
        {
            var rest = processes.Skip(ActivityProcesses).ToList();
            var other = new long[windowCount];
            foreach (var s in rest)
            {
                for (int i = 0; i < windowCount; i++)
                    other[i] += s.Counts[i];
            }
            processes = [.. processes.Take(ActivityProcesses), new ActivitySeries(string.Create(CultureInfo.InvariantCulture, $"{rest.Count:N0} other processes"), other)];
        }
        return new Activity(windows, windowCount, types, processes);

        List<ActivitySeries> Series(IEnumerable<GroupRow> rows, int key) =>
            [.. rows.GroupBy(g => Text(g.Keys[key]), StringComparer.Ordinal)
                .Select(g => new ActivitySeries(g.Key, RunReader.Spread(g, windowCount, 0)))
                .OrderByDescending(s => s.Total).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static List<NotFoundRow> NotFound(GroupCounts lookups, Dictionary<long, string> errnoNames) =>
        [.. lookups.Groups
            .GroupBy(g => PathLookups.PathFrom(g.Keys[3] as string, g.Keys[4] as string) ?? NoPath, StringComparer.Ordinal)
            .Select(g => new NotFoundRow(
                g.Key,
                g.Sum(x => x.Count),
                [.. g.Select(x => Text(x.Keys[0])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. g.Select(x => (long)x.Keys[1]!).Distinct().Order().Select(e => errnoNames.GetValueOrDefault(e) ?? ErrnoName(e, null))],
                Tally(g.Select(x => (Text(x.Keys[2]), x.Count)))))
            .OrderBy(r => r.Path == NoPath).ThenByDescending(r => r.Count).ThenBy(r => r.Path, StringComparer.Ordinal)];

    /// <summary>Where failed lookups whose arguments hold no quoted path are counted (last in the list: nothing to fix by name).</summary>
    public const string NoPath = "(no path in the arguments)";

    private static List<FileIoRow> FileIo(IReadOnlyList<TableFacts> facts, Func<GroupQuery, GroupCounts> count)
    {
        var rows = new Dictionary<(string?, long), (long Reads, long BytesRead, long Writes, long BytesWritten, Dictionary<string, long> Processes)>();
        foreach (var (table, reading) in new[] { ("read", true), ("write", false) })
        {
            if (!Has(facts, table, "id", "fd", "fname", "buffer"))
                continue;
            var groups = count(new GroupQuery(table)
            {
                By = [new TextColumn(table, "fname"), new IntegerColumn(table, "fd"), s_procname],
                Aggregates = [Aggregate.TotalBytes(new BlobColumn(table, "buffer"))],
            });
            foreach (var g in groups.Groups)
            {
                var key = (g.Keys[0] as string, g.Keys[1] as long? ?? 0);
                var row = rows.TryGetValue(key, out var r) ? r : (0, 0, 0, 0, new Dictionary<string, long>(StringComparer.Ordinal));
                long bytes = g.Values[0] ?? 0;
                row = reading ? row with { Reads = row.Reads + g.Count, BytesRead = row.BytesRead + bytes } : row with { Writes = row.Writes + g.Count, BytesWritten = row.BytesWritten + bytes };
                row.Processes[Text(g.Keys[2])] = row.Processes.GetValueOrDefault(Text(g.Keys[2])) + g.Count;
                rows[key] = row;
            }
        }
        return [.. rows.Select(r => new FileIoRow(r.Key.Item1, r.Key.Item2, r.Value.Reads, r.Value.BytesRead, r.Value.Writes, r.Value.BytesWritten,
                [.. r.Value.Processes.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key)]))
            .OrderByDescending(r => r.BytesRead + r.BytesWritten).ThenBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Fd)];
    }

    /// <summary>Each failing return value's name: the one the tracer recorded in retno_repr when it did, else the generic table's.</summary>
    private static Dictionary<long, string> ErrnoNames(IEnumerable<GroupRow> failures) =>
        failures.GroupBy(g => (long)g.Keys[1]!)
            .ToDictionary(g => g.Key, g => ErrnoName(g.Key, g.OrderByDescending(x => x.Count).Select(x => LinuxErrno.FromRepr(x.Keys[2] as string)).FirstOrDefault(n => n is not null)));

    private static string ErrnoName(long retno, string? recorded) =>
        recorded ?? LinuxErrno.Name(retno) ?? string.Create(CultureInfo.InvariantCulture, $"errno {-retno}");

    private static List<(string Name, long Count)> Tally(IEnumerable<(string Name, long Count)> counts) =>
        [.. counts.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal)];

    private static Condition AnyOf(IEnumerable<Condition> conditions) => conditions.Aggregate((a, b) => a | b);

    private static string Text(object? value) => value switch
    {
        null => "(null)",
        string s => s,
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool Has(IReadOnlyList<TableFacts> tables, string table, params string[] columns) =>
        tables.FirstOrDefault(t => t.Name == table) is { } t && columns.All(c => t.Columns.Contains(c, StringComparer.OrdinalIgnoreCase));
}
