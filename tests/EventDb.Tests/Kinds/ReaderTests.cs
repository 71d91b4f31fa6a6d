using System.Globalization;
using EventDb.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace EventDb.Tests.Kinds;

/// <summary>
/// What other readers see in a file EventDb wrote: Microsoft.Data.Sqlite's typed getters for every kind, and SQLite's
/// own date functions for the dates. docs/declaring-events.md's type table states these results.
/// </summary>
public sealed class ReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Kinds => new(KindCases.All.Keys);

    /// <summary>How Microsoft.Data.Sqlite reads each kind (a nullable kind as its value kind), given the value sent.</summary>
    private static readonly Dictionary<string, Action<SqliteDataReader, object>> s_microsoftDataSqlite = new()
    {
        ["long"] = (r, v) => Assert.Equal((long)v, r.GetInt64(0)),
        ["int"] = (r, v) => Assert.Equal((int)v, r.GetInt32(0)),
        ["short"] = (r, v) => Assert.Equal((short)v, r.GetInt16(0)),
        ["sbyte"] = (r, v) => Assert.Equal((sbyte)v, r.GetFieldValue<sbyte>(0)),
        ["byte"] = (r, v) => Assert.Equal((byte)v, r.GetByte(0)),
        ["nint"] = (r, v) => Assert.Equal((long)(nint)v, r.GetInt64(0)),
        ["ulong"] = (r, v) => Assert.Equal((ulong)v, r.GetFieldValue<ulong>(0)), // it unwraps as EventDb does
        ["uint"] = (r, v) => Assert.Equal((uint)v, r.GetFieldValue<uint>(0)),
        ["ushort"] = (r, v) => Assert.Equal((ushort)v, r.GetFieldValue<ushort>(0)),
        ["nuint"] = (r, v) => Assert.Equal(unchecked((long)(nuint)v), r.GetInt64(0)),
        ["Int128"] = (r, v) => Assert.Equal((long)(Int128)v, r.GetInt64(0)),
        ["UInt128"] = (r, v) => Assert.Equal((ulong)(UInt128)v, r.GetFieldValue<ulong>(0)),
        ["bool"] = (r, v) => Assert.Equal((bool)v, r.GetBoolean(0)),
        ["byte enum"] = (r, v) => Assert.Equal((Shade)v, r.GetFieldValue<Shade>(0)),
        ["enum"] = (r, v) => Assert.Equal((Mood)v, r.GetFieldValue<Mood>(0)),
        ["double"] = (r, v) => Assert.Equal((double)v, r.GetDouble(0)),
        ["float"] = (r, v) => Assert.Equal((float)v, r.GetFloat(0)),
        ["Half"] = (r, v) => Assert.Equal((double)(Half)v, r.GetDouble(0)),
        ["decimal"] = (r, v) => Assert.Equal(((decimal)v).ToString(CultureInfo.InvariantCulture), r.GetDecimal(0).ToString(CultureInfo.InvariantCulture)),
        ["char"] = (r, v) => Assert.Equal((char)v, r.GetChar(0)),
        ["string"] = (r, v) => Assert.Equal((string)v, r.GetString(0)),
        ["DateTime"] = (r, v) => Assert.Equal(KindCases.AsStored((DateTime)v).Ticks, r.GetDateTime(0).Ticks),
        ["DateTimeOffset"] = (r, v) => Assert.True(((DateTimeOffset)v).EqualsExact(r.GetDateTimeOffset(0)), $"{v:O} read as {r.GetDateTimeOffset(0):O}"),
        ["TimeSpan"] = (r, v) => Assert.Equal((TimeSpan)v, r.GetTimeSpan(0)),
        ["Guid"] = (r, v) => Assert.Equal((Guid)v, r.GetGuid(0)),
        ["byte[]"] = (r, v) => Assert.Equal((byte[])v, r.GetFieldValue<byte[]>(0)),
        ["ReadOnlyMemory<byte>"] = (r, v) => Assert.Equal(((ReadOnlyMemory<byte>)v).ToArray(), r.GetFieldValue<byte[]>(0)),
        ["enum (AsText)"] = (r, v) => Assert.Equal(KindCases.StoredName((Mood)v), r.GetString(0)),
        ["ulong enum (AsText)"] = (r, v) => Assert.Equal(KindCases.StoredName((Wide)v), r.GetString(0)),
        ["long (renamed)"] = (r, v) => Assert.Equal((long)v, r.GetInt64(0)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MicrosoftDataSqlite_TypedGetter_ReadsTheKindAsSent(string kind)
    {
        var @case = KindCases.All[kind];
        var rows = Write(@case.Rows());
        var check = s_microsoftDataSqlite[kind.Replace("?", "", StringComparison.Ordinal)];

        using var connection = new SqliteConnection($"Data Source={_dir.DbPath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {@case.Column} FROM every_kind ORDER BY id";
        using var reader = command.ExecuteReader();
        foreach (var row in rows)
        {
            Assert.True(reader.Read());
            if (@case.Sent(row) is { } sent)
                check(reader, sent);
            else
                Assert.True(reader.IsDBNull(0));
        }
        Assert.False(reader.Read());
    }

    [Fact]
    public void MicrosoftDataSqlite_DateTime_ComesBackUnspecifiedWithTheUtcWallClock()
    {
        Write([KindCases.Blank with { DateTime = KindCases.Instant }]);
        using var connection = new SqliteConnection($"Data Source={_dir.DbPath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT date_time, date_time_offset FROM every_kind";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(DateTime.SpecifyKind(KindCases.Instant, DateTimeKind.Unspecified), reader.GetDateTime(0));
        Assert.Equal(DateTimeKind.Unspecified, reader.GetDateTime(0).Kind);
    }

    [Fact]
    public void Query_ValuesMicrosoftDataSqliteWrote_ReadsThemAsMicrosoftDataSqliteMeantThem()
    {
        // Its own forms differ from EventDb's: trailing zeros cut (59.5), GUIDs upper case with dashes, decimals without
        // their scale. EventDb reads them all.
        Write([KindCases.Blank]);
        var dateTime = new DateTime(2024, 2, 29, 23, 59, 59, 500, DateTimeKind.Utc);
        var offset = new DateTimeOffset(2024, 2, 29, 23, 59, 59, 500, TimeSpan.FromHours(-12));
        var guid = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        using (var connection = new SqliteConnection($"Data Source={_dir.DbPath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE every_kind SET date_time = $dt, date_time_offset = $dto, time_span = $ts, guid = $g, "
                + "decimal = $dec, char = $ch, half = $h, maybe_date_time = $whole";
            command.Parameters.AddWithValue("$dt", dateTime);
            command.Parameters.AddWithValue("$dto", offset);
            command.Parameters.AddWithValue("$ts", TimeSpan.MinValue);
            command.Parameters.AddWithValue("$g", guid);
            command.Parameters.AddWithValue("$dec", 12.50m);
            command.Parameters.AddWithValue("$ch", 'é');
            command.Parameters.AddWithValue("$h", 0.5);
            command.Parameters.AddWithValue("$whole", new DateTime(2024, 1, 1));
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        using (var db = _dir.OpenRaw())
        {
            Assert.Equal([["2024-02-29 23:59:59.5", "6F9619FF-8B86-D011-B42D-00C04FC964FF", "12.5", "2024-01-01 00:00:00"]],
                db.QueryText("SELECT date_time, guid, decimal, maybe_date_time FROM every_kind"));
        }

        using var log = EventLogger.Open(_dir.Options());
        var back = Assert.Single(log.ReadAll<EveryKind>());
        Assert.Equal(dateTime, back.DateTime);
        Assert.True(offset.EqualsExact(back.DateTimeOffset));
        Assert.Equal(TimeSpan.MinValue, back.TimeSpan);
        Assert.Equal(guid, back.Guid);
        Assert.Equal(12.5m, back.Decimal);
        Assert.Equal('é', back.Char);
        Assert.Equal((Half)0.5, back.Half);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), back.MaybeDateTime);
    }

    [Fact]
    public void SqliteDateFunctions_EveryStoredDate_GiveTheInstantInUtcToTheMillisecond()
    {
        // EventDb's bundled SQLite. An older one (3.40.1, Debian 12's) rounds 23:59:59.9999999 on 9999-12-31 up into
        // year 10000 and returns NULL for it; tests/EventDb.Tests/Kinds/read_with_sqlalchemy.py shows that one.
        DateTime[] dates = [DateTime.MinValue, DateTime.UnixEpoch, KindCases.Instant, DateTime.SpecifyKind(KindCases.Instant, DateTimeKind.Local),
            DateTime.MaxValue];
        DateTimeOffset[] offsets = [DateTimeOffset.MinValue, new(DateTime.MinValue.AddHours(14), TimeSpan.FromHours(14)),
            new(KindCases.Instant.AddHours(5).AddMinutes(45).Ticks, new TimeSpan(5, 45, 0)), new(KindCases.Instant.AddHours(-12).Ticks, TimeSpan.FromHours(-12)),
            new(DateTime.MaxValue.AddHours(-12), TimeSpan.FromHours(-12))];
        Write([.. dates.Zip(offsets, (d, o) => KindCases.Blank with { DateTime = d, DateTimeOffset = o })]);

        using var db = _dir.OpenRaw();
        var rows = db.QueryText("SELECT julianday(date_time), strftime('%Y-%m-%d %H:%M:%f', date_time), datetime(date_time), "
            + "julianday(date_time_offset), strftime('%Y-%m-%d %H:%M:%f', date_time_offset) FROM every_kind ORDER BY id");
        for (int i = 0; i < dates.Length; i++)
        {
            var utc = KindCases.AsStored(dates[i]);
            AssertJulianDay(utc, rows[i][0]);
            Assert.Equal(utc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), rows[i][1]);
            Assert.Equal(utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), rows[i][2]);
            AssertJulianDay(offsets[i].UtcDateTime, rows[i][3]);
            Assert.Equal(offsets[i].UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), rows[i][4]);
        }
    }

    private static void AssertJulianDay(DateTime utc, string? julianDay)
    {
        Assert.NotNull(julianDay);
        var expected = 2440587.5 + ((utc.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerDay);
        Assert.InRange(double.Parse(julianDay, CultureInfo.InvariantCulture) - expected, -1.5e-8, 1.5e-8); // about a millisecond
    }

    private EveryKind[] Write(EveryKind[] rows)
    {
        using var log = EventLogger.Open(_dir.Options());
        foreach (var row in rows)
            log.Add(row);
        log.Flush();
        Assert.Equal(rows.Length, log.WrittenEvents);
        return rows;
    }
}
