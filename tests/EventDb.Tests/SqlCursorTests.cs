using System.Text;
using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>
/// <see cref="EventFile.OpenCursor"/>: every storage class read column by column, as <see cref="EventFile.Query"/> reads
/// it, with the same refusals; a cursor used wrongly throws instead of reading freed memory.
/// </summary>
public sealed class SqlCursorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private EventFile FileWith(params string[] statements) => _dir.FileWith(statements);

    /// <summary>Every value of every row as the cursor reads it, boxed here only to compare.</summary>
    private static List<object?[]> ReadAll(SqlCursor cursor)
    {
        var rows = new List<object?[]>();
        while (cursor.Read())
        {
            var row = new object?[cursor.Columns.Count];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = cursor.TypeOf(i) switch
                {
                    SqlValueType.Integer => cursor.GetInt64(i),
                    SqlValueType.Real => cursor.GetDouble(i),
                    SqlValueType.Text => cursor.GetUtf8(i).ToArray(),
                    SqlValueType.Blob => cursor.GetBytes(i).ToArray(),
                    _ => null,
                };
            }
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public void Read_EveryStorageClassAtItsLimits_AsQueryReadsIt()
    {
        using var file = FileWith(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, loose)",
            $"INSERT INTO t VALUES (1, {long.MinValue}, -4.9406564584124654e-324, '', x'', NULL)",
            $"INSERT INTO t VALUES (2, {long.MaxValue}, 1e308, 'é' || char(0) || 'x', x'00ff', 'text in a column of no type')",
            "INSERT INTO t VALUES (3, NULL, 9e999, CAST(x'ff41' AS TEXT), NULL, 2.5)");
        const string Sql = "SELECT id, i, r, s, b, loose FROM t ORDER BY id";

        using var cursor = file.OpenCursor(Sql);
        Assert.Equal(["id", "i", "r", "s", "b", "loose"], cursor.Columns);
        var read = ReadAll(cursor);
        Assert.False(cursor.Read()); // and stays at the end

        var query = file.Query(Sql);
        query.TextAsUtf8Bytes = true;
        Assert.Equal(query.ToList(), read);
        Assert.Equal(new byte[] { 0xC3, 0xA9, 0, (byte)'x' }, (byte[])read[1][3]!); // the NUL and what follows it are kept
        Assert.Equal(new byte[] { 0xFF, (byte)'A' }, (byte[])read[2][3]!);       // not UTF-8: the stored bytes, unreplaced
        Assert.True(double.IsPositiveInfinity((double)read[2][2]!));
        Assert.Equal(-double.Epsilon, (double)read[0][2]!); // the smallest subnormal, exactly
    }

    [Fact]
    public void Read_EmptyTextAndEmptyBlob_AreEmptyNotNull()
    {
        using var file = FileWith("CREATE TABLE t (s TEXT, b BLOB)", "INSERT INTO t VALUES ('', x'')");
        using var cursor = file.OpenCursor("SELECT s, b FROM t");
        Assert.True(cursor.Read());
        Assert.Equal(SqlValueType.Text, cursor.TypeOf(0));
        Assert.Equal(SqlValueType.Blob, cursor.TypeOf(1));
        Assert.True(cursor.GetUtf8(0).IsEmpty);
        Assert.True(cursor.GetBytes(1).IsEmpty);
    }

    [Fact]
    public void GetUtf8_InAUtf16File_IsTheTextAsUtf8()
    {
        using var file = FileWith("PRAGMA encoding = 'UTF-16le'", "CREATE TABLE t (s TEXT)", "INSERT INTO t VALUES ('é日本x')");
        using var cursor = file.OpenCursor("SELECT s, CAST(s AS BLOB) FROM t");
        Assert.True(cursor.Read());
        Assert.Equal("é日本x", Encoding.UTF8.GetString(cursor.GetUtf8(0)));
        Assert.Equal(Encoding.Unicode.GetBytes("é日本x"), cursor.GetBytes(1).ToArray()); // the bytes as stored
    }

    [Fact]
    public void Getters_ThatDoNotMatchTheType_ConvertAsSqliteDoes()
    {
        using var file = FileWith("CREATE TABLE t (x)", "INSERT INTO t VALUES (42)");
        using var cursor = file.OpenCursor("SELECT x, '7.5', 3.25 FROM t");
        Assert.True(cursor.Read());
        Assert.Equal("42", Encoding.UTF8.GetString(cursor.GetUtf8(0)));
        Assert.Equal(7.5, cursor.GetDouble(1));
        Assert.Equal(3L, cursor.GetInt64(2));
    }

    [Fact]
    public void Read_ACompoundSelect_WhoseArmsReturnRowsFromOtherRegisters_ReadsEachArmsValues()
    {
        // Each arm of a compound SELECT may hold its result in registers of its own: the cursor must find the values
        // again when the row comes from elsewhere.
        using var file = FileWith("CREATE TABLE a (x INTEGER, y TEXT)", "INSERT INTO a VALUES (1, 'one'), (2, 'two')",
            "CREATE TABLE b (p TEXT, q INTEGER, r REAL)", "INSERT INTO b VALUES ('three', 3, 0.5)");
        const string Sql = "SELECT x, y FROM a UNION ALL SELECT q * 10, upper(p) FROM b WHERE r > 0 UNION ALL SELECT x + 100, y || '!' FROM a ORDER BY 1";
        using var cursor = file.OpenCursor(Sql);
        var rows = ReadAll(cursor).Select(r => ((long)r[0]!, Encoding.UTF8.GetString((byte[])r[1]!))).ToList();
        Assert.Equal([(1L, "one"), (2L, "two"), (30L, "THREE"), (101L, "one!"), (102L, "two!")], rows);
    }

    [Fact]
    public void Read_ManyRows_OfAnEventDbFile_MatchTheTypedReader()
    {
        var options = _dir.Options() with { Tables = PenguinTables.All };
        using (var log = EventLogger.Open(options))
        {
            for (int i = 0; i < 10_000; i++)
                log.Add(new Syscall { Name = "sys_" + (i % 7), Arg0 = ulong.MaxValue - (ulong)i, Arg1Repr = i % 3 == 0 ? null : "r" + i, Procname = "p" });
        }
        using var file = EventFile.OpenRead(_dir.DbPath);
        var typed = file.ReadWithIds<Syscall>().ToList();
        using var cursor = file.OpenCursor("SELECT c.id, s.name, s.arg0, s.arg1_repr FROM event c JOIN syscall s ON s.id = c.id ORDER BY c.id");
        int n = 0;
        while (cursor.Read())
        {
            var (id, e) = typed[n++];
            Assert.Equal(id, cursor.GetInt64(0));
            Assert.Equal(e.Name, Encoding.UTF8.GetString(cursor.GetUtf8(1)));
            Assert.Equal(e.Arg0, unchecked((ulong)cursor.GetInt64(2)));
            Assert.Equal(e.Arg1Repr is null ? SqlValueType.Null : SqlValueType.Text, cursor.TypeOf(3));
        }
        Assert.Equal(typed.Count, n);
    }

    [Fact]
    public void OpenCursor_RefusesWhatQueryRefuses_AndBindsParameters()
    {
        using var file = FileWith("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)", "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Assert.Contains("would write", Assert.Throws<EventDbException>(() => file.OpenCursor("DELETE FROM t")).Message, StringComparison.Ordinal);
        Assert.Contains("more than one statement", Assert.Throws<EventDbException>(() => file.OpenCursor("SELECT 1; DELETE FROM t")).Message, StringComparison.Ordinal);
        Assert.Throws<EventDbException>(() => file.OpenCursor("SELECT nope FROM t"));
        using var cursor = file.OpenCursor("SELECT s FROM t WHERE id > ? AND s <> ? ORDER BY id", 1, "c");
        Assert.Equal([["b"u8.ToArray()]], ReadAll(cursor));
        Assert.Equal(1L, Assert.Single(file.Query("SELECT count(*) FROM t WHERE id = 1"))[0]); // the file still reads
    }

    [Fact]
    public void Getters_WithoutACurrentRow_OrOutOfRange_OrAfterDispose_Throw()
    {
        using var file = FileWith("CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (1)");
        var cursor = file.OpenCursor("SELECT x FROM t");
        Assert.Throws<InvalidOperationException>(() => cursor.GetInt64(0)); // before Read
        Assert.True(cursor.Read());
        Assert.Throws<ArgumentOutOfRangeException>(() => cursor.TypeOf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cursor.GetInt64(-1));
        Assert.Equal(1L, cursor.GetInt64(0));
        Assert.False(cursor.Read());
        Assert.Throws<InvalidOperationException>(() => cursor.GetInt64(0)); // after the end
        cursor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cursor.Read());
        Assert.Throws<ObjectDisposedException>(() => cursor.GetInt64(0));
        cursor.Dispose(); // twice is fine
    }

    [Fact]
    public void Read_AfterItsFileWasDisposed_ThrowsInsteadOfReadingFreedMemory()
    {
        var file = FileWith("CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (1), (2)");
        using var cursor = file.OpenCursor("SELECT x FROM t");
        Assert.True(cursor.Read());
        file.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cursor.GetInt64(0));
        Assert.Throws<ObjectDisposedException>(() => cursor.Read());
        Assert.Throws<ObjectDisposedException>(() => file.OpenCursor("SELECT 1"));
    }
}
