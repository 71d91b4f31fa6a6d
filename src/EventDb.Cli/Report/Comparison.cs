namespace EventDb.Cli.Report;

/// <summary>How an item of this run differs from the run compared with.</summary>
internal enum Change
{
    /// <summary>In this run only: appeared.</summary>
    New,

    /// <summary>Counted more often than before.</summary>
    More,

    /// <summary>Counted less often than before.</summary>
    Fewer,

    /// <summary>In the other run only: disappeared.</summary>
    Gone,

    /// <summary>The same count in both.</summary>
    Same,
}

/// <summary>One item (a failure, a path, a process...) in this run, the other, or both, with its count in each.</summary>
internal sealed record Compared<T>(T? Now, T? Before, long CountNow, long CountBefore) where T : class
{
    public Change Change => (Now, Before) switch
    {
        (not null, null) => Change.New,
        (null, _) => Change.Gone,
        _ when CountNow > CountBefore => Change.More,
        _ when CountNow < CountBefore => Change.Fewer,
        _ => Change.Same,
    };

    /// <summary>The item as it is in this run, or as it was when it is gone.</summary>
    public T Item => Now ?? Before!;

    public long Delta => CountNow - CountBefore;
}

/// <summary>What more of something means in a comparison.</summary>
internal enum Growth
{
    Bad,
    Good,
    Neutral,
}

/// <summary>Matches the items of two runs by key: what appeared first, then what grew, shrank, disappeared, stayed.</summary>
internal static class Comparison
{
    public static List<Compared<T>> Join<T>(IEnumerable<T> now, IEnumerable<T> before, Func<T, string> key, Func<T, long> count) where T : class
    {
        var earlier = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in before)
            earlier.TryAdd(key(item), item);
        var joined = new List<Compared<T>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in now)
        {
            var k = key(item);
            if (!seen.Add(k))
                continue;
            var old = earlier.GetValueOrDefault(k);
            joined.Add(new Compared<T>(item, old, count(item), old is null ? 0 : count(old)));
        }
        foreach (var (k, old) in earlier)
        {
            if (!seen.Contains(k))
                joined.Add(new Compared<T>(null, old, 0, count(old)));
        }
        return [.. joined.OrderBy(c => c.Change).ThenByDescending(c => c.Change == Change.Gone ? c.CountBefore : Math.Abs(c.Delta)).ThenByDescending(c => c.CountNow).ThenBy(c => key(c.Item), StringComparer.Ordinal)];
    }

    /// <summary>
    /// The change as a badge, coloured by what growth means here: for failures and missing paths more is worse (red),
    /// for processes a new one is progress (green), for counts of calls and bytes neither.
    /// </summary>
    public static string Badge(Change change, Growth growth)
    {
        var (word, up) = change switch
        {
            Change.New => ("NEW", true),
            Change.More => ("MORE", true),
            Change.Fewer => ("FEWER", false),
            Change.Gone => ("GONE", false),
            _ => ("SAME", (bool?)null),
        };
        var tone = up is not { } u || growth == Growth.Neutral ? "same" : (u == (growth == Growth.Bad)) ? "new" : "gone";
        return $"<span class=\"badge {tone}\">{word}</span>";
    }

    /// <summary>Sorts by how actionable the change is: new first (the page's sort key for the status column).</summary>
    public static double Rank(Change change) => (double)change;
}
