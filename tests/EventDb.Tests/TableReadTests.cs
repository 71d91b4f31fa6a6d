using SQLitePCL;

namespace EventDb.Tests;

/// <summary>
/// Any table of any SQLite file, by name, through <see cref="EventFile"/>: listed, checked, its last id, its rows in id
/// order (by rowid when it has no <c>id</c> column), and followed — what <c>eventdb tail</c> and Penguin's commands use.
/// </summary>
public sealed class TableReadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Runs <paramref name="sql"/> on a connection of its own that waits out locks, as any writer beside a follower must:
    /// in a rollback-journal file a commit waits for the follower's poll to end its read.
    /// </summary>
    private void Create(string sql)
    {
        using var db = OpenWriter();
        db.Execute(sql);
    }

    private SqliteDatabase OpenWriter()
    {
        var db = _dir.OpenRaw(readOnly: false);
        raw.sqlite3_busy_timeout(db.Handle, 10_000);
        return db;
    }

    [Fact]
    public void TableNames_HasTable_LastId_UserTablesOnlyByExactName()
    {
        Create("""
            CREATE TABLE notes (body TEXT, n REAL); INSERT INTO notes VALUES ('a', 1), ('b', 2.5), ('c', NULL);
            CREATE TABLE "we""ird tab" (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT); INSERT INTO "we""ird tab" (v) VALUES ('a'), ('b');
            CREATE TABLE "select" (id INTEGER PRIMARY KEY, x); INSERT INTO "select" VALUES (-5, 1);
            CREATE TABLE zero (id INTEGER PRIMARY KEY, x);
            CREATE VIEW v AS SELECT 1;
            """);
        using var file = EventFile.OpenRead(_dir.DbPath);

        Assert.Equal(["notes", "select", "we\"ird tab", "zero"], file.TableNames()); // no sqlite_sequence, no view
        Assert.True(file.HasTable("we\"ird tab"));
        Assert.False(file.HasTable("NOTES"));
        Assert.False(file.HasTable("v"));
        Assert.Equal(3, file.LastId("notes"));          // its rowid
        Assert.Equal(2, file.LastId("we\"ird tab"));
        Assert.Equal(-5, file.LastId("select"));
        Assert.Null(file.LastId("zero"));
        var missing = Assert.Throws<EventDbSchemaException>(() => file.LastId("nope"));
        Assert.Contains("no table 'nope'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTable_OwnColumnsInIdOrder_LastRowsByRowidWithoutAnIdColumn()
    {
        Create("""
            CREATE TABLE notes (body TEXT, n REAL, b BLOB); INSERT INTO notes VALUES ('a', 1, NULL), ('b', 2.5, x'00ff'), ('c', NULL, NULL);
            CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO big SELECT i * 2, i FROM n;
            """);
        using var file = EventFile.OpenRead(_dir.DbPath);

        var last = file.ReadTable("notes", new RowSelection { Last = 2 });
        Assert.Equal(["body", "n", "b"], last.Columns);
        Assert.Equal([new object?[] { "b", 2.5, new byte[] { 0, 255 } }, new object?[] { "c", null, null }], last.ToList());
        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => new object?[] { i * 2L, (long)i }), file.ReadTable("big").ToList());
        Assert.Equal([new object?[] { 19_998L, 9_999L }], file.ReadTable("big", new RowSelection { AfterId = 19_996, ThroughId = 19_998 }).ToList());
        Assert.Equal(5_000, file.ReadTable("big", new RowSelection { Last = 5_000 }).Count());
        Assert.Empty(file.ReadTable("big", new RowSelection { Last = 0 }));
        Assert.Equal(["id", "v"], file.ReadTable("big", new RowSelection { Last = 0 }).Columns);
        Assert.Throws<EventDbSchemaException>(() => file.ReadTable("nope"));
    }

    [Fact]
    public void ReadTable_IdsAtTheLimits_EveryRowOnce()
    {
        Create($"CREATE TABLE edges (id INTEGER PRIMARY KEY, v); INSERT INTO edges VALUES ({long.MinValue}, 'min'), (0, 'zero'), ({long.MaxValue}, 'max');");
        using var file = EventFile.OpenRead(_dir.DbPath);

        Assert.Equal(["min", "zero", "max"], file.ReadTable("edges").Select(r => (string)r[1]!));
        Assert.Equal(["zero", "max"], file.ReadTable("edges", new RowSelection { Last = 2 }).Select(r => (string)r[1]!));
        Assert.Equal(["min"], file.ReadTable("edges", new RowSelection { Limit = 1 }).Select(r => (string)r[1]!));
        Assert.Equal(["max"], file.ReadTable("edges", new RowSelection { AfterId = 0 }).Select(r => (string)r[1]!));
        Assert.Equal(long.MaxValue, file.LastId("edges"));
    }

    [Fact]
    public void ReadTable_IdsThatAreNotIntegers_FailsNamingTheTable()
    {
        Create("CREATE TABLE odd (id TEXT, v); INSERT INTO odd VALUES ('a', 1), ('b', 2);");
        using var file = EventFile.OpenRead(_dir.DbPath);

        var error = Assert.Throws<EventDbException>(() => file.ReadTable("odd").ToList());
        Assert.Contains("'odd'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not an integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowTable_WhileAnotherConnectionAppends_EveryRowOnceInOrderAfterTheGivenId()
    {
        Create("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('old'), ('old');");
        using var file = EventFile.OpenRead(_dir.DbPath);
        file.PollInterval = TimeSpan.FromMilliseconds(5);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int[] sizes = [1, 4_096, 5_000, 2];

        var writer = Task.Run(() =>
        {
            int n = 0;
            foreach (int size in sizes)
            {
                using var db = OpenWriter();
                db.Execute("BEGIN IMMEDIATE");
                for (int i = 0; i < size; i++)
                    db.Execute($"INSERT INTO notes VALUES ('new {n++}')");
                db.Execute("COMMIT");
            }
        });
        var seen = new List<string>();
        await foreach (var row in file.FollowTable("notes", afterId: 2, cancellationToken: done.Token))
        {
            seen.Add((string)row[0]!);
            if (seen.Count == sizes.Sum())
                break;
        }
        await writer;

        Assert.Equal(Enumerable.Range(0, sizes.Sum()).Select(i => $"new {i}"), seen);
    }

    [Fact]
    public async Task FollowTable_ATableCreatedLater_IsWaitedFor()
    {
        Create("CREATE TABLE other (x)");
        using var file = EventFile.OpenRead(_dir.DbPath);
        file.PollInterval = TimeSpan.FromMilliseconds(5);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var rows = file.FollowTable("later", cancellationToken: done.Token).GetAsyncEnumerator(done.Token);
        var first = rows.MoveNextAsync().AsTask();
        await Task.Delay(100);
        Assert.False(first.IsCompleted);
        Create("CREATE TABLE later (id INTEGER PRIMARY KEY, v); INSERT INTO later VALUES (1, 'here');");

        Assert.True(await first);
        Assert.Equal(new object?[] { 1L, "here" }, rows.Current);
        await rows.DisposeAsync();
    }
}
