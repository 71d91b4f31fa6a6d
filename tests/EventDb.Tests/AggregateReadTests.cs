using System.Globalization;
using EventDb.Penguin;
using Microsoft.Data.Sqlite;

namespace EventDb.Tests;

/// <summary>
/// <see cref="EventFile.CountGroups"/> and <see cref="EventFile.MostFrequentValues"/> against plain SQL over the same
/// file: groups, joins, conditions, id windows, aggregates, the group and distinct limits, and values of every type.
/// </summary>
public sealed class AggregateReadTests : IDisposable
{
    private static readonly TextColumn s_name = new("syscall", "name");
    private static readonly IntegerColumn s_retno = new("syscall", "retno");
    private static readonly TextColumn s_procname = new("event", "procname");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Syscalls 0..n-1 (names, returns and processes cycling with different periods) and reads with buffers.</summary>
    private void WritePenguin(int n)
    {
        using var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All });
        string[] names = ["sys_read", "sys_write", "sys_openat", "sys_ioctl", "sys_close"];
        string[] procs = ["httpd", "init", "sh", "\u00e9\u20ac\U0001F427"];
        for (int i = 0; i < n; i++)
        {
            log.Add(new Syscall { Name = names[i % 5], Retno = i % 7 == 0 ? -2 : i % 11 == 0 ? -25 : i, Arg0 = (ulong)i, Arg0Repr = "fd=" + (i % 13), Procname = procs[i % 4], ProcId = i % 4 });
            if (i % 10 == 0)
                log.Add(new Read { Fd = i % 3, Fname = "/etc/" + procs[i % 4], Buffer = new byte[i % 17], Procname = procs[i % 4] });
        }
    }

    private List<object?[]> Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.DbPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private void Execute(params string[] statements)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.DbPath};Pooling=False");
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private static string Key(IEnumerable<object?> values) => string.Join("|", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    [Fact]
    public void CountGroups_ByChildAndBaseColumns_WithACondition_EqualsSqlGroupBy()
    {
        WritePenguin(5_000);
        using var file = EventFile.OpenRead(_dir.Path);
        var groups = file.CountGroups(new GroupQuery("syscall") { By = [s_name, s_procname, s_retno], Where = s_retno.LessThan(0) });

        var expected = Sql("SELECT s.name, e.procname, s.retno, count(*) FROM syscall s JOIN event e USING (id) WHERE s.retno < 0 GROUP BY 1, 2, 3");
        Assert.Equal(expected.ToDictionary(r => Key(r[..3]), r => (long)r[3]!), groups.Groups.ToDictionary(g => Key(g.Keys), g => g.Count));
        Assert.Equal(expected.Sum(r => (long)r[3]!), groups.Rows);
        Assert.True(groups.Complete);
        Assert.Equal(groups.Groups.Select(g => g.Count).OrderDescending(), groups.Groups.Select(g => g.Count)); // most first
    }

    [Fact]
    public void CountGroups_IdWindowsAndAggregates_EqualSql()
    {
        WritePenguin(3_000);
        using var file = EventFile.OpenRead(_dir.Path);
        var id = new IntegerColumn("read", "id");
        var groups = file.CountGroups(new GroupQuery("read")
        {
            Windows = new IdWindows(5, 97),
            By = [new IntegerColumn("read", "fd")],
            Aggregates = [Aggregate.Min(id), Aggregate.Max(id), Aggregate.TotalBytes(new BlobColumn("read", "buffer")), Aggregate.TotalBytes(new TextColumn("read", "fname"))],
        });

        // Floor division: the ids before 5 are in window -1.
        var expected = Sql("SELECT CASE WHEN id >= 5 THEN (id - 5) / 97 ELSE -1 END, fd, count(*), min(id), max(id), sum(length(buffer)), sum(length(CAST(fname AS BLOB))) FROM read GROUP BY 1, 2");
        Assert.Equal(expected.ToDictionary(r => Key(r[..2]), r => Key(r[2..])),
            groups.Groups.ToDictionary(g => Key(g.Keys), g => Key([g.Count, .. g.Values])));
        Assert.Contains(groups.Groups, g => (long)g.Keys[0]! == -1 || (long)g.Keys[0]! == 0);
    }

    [Fact]
    public void CountGroups_ThroughId_CountsTheSnapshotOnly()
    {
        WritePenguin(1_000);
        using var file = EventFile.OpenRead(_dir.Path);
        var groups = file.CountGroups(new GroupQuery("syscall") { By = [s_name], ThroughId = 500 });
        Assert.Equal(Sql("SELECT count(*) FROM syscall WHERE id <= 500")[0][0], groups.Rows);
        Assert.Equal(groups.Rows, groups.Groups.Sum(g => g.Count));
    }

    [Fact]
    public void CountGroups_BeyondMaxGroups_CountsTheRowsItLeavesOut()
    {
        WritePenguin(2_000);
        using var file = EventFile.OpenRead(_dir.Path);
        var groups = file.CountGroups(new GroupQuery("syscall") { By = [new UInt64Column("syscall", "arg0")], MaxGroups = 100 });
        Assert.Equal(100, groups.Groups.Count);
        Assert.False(groups.Complete);
        Assert.Equal(2_000, groups.Rows);
        Assert.Equal(2_000 - 100, groups.RowsNotGrouped);
        Assert.All(groups.Groups, g => Assert.Equal(1, g.Count)); // a group kept is counted whole, after the limit too

        var none = file.CountGroups(new GroupQuery("syscall") { By = [s_name], MaxGroups = 0 });
        Assert.Empty(none.Groups);
        Assert.Equal(2_000, none.RowsNotGrouped);
    }

    [Fact]
    public void CountGroups_MinOfAText_IsAnErrorNamingTableColumnAndId()
    {
        WritePenguin(10);
        using var file = EventFile.OpenRead(_dir.Path);
        var ex = Assert.Throws<EventDbException>(() => file.CountGroups(new GroupQuery("syscall") { Aggregates = [Aggregate.Min(s_name)] }));
        Assert.Contains("'syscall.name'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("id 1 ", ex.Message, StringComparison.Ordinal);
        Assert.Throws<EventDbException>(() => file.CountGroups(new GroupQuery("nope")));
        Assert.Throws<EventDbException>(() => file.CountGroups(new GroupQuery("syscall") { By = [new TextColumn("syscall", "nope")] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => file.CountGroups(new GroupQuery("syscall") { Windows = new IdWindows(0, 0) }));
    }

    [Fact]
    public void Keys_OfEveryType_GroupAsSqliteGroups_IntegralRealsWithIntegers()
    {
        Execute("CREATE TABLE mixed (id INTEGER PRIMARY KEY, v)",
            "INSERT INTO mixed (v) VALUES (1), (1.0), ('1'), (x'01'), (NULL), (NULL), (2.5), (2.5), ('a'), (x''), (''), (-0.0), (0), (9.3e18), (9223372036854775807)");
        using var file = EventFile.OpenRead(_dir.DbPath);
        var groups = file.CountGroups(new GroupQuery("mixed") { By = [new BlobColumn("mixed", "v")] });
        var expected = Sql("SELECT v, count(*) FROM mixed GROUP BY v");
        Assert.Equal(expected.Count, groups.Groups.Count);
        Assert.Equal(expected.Select(r => r[1]).Cast<long>().Order(), groups.Groups.Select(g => g.Count).Order());
        Assert.Equal(2, groups.Groups.Single(g => g.Keys[0] is long l && l == 1).Count); // 1 and 1.0
        Assert.Equal(2, groups.Groups.Single(g => g.Keys[0] is long l && l == 0).Count); // 0 and -0.0
        Assert.Equal(2, groups.Groups.Single(g => g.Keys[0] is null).Count);
        Assert.Equal(1, groups.Groups.Single(g => g.Keys[0] is "1").Count);
        Assert.Equal(1, groups.Groups.Single(g => g.Keys[0] is byte[] { Length: 1 }).Count);
        Assert.Equal(1, groups.Groups.Single(g => g.Keys[0] is double d && d == 9.3e18).Count); // beyond long: stays a REAL

        var values = file.MostFrequentValues("mixed", top: 20);
        var v = Assert.Single(values);
        Assert.Equal(2, v.Nulls);
        Assert.Equal(expected.Count - 1, v.Distinct);
        Assert.Equal(groups.Groups.Where(g => g.Keys[0] is not null).Select(g => g.Count).Order(), v.Top.Select(t => t.Count).Order());
    }

    [Fact]
    public void MostFrequentValues_EqualSql_AndAHighCardinalityColumnDroppingOutLeavesTheOthersExact()
    {
        WritePenguin(30_000);
        using var file = EventFile.OpenRead(_dir.Path);
        var columns = file.MostFrequentValues("syscall", top: 3, maxDistinct: 1_000);

        foreach (var column in columns.Where(c => c.Column is "name" or "arg0_repr" or "retno_repr" or "arg5"))
        {
            var expected = Sql($"SELECT \"{column.Column}\", count(*) FROM syscall WHERE \"{column.Column}\" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC");
            Assert.Equal(expected.Count, column.Distinct);
            Assert.Equal((long)Sql($"SELECT count(*) FROM syscall WHERE \"{column.Column}\" IS NULL")[0][0]!, column.Nulls);
            Assert.Equal(expected.Take(3).Select(r => (long)r[1]!), column.Top.Select(t => t.Count));
            Assert.Equal(30_000, column.Rows);
        }
        // retno has ~23,000 distinct values and arg0 30,000: both stop being read after their 1,001st; name (5 values,
        // read on from where the scan restarted) is still exact, above.
        foreach (var dropped in columns.Where(c => c.Column is "arg0" or "retno"))
        {
            Assert.Null(dropped.Distinct);
            Assert.Null(dropped.Nulls);
            Assert.Empty(dropped.Top);
        }
        Assert.DoesNotContain(columns, c => c.Column == "id");
        Assert.Equal("sys_read", columns.Single(c => c.Column == "name").Top[0].Value);
    }

    [Fact]
    public void MostFrequentValues_AnIdThatIsNoKey_ScansOnce_AndStaysExact()
    {
        // Duplicate text ids: the scan cannot go on "after an id", so a column dropping out must not lose or repeat rows.
        Execute("CREATE TABLE loose (id TEXT, kind, serial)",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO loose SELECT 'x', i % 3, i FROM n");
        using var file = EventFile.OpenRead(_dir.DbPath);
        var columns = file.MostFrequentValues("loose", maxDistinct: 100);
        Assert.Equal(["kind", "serial"], columns.Select(c => c.Column));
        Assert.Equal([1_000L, 1_000, 1_000], columns[0].Top.Select(t => t.Count));
        Assert.Equal(3_000, columns[0].Rows);
        Assert.Null(columns[1].Distinct);
    }

    [Fact]
    public void MostFrequentValues_ThroughId_EmptyTables_TablesWithoutId_AndMissingOnes()
    {
        WritePenguin(100);
        Execute("CREATE TABLE plain (a, b)", "INSERT INTO plain VALUES (1, 'x'), (1, 'y'), (2, NULL)", "CREATE TABLE empty (id INTEGER PRIMARY KEY, a)");
        using var file = EventFile.OpenRead(_dir.DbPath);
        var names = file.MostFrequentValues("syscall", ["name"], throughId: 20);
        Assert.Equal((long)Sql("SELECT count(*) FROM syscall WHERE id <= 20")[0][0]!, names[0].Rows);
        Assert.Equal(names[0].Rows, names[0].Top.Sum(t => t.Count));

        var plain = file.MostFrequentValues("plain");
        Assert.Equal(["a", "b"], plain.Select(c => c.Column));
        Assert.Equal([new ValueCount(1L, 2), new ValueCount(2L, 1)], plain[0].Top);
        Assert.Equal(1, plain[1].Nulls);

        var empty = Assert.Single(file.MostFrequentValues("empty"));
        Assert.Equal((0L, 0L, 0L), (empty.Rows, empty.Nulls!.Value, empty.Distinct!.Value));

        Assert.Throws<EventDbSchemaException>(() => file.MostFrequentValues("nope"));
        Assert.Throws<EventDbSchemaException>(() => file.MostFrequentValues("syscall", ["nope"]));
    }
}
