namespace EventDb.Cli.Report;

/// <summary>
/// Reads what the report shows of one run through <see cref="EventFile"/>'s aggregate reads, in one snapshot: every
/// figure counts the ids up to the largest present when the reading started, so a writer appending meanwhile changes
/// nothing in the page and no read transaction is held for long.
/// </summary>
internal static class RunReader
{
    /// <summary>How many id windows the activity charts have.</summary>
    public const int Windows = 100;

    /// <summary>How many most frequent values are listed per column.</summary>
    public const int TopValues = 5;

    /// <summary>Distinct values counted per column before it is treated as high-cardinality.</summary>
    public const int MaxDistinct = 10_000;

    public static RunSummary Read(EventFile file)
    {
        var facts = file.Tables();
        long? lastId = facts.Max(t => t.MaxId);
        long? firstId = facts.Min(t => t.MinId);
        var windows = firstId is { } first && lastId is { } last
            ? new IdWindows(first, Math.Max(1, (last - first + Windows) / Windows))
            : (IdWindows?)null;
        int windowCount = windows is { } w ? (int)w.Of(lastId!.Value) + 1 : 0;

        // Each table's columns on a second connection, beside the other reads: the same snapshot (ids up to lastId),
        // and on two cores about half the wait (the column scans are the larger part).
        var columns = Task.Run(() =>
        {
            using var second = EventFile.OpenRead(file.FilePath);
            return facts.Select(t => ReadTable(second, t, lastId)).ToList();
        });
        PenguinSummary? penguin = null;
        Activity? activity = null;
        try
        {
            if (PenguinReader.Detect(facts))
                (penguin, activity) = PenguinReader.Read(file, lastId, windows, windowCount);
            else if (windows is { } ws)
                activity = new Activity(ws, windowCount, [.. facts.Where(t => t.Columns.Contains("id")).Select(t => TableActivity(file, t.Name, lastId, ws, windowCount)).OrderByDescending(s => s.Total)], []);
        }
        finally
        {
            // Never leave the second reader running past this call, whatever happened here.
            ((IAsyncResult)columns).AsyncWaitHandle.WaitOne();
        }
        var tables = columns.GetAwaiter().GetResult();
        var path = file.FilePath;
        return new RunSummary(path, new FileInfo(path).Length, File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : null,
            file.JournalMode, firstId, lastId, tables, activity, penguin);
    }

    private static TableSummary ReadTable(EventFile file, TableFacts table, long? lastId)
    {
        var columns = file.MostFrequentValues(table.Name, top: TopValues, maxDistinct: MaxDistinct, throughId: table.Columns.Contains("id") ? lastId : null);
        // The rows counted with the columns, in the snapshot (a table without other columns than id: the file's count).
        long rows = columns.Count > 0 ? columns[0].Rows : table.Rows;
        return new TableSummary(table.Name, rows, table.MinId, table.MaxId is { } max && lastId is { } last ? Math.Min(max, last) : table.MaxId, columns);
    }

    private static ActivitySeries TableActivity(EventFile file, string table, long? lastId, IdWindows windows, int windowCount)
    {
        var groups = file.CountGroups(new GroupQuery(table) { Windows = windows, ThroughId = lastId });
        return new ActivitySeries(table, Spread(groups.Groups, windowCount, 0));
    }

    /// <summary>The counts of groups keyed first by window, as one array indexed by window.</summary>
    public static long[] Spread(IEnumerable<GroupRow> groups, int windowCount, int windowKey)
    {
        var counts = new long[windowCount];
        foreach (var g in groups)
        {
            if (g.Keys[windowKey] is long k && k >= 0 && k < windowCount)
                counts[k] += g.Count;
        }
        return counts;
    }
}
