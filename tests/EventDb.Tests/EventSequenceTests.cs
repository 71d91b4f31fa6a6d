namespace EventDb.Tests;

/// <summary>
/// <see cref="EventSequence.TryNext"/> starts from the producer's guess of the last id: a stale guess must cost only a
/// retry, never an id handed out twice, a false <see cref="EventSequence.Full"/>, or an id past a flag.
/// </summary>
public sealed class EventSequenceTests
{
    [Fact]
    public void StaleGuess_OnAFileThatAlreadyHasIds_TakesTheNextId()
    {
        var sequence = new EventSequence(lastId: 1_000, maxQueued: 10);
        long guess = 0;
        Assert.Equal(1_001, sequence.TryNext(ref guess));
        Assert.Equal(1_001, guess);
        Assert.Equal(1_002, sequence.TryNext(ref guess));
    }

    [Fact]
    public void TwoProducersAlternating_EachGuessStale_IdsFollowArrivalOrder()
    {
        var sequence = new EventSequence(lastId: 0, maxQueued: long.MaxValue);
        long first = 0, second = 0;
        var ids = new List<long>();
        for (int i = 0; i < 10; i++)
            ids.Add(sequence.TryNext(ref i % 2 == 0 ? ref first : ref second));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), ids);
    }

    [Fact]
    public void StaleGuess_WhenTheQueueIsFull_ReportsFullAndTakesNoId()
    {
        var sequence = new EventSequence(lastId: 0, maxQueued: 2);
        long first = 0, second = 0;
        Assert.Equal(1, sequence.TryNext(ref first));
        Assert.Equal(2, sequence.TryNext(ref first));
        Assert.Equal(EventSequence.Full, sequence.TryNext(ref second)); // its guess, 0, says there is room
        Assert.Equal(2, sequence.LastId);

        sequence.Retire(1);
        Assert.Equal(3, sequence.TryNext(ref second));
    }

    [Fact]
    public void StaleGuess_WhileFrozenOrDisposing_TakesNoIdAndThawContinuesWithoutAGap()
    {
        var sequence = new EventSequence(lastId: 0, maxQueued: long.MaxValue);
        sequence.MarkShared();
        long first = 0, second = 0;
        Assert.Equal(1, sequence.TryNext(ref first));
        Assert.Equal(2, sequence.TryNext(ref first));

        sequence.Freeze();
        Assert.Equal(EventSequence.Frozen, sequence.TryNext(ref second));
        Assert.Equal(EventSequence.Frozen, sequence.TryNext(ref first)); // a right guess, but the flag is set
        sequence.Thaw();
        Assert.Equal(3, sequence.TryNext(ref second));

        Assert.True(sequence.BeginDispose());
        Assert.Equal(EventSequence.Disposed, sequence.TryNext(ref first));
        Assert.Equal(3, sequence.LastId);
    }

    [Fact]
    public void StaleGuess_WhenTheQueueIsFullAndTheLoggerDisposing_ReportsDisposedNotFull()
    {
        // An Add waiting for room retries on Full: it must see the dispose flag, or it waits forever.
        var sequence = new EventSequence(lastId: 0, maxQueued: 2);
        sequence.MarkShared();
        long first = 0, second = 0;
        Assert.Equal(1, sequence.TryNext(ref first));
        Assert.Equal(2, sequence.TryNext(ref first));
        Assert.Equal(EventSequence.Full, sequence.TryNext(ref second));

        Assert.True(sequence.BeginDispose());
        Assert.Equal(EventSequence.Disposed, sequence.TryNext(ref second));
        Assert.Equal(EventSequence.Disposed, sequence.TryNext(ref first));
        sequence.Freeze();
        Assert.Equal(EventSequence.Frozen, sequence.TryNext(ref second));
    }

    [Fact]
    public void StaleGuess_AtTheLastAssignableId_IsExhausted()
    {
        var sequence = new EventSequence(lastId: EventSequence.LastAssignableId, maxQueued: long.MaxValue);
        long guess = 0;
        Assert.Equal(EventSequence.Exhausted, sequence.TryNext(ref guess));
        Assert.Equal(EventSequence.LastAssignableId, sequence.LastId);
    }

    [Fact]
    public void FourThreads_EachWithItsOwnGuess_TakeEveryIdExactlyOnce()
    {
        const int PerThread = 200_000, Threads = 4;
        var sequence = new EventSequence(lastId: 0, maxQueued: long.MaxValue);
        var taken = new long[Threads][];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            long guess = 0;
            var ids = new long[PerThread];
            for (int i = 0; i < PerThread; i++)
                ids[i] = sequence.TryNext(ref guess);
            taken[t] = ids;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        foreach (var ids in taken)
            Assert.True(ids.Zip(ids.Skip(1)).All(p => p.First < p.Second), "a thread's ids are not increasing");
        var all = taken.SelectMany(ids => ids).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, PerThread * Threads).Select(i => (long)i), all);
    }
}
