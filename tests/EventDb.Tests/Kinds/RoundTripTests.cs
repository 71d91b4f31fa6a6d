using EventDb.Metadata;
using EventDb.Tests.Fixtures;

namespace EventDb.Tests.Kinds;

/// <summary>Every column kind through a real file: written by EventLogger, read back by Query, compared.</summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Kinds => new(KindCases.All.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Query_EdgeValuesOfTheKind_ComeBackAsSent(string kind)
    {
        var @case = KindCases.All[kind];
        var rows = @case.Rows();
        using (var log = EventLogger.Open(_dir.Options()))
        {
            foreach (var row in rows)
                log.Add(row);
            log.Flush();
            Assert.Equal(rows.Length, log.WrittenEvents);
        }

        using var reopened = EventLogger.Open(_dir.Options());
        var back = reopened.ReadAll<EveryKind>();
        Assert.Equal(rows.Length, back.Count);
        for (int i = 0; i < rows.Length; i++)
            @case.AssertRoundTrip(rows[i], back[i]);
    }

    [Fact]
    public void Cases_CoverEveryColumnOfTheFixture()
    {
        Assert.Equal(
            EveryKind.Schema.Columns.Select(c => c.Name).Order(StringComparer.Ordinal),
            KindCases.All.Values.Select(c => c.Column).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Schema_NewKinds_AreTextOrRealColumns()
    {
        var columns = EveryKind.Schema.Columns.ToDictionary(c => c.Name);
        Assert.Equal(ColumnType.Real, columns["half"].Type);
        foreach (var name in new[] { "decimal", "char", "date_time", "date_time_offset", "time_span", "guid", "enum_name", "wide_name" })
            Assert.Equal(ColumnType.Text, columns[name].Type);
        Assert.Equal(ColumnType.Integer, columns["enum"].Type);
        Assert.True(columns["maybe_enum_name"].Nullable);
        Assert.False(columns["enum_name"].Nullable);
    }

    [Fact]
    public void Add_NewKinds_StoreTheDocumentedText()
    {
        var row = KindCases.Blank with
        {
            Half = (Half)0.5,
            Decimal = -12.50m,
            Char = 'é',
            DateTime = KindCases.Instant,
            DateTimeOffset = new DateTimeOffset(KindCases.Instant.Ticks, TimeSpan.FromHours(14)),
            TimeSpan = new TimeSpan(1, 2, 3, 4, 500),
            Guid = new Guid("6F9619FF-8B86-D011-B42D-00C04FC964FF"),
            EnumName = Mood.Happy,
            WideName = Wide.Top,
            MaybeEnumName = (Mood)42,
        };
        using (var log = EventLogger.Open(_dir.Options()))
            log.Add(row);

        using var db = _dir.OpenRaw();
        Assert.Equal(
            [["0.5", "-12.50", "é", "2024-02-29 23:59:59.1234567", "2024-02-29 23:59:59.1234567+14:00", "1.02:03:04.5000000",
              "6f9619ff8b86d011b42d00c04fc964ff", "Glad", "Top", "42"]],
            db.QueryText("SELECT half, decimal, char, date_time, date_time_offset, time_span, guid, enum_name, wide_name, maybe_enum_name FROM every_kind"));
        Assert.Equal(
            [["real", "text", "text", "text", "text", "text", "text", "text", "text", "text"]],
            db.QueryText("SELECT typeof(half), typeof(decimal), typeof(char), typeof(date_time), typeof(date_time_offset), typeof(time_span), typeof(guid), typeof(enum_name), typeof(wide_name), typeof(maybe_enum_name) FROM every_kind"));
        Assert.Contains(
            db.QueryText("PRAGMA table_info(every_kind)"),
            c => c[1] == "decimal" && c[2] == "VARCHAR" && c[3] == "1"); // VARCHAR: TEXT affinity, never turned into a lossy REAL
    }

    [Fact]
    public void Add_NullMembersWithDefaults_StoreTheDefaults()
    {
        using (var log = EventLogger.Open(_dir.Options()))
            log.Add(new KindDefaults());

        using (var db = _dir.OpenRaw())
        {
            Assert.Equal(
                [["2000-01-01 00:00:00.0000000", "2000-01-01 00:00:00.0000000+14:00", "00:05:00", "6f9619ff8b86d011b42d00c04fc964ff", "0.10", "?", "1.5", "Calm"]],
                db.QueryText("SELECT at, at_offset, span, id2, price, initial, ratio, feeling FROM kind_defaults"));
        }
        using var reopened = EventLogger.Open(_dir.Options());
        var back = Assert.Single(reopened.ReadAll<KindDefaults>());
        Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), back.At);
        Assert.Equal(TimeSpan.FromHours(14), back.AtOffset!.Value.Offset);
        Assert.Equal(Mood.Calm, back.Feeling);
    }

    [Fact]
    public void Query_EnumNameNoMemberHas_ThrowsNamingTheTextAndTheEnum()
    {
        using (var log = EventLogger.Open(_dir.Options()))
            log.Add(KindCases.Blank with { EnumName = Mood.Glad });
        using (var db = _dir.OpenRaw(readOnly: false))
            db.Execute("UPDATE every_kind SET enum_name = 'Ecstatic'");

        using var reopened = EventLogger.Open(_dir.Options());
        var error = Assert.Throws<EventDbException>(() => reopened.ReadAll<EveryKind>());
        Assert.Contains("every_kind.enum_name of id 1 holds text the member cannot read: 'Ecstatic' is not a name of EventDb.TestSupport.Mood", error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void Flush_HalfNaNOrLoneSurrogateChar_RejectsThatEventAlone()
    {
        var errors = new List<EventDbException>();
        using (var log = EventLogger.Open(_dir.Options() with { OnError = e => { lock (errors) errors.Add(e); } }))
        {
            log.Add(KindCases.Blank with { String = "before" });
            log.Add(KindCases.Blank with { Half = Half.NaN });
            log.Add(KindCases.Blank with { MaybeHalf = Half.NaN });
            log.Add(KindCases.Blank with { Char = '\uD800' });
            log.Add(KindCases.Blank with { MaybeChar = '\uDFFF' });
            log.Add(KindCases.Blank with { String = "after" });
            log.Flush();
            Assert.Equal(4, log.RejectedEvents);
        }

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("'every_kind.half'", StringComparison.Ordinal) && e.Message.Contains("NaN", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'every_kind.maybe_half'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'every_kind.char'", StringComparison.Ordinal) && e.Message.Contains("unpaired surrogate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'every_kind.maybe_char'", StringComparison.Ordinal));
        using var reopened = EventLogger.Open(_dir.Options());
        Assert.Equal(["before", "after"], reopened.ReadAll<EveryKind>().Select(r => r.String));
    }
}
