namespace EventDb.Tests;

public sealed class EventLoggerOptionsTests
{
    public static TheoryData<string, EventLoggerOptions> OutOfRange => new()
    {
        { nameof(EventLoggerOptions.BufferSize), new() { BufferSize = 0 } },
        { nameof(EventLoggerOptions.BufferSize), new() { BufferSize = -5 } },
        { nameof(EventLoggerOptions.BufferSize), new() { BufferSize = 200_000_000 } },
        { nameof(EventLoggerOptions.FlushInterval), new() { FlushInterval = TimeSpan.Zero } },
        { nameof(EventLoggerOptions.FlushInterval), new() { FlushInterval = TimeSpan.FromDays(2) } },
        { nameof(EventLoggerOptions.MaxQueuedEvents), new() { BufferSize = 1000, MaxQueuedEvents = 999 } },
        { nameof(EventLoggerOptions.Overflow), new() { Overflow = (OverflowPolicy)42 } },
        { nameof(EventLoggerOptions.Durability), new() { Durability = (Durability)42 } },
        { nameof(EventLoggerOptions.BusyTimeout), new() { BusyTimeout = TimeSpan.FromSeconds(-1) } },
        { nameof(EventLoggerOptions.OpenTimeout), new() { OpenTimeout = TimeSpan.FromSeconds(-1) } },
        { nameof(EventLoggerOptions.ShutdownTimeout), new() { ShutdownTimeout = TimeSpan.FromHours(2) } },
        { nameof(EventLoggerOptions.FileName), new() { FileName = "../elsewhere.db" } },
        { nameof(EventLoggerOptions.FileName), new() { FileName = "sub/plugins.db" } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Open_OptionOutOfRange_ThrowsNamingIt(string option, EventLoggerOptions options)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EventLogger.Open(options));
        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public void Defaults_MatchTheSeedLogger()
    {
        var options = new EventLoggerOptions();
        Assert.Equal("plugins.db", options.FileName);
        Assert.Equal(100_000, options.BufferSize);
        Assert.Equal(TimeSpan.FromSeconds(2), options.FlushInterval);
        Assert.Equal(OverflowPolicy.Block, options.Overflow);
        Assert.Equal(Durability.Normal, options.Durability);
        Assert.True(options.CommitOnExit);
    }
}
