namespace EventDb.FaultTests;

/// <summary>Dispose is idempotent and safe against every member; once it returns no handle to the file is left open.</summary>
public sealed class LifetimeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Descriptors this process holds on the database file, its WAL or its shared-memory file.</summary>
    private int OpenDescriptors()
    {
        int count = 0;
        foreach (var descriptor in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (File.ResolveLinkTarget(descriptor, returnFinalTarget: false)?.FullName is { } target && target.StartsWith(_dir.DbPath, StringComparison.Ordinal))
                    count++;
            }
            catch (IOException)
            {
                // closed while we looked
            }
        }
        return count;
    }

    [Fact]
    public async Task QueryRacingDispose_NeverReopensAConnection_NoHandleIsLeftOpen()
    {
        for (int round = 0; round < 50; round++)
        {
            var log = EventLogger.Open(_dir.Options());
            Producers.AddNumbered(log, 0, round * 10, 10);
            log.Flush();
            using var go = new Barrier(3);
            var queries = Enumerable.Range(0, 2).Select(reader => Task.Run(() =>
            {
                go.SignalAndWait();
                for (int i = 0; i < 20; i++)
                {
                    try
                    {
                        _ = log.ReadAll<Numbered>();
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            })).ToArray();
            go.SignalAndWait();
            log.Dispose();
            await Task.WhenAll(queries);
            Assert.Equal(0, OpenDescriptors());
        }
        using var db = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(db, 1, 500);
    }

    [Fact]
    public async Task Dispose_FromManyThreadsAtOnceAndAgain_AllReturnOnceClosedAndEveryMemberThenActsDisposed()
    {
        var log = EventLogger.Open(_dir.Options());
        Producers.AddNumbered(log, 0, 0, 50_000);
        using var go = new Barrier(4);
        var disposers = Enumerable.Range(0, 4).Select(disposer => Task.Run(() =>
        {
            go.SignalAndWait();
            log.Dispose();
            // Whichever call returns, the logger is closed by then.
            Assert.Equal(50_000, log.WrittenEvents);
        })).ToArray();
        await Task.WhenAll(disposers);
        log.Dispose();
        await log.DisposeAsync();

        Assert.Equal(0, OpenDescriptors());
        Assert.Throws<ObjectDisposedException>(() => log.Add(new Numbered()));
        Assert.Throws<ObjectDisposedException>(log.Flush);
        Assert.Throws<ObjectDisposedException>(() => { _ = log.FlushAsync(); });
        Assert.Throws<ObjectDisposedException>(() => log.ReadAll<Numbered>());
        Assert.Equal(0, log.QueuedEvents);
        Assert.Equal(log.AddedEvents, log.WrittenEvents);
    }
}
