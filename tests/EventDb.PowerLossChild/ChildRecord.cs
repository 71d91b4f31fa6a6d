using System.IO.MemoryMappedFiles;

namespace EventDb.PowerLoss;

/// <summary>
/// What a power-loss child was told, kept in a memory-mapped file on the real disk (outside the LazyFS mount): a power
/// cut of the mount does not touch it and a SIGKILL does not lose it. The child writes it as it goes; the parent reads it
/// while the child runs (to time the kill) and after the cut (to check the promises). Linked into the tests.
/// </summary>
/// <remarks>
/// Layout, in 8-byte slots: the child's pid, its phase, the history's length, the producers' counts (events accepted,
/// and events added before a <c>Flush</c> that returned, per producer), then the history: (time, events committed)
/// pairs, the logger's <c>WrittenEvents</c> sampled with the Unix time in microseconds read just after it. A count is
/// stored only once what it counts has happened, and a history entry before the length that includes it.
/// </remarks>
internal sealed unsafe class ChildRecord : IDisposable
{
    public const int MaxProducers = 8;
    private const int PidSlot = 0, PhaseSlot = 1, HistoryLengthSlot = 2, ProducerSlots = 8, HistorySlots = 32;
    private const int HistoryCapacity = 200_000;
    private const long Bytes = (HistorySlots + 2L * HistoryCapacity) * sizeof(long);

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long* _slots;

    private ChildRecord(MemoryMappedFile map)
    {
        _map = map;
        _view = map.CreateViewAccessor(0, Bytes);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _slots = (long*)(pointer + _view.PointerOffset);
    }

    /// <summary>
    /// The record at <paramref name="path"/>: the parent creates it (zeroed) before it starts the child, which opens it
    /// (and creates it when run by hand). Never truncated, so a mapping the other side holds stays valid.
    /// </summary>
    public static ChildRecord Open(string path) => new(MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, null, Bytes));

    public long Pid
    {
        get => Volatile.Read(ref _slots[PidSlot]);
        set => Volatile.Write(ref _slots[PidSlot], value);
    }

    public ChildPhase Phase
    {
        get => (ChildPhase)Volatile.Read(ref _slots[PhaseSlot]);
        set => Volatile.Write(ref _slots[PhaseSlot], (long)value);
    }

    /// <summary>Events of <paramref name="producer"/> that <c>Add</c> accepted: its sequence numbers below this.</summary>
    public long Accepted(int producer) => Volatile.Read(ref _slots[ProducerSlots + 2 * producer]);

    public void SetAccepted(int producer, long count) => Volatile.Write(ref _slots[ProducerSlots + 2 * producer], count);

    /// <summary>Events of <paramref name="producer"/> added before a <c>Flush</c> that returned: its sequence numbers below this.</summary>
    public long Flushed(int producer) => Volatile.Read(ref _slots[ProducerSlots + 2 * producer + 1]);

    public void SetFlushed(int producer, long count) => Volatile.Write(ref _slots[ProducerSlots + 2 * producer + 1], count);

    /// <summary>Appends a sample of the logger's committed count; false when the history is full.</summary>
    public bool AddSample(long unixMicroseconds, long written)
    {
        long length = _slots[HistoryLengthSlot];
        if (length >= HistoryCapacity)
            return false;
        _slots[HistorySlots + 2 * length] = unixMicroseconds;
        _slots[HistorySlots + 2 * length + 1] = written;
        Volatile.Write(ref _slots[HistoryLengthSlot], length + 1);
        return true;
    }

    /// <summary>The samples, oldest first.</summary>
    public IReadOnlyList<CommitSample> History()
    {
        long length = Volatile.Read(ref _slots[HistoryLengthSlot]);
        var samples = new CommitSample[length];
        for (long i = 0; i < length; i++)
            samples[i] = new CommitSample(_slots[HistorySlots + 2 * i], _slots[HistorySlots + 2 * i + 1]);
        return samples;
    }

    public static long UnixMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}

/// <summary>Where the child is; the parent waits for a phase before it times a kill.</summary>
internal enum ChildPhase
{
    Starting,
    Opened,
    Writing,
    Disposing,
    Disposed,
    Exporting,
    Exported,
}

/// <summary><paramref name="Written"/> events were committed at or before <paramref name="UnixMicroseconds"/>.</summary>
internal readonly record struct CommitSample(long UnixMicroseconds, long Written);
