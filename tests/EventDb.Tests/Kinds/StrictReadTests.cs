using EventDb.Tests.Fixtures;

namespace EventDb.Tests.Kinds;

/// <summary>
/// A typed read returns each value as stored or fails naming the table, column, row and what is stored there: SQLite
/// itself would convert anything (text to 0, 1.5 to 1, NULL to ""), and a narrower member would truncate.
/// Conditions and counts do not read values into members and are unaffected.
/// </summary>
public sealed class StrictReadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>One every_kind row, id 1, whose <paramref name="column"/> another program then set to <paramref name="sqlValue"/>.</summary>
    private void RowWith(string column, string sqlValue)
    {
        using (var log = EventLogger.Open(_dir.Options()))
            log.Add(KindCases.Blank with { String = "fine", MaybeInt64 = 5 });
        using var db = _dir.OpenRaw(readOnly: false);
        // The table as a tool that declares no NOT NULL would have made it, so a NULL can reach non-nullable members.
        var create = db.QueryText("SELECT sql FROM sqlite_schema WHERE name = 'every_kind'")[0][0]!;
        db.Execute("ALTER TABLE every_kind RENAME TO strict_old");
        db.Execute(create.Replace(" NOT NULL", "", StringComparison.Ordinal));
        db.Execute("INSERT INTO every_kind SELECT * FROM strict_old");
        db.Execute("DROP TABLE strict_old");
        db.Execute($"UPDATE every_kind SET {column} = {sqlValue}");
    }

    [Theory]
    [InlineData("int64", "'abc'", "TEXT 'abc' where the member reads an integer")]
    [InlineData("int64", "1.5", "REAL 1.5 where the member reads an integer")]
    [InlineData("int32", "4294967296", "INTEGER 4294967296 where the member reads an integer from -2147483648 to 2147483647")]
    [InlineData("byte", "256", "INTEGER 256 where the member reads an integer from 0 to 255")]
    [InlineData("u_int32", "-1", "INTEGER -1 where the member reads an integer from 0 to 4294967295")]
    [InlineData("u_int16", "65536", "INTEGER 65536 where the member reads an integer from 0 to 65535")]
    [InlineData("bool", "2", "INTEGER 2 where the member reads an integer from 0 to 1")]
    [InlineData("enum", "128", "INTEGER 128 where the member reads an integer from -128 to 127")] // Mood is an sbyte enum
    [InlineData("maybe_int64", "'five'", "TEXT 'five' where the member reads an integer")] // nullable members too
    [InlineData("string", "NULL", "NULL where the member reads text (it is not nullable)")]
    [InlineData("string", "x'616263'", "a BLOB of 3 bytes where the member reads text")]
    [InlineData("double", "'x'", "TEXT 'x' where the member reads a real number")]
    [InlineData("double", "NULL", "NULL where the member reads a real number (it is not nullable)")]
    [InlineData("bytes", "5", "INTEGER 5 where the member reads a blob")]
    [InlineData("bytes", "NULL", "NULL where the member reads a blob (it is not nullable)")]
    [InlineData("guid", "NULL", "NULL where the member reads text (it is not nullable)")]
    [InlineData("date_time", "'yesterday'", "text the member cannot read: 'yesterday' is not a date and time")]
    public void Read_ValueTheMemberCannotTakeAsStored_FailsNamingTableColumnIdAndTheValue(string column, string sqlValue, string holds)
    {
        RowWith(column, sqlValue);
        using var file = EventFile.OpenRead(_dir.DbPath);

        var ex = Assert.Throws<EventDbException>(() => file.Read<EveryKind>().ToList());

        Assert.Contains($"Cannot read '{_dir.DbPath}': every_kind.{column} of id 1 holds {holds}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, file.Count<EveryKind>());
        Assert.Equal(1, file.Count<EveryKind>(EveryKind.Where.MaybeInt64.IsNotNull()));
    }

    [Fact]
    public void ReadAll_OfTheLogger_RefusesLikeEventFile()
    {
        RowWith("int64", "1.5");
        using var log = EventLogger.Open(_dir.Options());

        var ex = Assert.Throws<EventDbException>(() => log.ReadAll<EveryKind>());

        Assert.Contains("every_kind.int64 of id 1 holds REAL 1.5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValuesAtTheEdgesOfEveryIntegerKind_ReadAsStored()
    {
        var edge = KindCases.Blank with
        {
            Int32 = int.MinValue, Byte = byte.MaxValue, UInt32 = uint.MaxValue, UInt16 = ushort.MaxValue, SByte = sbyte.MinValue,
            UInt64 = ulong.MaxValue, NUInt = nuint.MaxValue, NInt = nint.MinValue, Bool = true, Enum = Mood.Sad,
        };
        using (var log = EventLogger.Open(_dir.Options()))
            log.Add(edge);
        using var file = EventFile.OpenRead(_dir.DbPath);

        var back = Assert.Single(file.Read<EveryKind>());

        Assert.Equal((edge.Int32, edge.Byte, edge.UInt32, edge.UInt16, edge.SByte), (back.Int32, back.Byte, back.UInt32, back.UInt16, back.SByte));
        Assert.Equal((edge.UInt64, edge.NUInt, edge.NInt, edge.Bool, edge.Enum), (back.UInt64, back.NUInt, back.NInt, back.Bool, back.Enum));
    }

    [Fact]
    public void Read_IntegerInAnUntypedColumnOfADoubleMember_ReadsWhenADoubleHoldsItExactly()
    {
        using (var db = _dir.OpenRaw(readOnly: false))
        {
            // An untyped column keeps 3 as an integer (a REAL column would have made it 3.0).
            db.Execute("CREATE TABLE measurement (id INTEGER PRIMARY KEY, value)");
            db.Execute("INSERT INTO measurement VALUES (1, 2.5), (2, 3), (3, 9007199254740993)");
        }
        using var file = EventFile.OpenRead(_dir.DbPath);

        Assert.Equal([2.5, 3.0], file.Read<Measurement>(new RowSelection { ThroughId = 2 }).Select(m => m.Value));
        var ex = Assert.Throws<EventDbException>(() => file.Read<Measurement>().ToList());
        Assert.Contains("measurement.value of id 3 holds INTEGER 9007199254740993 where the member reads a real number", ex.Message, StringComparison.Ordinal);
    }
}
