using System.Globalization;
using SQLitePCL;

namespace EventDb;

// Aggregate reads: counts per group and the most frequent values per column. SQLite sorts to GROUP BY (an unindexed
// key costs a sort of every row: about 0.4 s of CPU for 900,000 syscall names against 0.07 s to scan them), so the rows'
// keys are streamed from one SELECT and counted here in a hash table keyed by the values' bytes: one scan, memory by
// group, nothing allocated per row but the first row of each group.
internal sealed partial class SqliteReader
{
    /// <summary>The groups of <paramref name="query"/>, most rows first.</summary>
    public GroupCounts CountGroups(GroupQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.MaxGroups, 0);
        if (query.Windows is { Width: <= 0 })
            throw new ArgumentOutOfRangeException(nameof(query), "An id window is at least 1 id wide.");
        var table = SqliteSql.Quote(query.Table);
        var select = new List<string> { table + ".id" };
        select.AddRange(query.By.Select(ColumnSql));
        select.AddRange(query.Aggregates.Select(a => a.Kind == AggregateKind.TotalBytes ? $"octet_length({ColumnSql(a.Column)})" : ColumnSql(a.Column)));
        var joined = query.By.Concat(query.Aggregates.Select(a => a.Column))
            .Select(c => c.Table).Where(t => t != query.Table).Distinct(StringComparer.Ordinal);
        // CROSS JOIN keeps the grouped table as the outer loop: without statistics SQLite may scan the larger base
        // table instead and look each row up in a small child table (1,000,000 event rows for 152 exec rows).
        var sql = "SELECT " + string.Join(", ", select) + " FROM " + table
            + string.Concat(joined.Select(t => $" CROSS JOIN {SqliteSql.Quote(t)} ON {SqliteSql.Quote(t)}.id = {table}.id"));
        var parameters = new List<object?>();
        var terms = new List<string>();
        if (query.ThroughId is { } through)
        {
            terms.Add(table + ".id <= ?");
            parameters.Add(through);
        }
        if (query.Where is { } condition)
            terms.Add(SqliteWhere.Condition(condition, parameters));
        if (terms.Count > 0)
            sql += " WHERE " + string.Join(" AND ", terms);

        int keys = query.By.Count + (query.Windows is null ? 0 : 1);
        int firstAggregate = 1 + query.By.Count;
        var groups = new Dictionary<byte[], GroupState>(ValueKeyComparer.Instance);
        var lookup = groups.GetAlternateLookup<ReadOnlySpan<byte>>();
        var key = new ValueKey();
        long rows = 0, notGrouped = 0;
        using var statement = Prepare(sql, parameters);
        nint handle = statement.DangerousGetHandle();
        int rc;
        while ((rc = NativeMethods.sqlite3_step(handle)) == raw.SQLITE_ROW)
        {
            rows++;
            key.Clear();
            if (query.Windows is { } windows)
                key.AppendInt64(windows.Of(NativeMethods.sqlite3_column_int64(handle, 0)));
            for (int k = 0; k < query.By.Count; k++)
                key.Append(handle, 1 + k);
            if (!lookup.TryGetValue(key.Bytes, out var group))
            {
                if (groups.Count >= query.MaxGroups)
                {
                    notGrouped++;
                    continue;
                }
                group = new GroupState(query.Aggregates.Count);
                lookup[key.Bytes] = group;
            }
            group.Count++;
            for (int a = 0; a < query.Aggregates.Count; a++)
                group.Add(a, query.Aggregates[a], handle, firstAggregate + a, query.Table);
        }
        if (rc != raw.SQLITE_DONE)
            SqliteErrors.Throw(rc, _db.Handle, $"Counting groups of '{query.Table}' in '{_db.Path}' failed");

        var ordered = groups.ToList();
        ordered.Sort((x, y) => x.Value.Count != y.Value.Count ? y.Value.Count.CompareTo(x.Value.Count) : ValueKeyComparer.Compare(x.Key, y.Key));
        var result = ordered.Select(g => new GroupRow(ValueKey.Decode(g.Key, keys), g.Value.Count, g.Value.Values)).ToList();
        return new GroupCounts(result, rows, notGrouped);
    }

    /// <summary>
    /// The most frequent values of each of <paramref name="columns"/> of <paramref name="table"/> (default: every column
    /// but <c>id</c>), in one scan. A column found to hold more than <paramref name="maxDistinct"/> distinct values stops
    /// being counted, NULLs included: the scan goes on after the current id without it, so a column of unique values costs
    /// the first rows only.
    /// </summary>
    public List<ColumnValues> MostFrequentValues(string table, IReadOnlyList<string>? columns, int top, int maxDistinct, long? throughId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistinct);
        var info = TableInfo(table);
        if (info.Count == 0)
            throw new EventDbSchemaException($"'{_db.Path}' has no table '{table}'.");
        var names = columns?.ToList() ?? [.. info.Select(c => c.Name).Where(c => !string.Equals(c, "id", StringComparison.OrdinalIgnoreCase))];
        var missing = names.FirstOrDefault(c => !info.Exists(i => string.Equals(i.Name, c, StringComparison.OrdinalIgnoreCase)));
        if (missing is not null)
            throw new EventDbSchemaException($"'{_db.Path}' has no column '{table}.{missing}'.");
        // The scan can go on after a row only by a unique integer key: id as the table's one primary key column.
        var keys = info.Where(c => c.Key).ToList();
        bool hasId = keys.Count == 1 && string.Equals(keys[0].Name, "id", StringComparison.OrdinalIgnoreCase) && string.Equals(keys[0].Type, "INTEGER", StringComparison.OrdinalIgnoreCase);
        var counts = names.Select(_ => new ValueCounter()).ToArray();
        var counting = names.Select(_ => true).ToArray();
        var nulls = new long[names.Count];
        long rows = 0, lastId = long.MinValue;
        bool restart = true;
        while (restart)
        {
            restart = false;
            var parameters = new List<object?>();
            // A column no longer counted is not read at all: even testing it for NULL costs SQLite a look at the row.
            var read = Enumerable.Range(0, names.Count).Where(c => counting[c]).ToArray();
            var sql = "SELECT " + (hasId ? SqliteSql.Quote(keys[0].Name) : "NULL") + string.Concat(read.Select(c => ", " + SqliteSql.Quote(names[c])))
                + " FROM " + SqliteSql.Quote(table);
            if (hasId)
            {
                var id = SqliteSql.Quote(keys[0].Name);
                sql += $" WHERE {id} > ?" + (throughId is null ? "" : $" AND {id} <= ?") + $" ORDER BY {id}";
                parameters.Add(lastId);
                if (throughId is { } through)
                    parameters.Add(through);
            }
            using var statement = Prepare(sql, parameters);
            nint handle = statement.DangerousGetHandle();
            int rc;
            while ((rc = NativeMethods.sqlite3_step(handle)) == raw.SQLITE_ROW)
            {
                rows++;
                lastId = NativeMethods.sqlite3_column_int64(handle, 0);
                for (int r = 0; r < read.Length; r++)
                {
                    int c = read[r];
                    if (!counting[c])
                        continue; // dropped in this statement (a table the scan cannot restart on)
                    if (!counts[c].Add(handle, r + 1))
                    {
                        nulls[c]++;
                        continue;
                    }
                    if (counts[c].Distinct > maxDistinct)
                    {
                        counting[c] = false;
                        counts[c] = new ValueCounter();
                        restart = hasId;
                    }
                }
                if (restart)
                    break;
            }
            if (!restart && rc != raw.SQLITE_DONE)
                SqliteErrors.Throw(rc, _db.Handle, $"Counting the values of '{table}' in '{_db.Path}' failed");
        }

        var result = new List<ColumnValues>(names.Count);
        for (int c = 0; c < names.Count; c++)
        {
            result.Add(counting[c]
                ? new ColumnValues(names[c], rows, nulls[c], counts[c].Distinct, counts[c].Top(top))
                : new ColumnValues(names[c], rows, null, null, []));
        }
        return result;
    }

    /// <summary>Prepares a SELECT of the storage's own with its parameters bound.</summary>
    private sqlite3_stmt Prepare(string sql, IReadOnlyList<object?> parameters) => Bound(_db.Prepare(sql), parameters);

    /// <summary><paramref name="statement"/> with <paramref name="parameters"/> bound; disposed if one cannot be.</summary>
    private sqlite3_stmt Bound(sqlite3_stmt statement, IReadOnlyList<object?> parameters)
    {
        try
        {
            for (int i = 0; i < parameters.Count; i++)
                _db.Bind(statement, i + 1, parameters[i]);
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>A table's columns (none when it does not exist): the name bound as a parameter, so any name works.</summary>
    private List<(string Name, string Type, bool Key)> TableInfo(string table)
    {
        using var statement = Prepare("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", [table]);
        var columns = new List<(string, string, bool)>();
        while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
            columns.Add((raw.sqlite3_column_text(statement, 0).utf8_to_string(), raw.sqlite3_column_text(statement, 1).utf8_to_string(), raw.sqlite3_column_int64(statement, 2) != 0));
        return columns;
    }

    private static string ColumnSql(ColumnRef column) => SqliteSql.Quote(column.Table) + "." + SqliteSql.Quote(column.Name);

    /// <summary>One group's row count and aggregates.</summary>
    private sealed class GroupState(int aggregates)
    {
        public long Count;

        public long?[] Values { get; } = new long?[aggregates];

        public void Add(int index, Aggregate aggregate, nint statement, int column, string table)
        {
            int type = NativeMethods.sqlite3_column_type(statement, column);
            if (type == raw.SQLITE_NULL)
                return;
            if (type != raw.SQLITE_INTEGER)
            {
                throw new EventDbException(raw.SQLITE_MISMATCH, string.Create(CultureInfo.InvariantCulture,
                    $"'{aggregate.Column.Table}.{aggregate.Column.Name}' holds a value that is not an integer at id {NativeMethods.sqlite3_column_int64(statement, 0)} of '{table}': {aggregate.Kind} needs integers."));
            }
            long value = NativeMethods.sqlite3_column_int64(statement, column);
            ref var current = ref Values[index];
            current = aggregate.Kind switch
            {
                AggregateKind.Min => current is { } m && m <= value ? m : value,
                AggregateKind.Max => current is { } m && m >= value ? m : value,
                _ => (current ?? 0) + value,
            };
        }
    }
}
