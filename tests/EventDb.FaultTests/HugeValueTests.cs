namespace EventDb.FaultTests;

/// <summary>
/// Any value SQLite can store is stored, however large; one beyond its limit is rejected alone. Sizes are computed in
/// 64 bits: a string of more than int.MaxValue / 3 characters once overflowed the UTF-8 size computation and killed
/// the writer.
/// </summary>
public sealed class HugeValueTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Text_Of716MillionCharacters_IsStoredWhole()
    {
        const int Length = 716_000_000; // 3 x Length overflows int; its 716 MB of UTF-8 are under SQLite's 1e9 limit
        var huge = string.Create(Length, 0, (span, _) =>
        {
            span.Fill('x');
            span[0] = 'A';
            span[^1] = 'Z';
        });
        using (var log = EventLogger.Open(_dir.Options()))
        {
            log.Add(new Numbered { Producer = 0, Seq = 0 });
            log.Add(new Numbered { Producer = 0, Seq = 1, Text = huge });
            log.Add(new Numbered { Producer = 0, Seq = 2 });
            log.Flush();
            Assert.Equal(3, log.WrittenEvents);
            Assert.Equal(0, log.RejectedEvents);
        }
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal([[$"{Length}", "A", "Z"]], db.Rows("SELECT length(text), substr(text, 1, 1), substr(text, -1, 1) FROM numbered WHERE seq = 1"));
        FileChecks.AssertEachNumberedOnce(db, 1, 3);
    }

    [Fact]
    public void Text_OverSqlitesLengthLimitInUtf8_IsRejectedAloneNamingItsSize()
    {
        // 333,333,334 characters of three UTF-8 bytes each: 1,000,000,002 bytes, two over SQLite's limit.
        var tooLong = new string('\u4E00', 333_333_334);
        var errors = new List<EventDbException>();
        using (var log = EventLogger.Open(_dir.Options() with { OnError = e => { lock (errors) errors.Add(e); } }))
        {
            log.Add(new Numbered { Producer = 0, Seq = 0 });
            log.Add(new Numbered { Producer = 0, Seq = 1, Text = tooLong });
            log.Add(new Numbered { Producer = 0, Seq = 2 });
            log.Flush();
            Assert.Equal(2, log.WrittenEvents);
            Assert.Equal(1, log.RejectedEvents);
        }
        var rejection = Assert.Single(errors);
        Assert.Contains("'numbered.text'", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("1,000,000,002 bytes", rejection.Message, StringComparison.Ordinal);
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal([["0"], ["2"]], db.Rows("SELECT seq FROM numbered ORDER BY id"));
    }
}
