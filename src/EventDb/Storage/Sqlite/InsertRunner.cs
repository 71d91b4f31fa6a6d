using System.Runtime.ExceptionServices;

namespace EventDb;

/// <summary>
/// Runs the staged multi-row INSERTs of the writer's connection on a thread of their own, in the order they were
/// staged, while the writer thread stages the next ones: encoding text and laying out values overlaps SQLite's work on
/// a second core. The connection is never used by two threads at once: the writer runs SQL of its own (BEGIN, COMMIT,
/// deletes) only after <see cref="Drain"/>. A failed INSERT stops the runner; the failure is thrown on the writer thread
/// at its next <see cref="Exchange"/> or <see cref="Drain"/>, and the batch's rollback calls <see cref="Discard"/>.
/// Each side takes the lock once per chunk, and wakes the other only when it waits.
/// </summary>
internal sealed class InsertRunner : IDisposable
{
    // Chunks staged ahead of SQLite: enough to ride out a slow step, few enough to keep memory small (a chunk is at
    // most 64 rows and their text, 32 KiB of arena).
    public const int Capacity = 32;

    // The writer stages faster than SQLite inserts, so it sleeps whenever the queue is full. Woken only once the queue
    // is down to this, it stages a long run of chunks per wake-up: each sleep and wake-up costs both threads a futex
    // call and a context switch (a wake-up every few chunks was ~5% of the logger's CPU time).
    private const int WakeWriterAt = Capacity / 4;

    private readonly (SqliteTable Table, RowStage Stage)[] _queue = new (SqliteTable, RowStage)[Capacity];
    private readonly object _gate = new(); // Monitor.Wait needs a monitor, not a System.Threading.Lock
    private readonly Thread _thread;
    private int _head;
    private int _count;
    private bool _running;
    private bool _stopping;
    private bool _writerWaiting;
    private bool _runnerWaiting;
    private Exception? _failure;

    public InsertRunner()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "EventDb inserts" };
        Descriptors.Start(_thread);
    }

    /// <summary>
    /// Queues <paramref name="full"/>, a staged chunk of <paramref name="table"/>, waiting while the queue is full, and
    /// returns an empty stage of the table to go on with.
    /// </summary>
    /// <exception cref="Exception">
    /// An earlier chunk of this batch failed, or the next stage could not be allocated; <paramref name="full"/> is not
    /// queued and stays the table's (the rollback empties it).
    /// </exception>
    public RowStage Exchange(SqliteTable table, RowStage full)
    {
        lock (_gate)
        {
            while (_count == Capacity && _failure is null)
                WriterWait();
            if (_failure is { } failure)
            {
                full.Clear();
                ExceptionDispatchInfo.Throw(failure);
            }
            // The next stage first: were it allocated after `full` is queued and fail, `full` would be the table's
            // current stage and the runner's at once, then on the free list too, and the table would stage into a
            // stage being bound (issue 25). Only a new table's first few chunks allocate one.
            var empty = table.TakeFreeStage() ?? table.NewStage();
            _queue[(_head + _count) % Capacity] = (table, full);
            _count++;
            if (_runnerWaiting)
                Monitor.Pulse(_gate);
            return empty;
        }
    }

    /// <summary>Waits until every queued chunk has run; throws the failure of one that could not.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            while ((_count > 0 || _running) && _failure is null)
                WriterWait();
            if (_failure is { } failure)
                ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>For a rollback: drops the queued chunks, waits for the one running and forgets the failure. Never throws.</summary>
    public void Discard()
    {
        lock (_gate)
        {
            // Dropped first, so the runner takes no more of them; then the one it runs is waited for.
            while (_count > 0)
            {
                var (table, stage) = Dequeue();
                stage.Clear();
                table.KeepFreeStage(stage);
            }
            while (_running)
                WriterWait();
            _failure = null;
        }
    }

    private void Run()
    {
        (SqliteTable Table, RowStage Stage)? done = null;
        Exception? failure = null;
        RowStage? next;
        while (true)
        {
            SqliteTable table;
            RowStage stage;
            lock (_gate)
            {
                if (done is var (doneTable, doneStage))
                    Finished(doneTable, doneStage, failure);
                // After a failure nothing more runs until the rollback's Discard.
                while ((_count == 0 || _failure is not null) && !_stopping)
                    RunnerWait();
                if (_stopping)
                    return;
                (table, stage) = Dequeue();
                next = _count > 0 ? _queue[_head].Stage : null;
                _running = true;
            }
            next?.Prefetch(); // while SQLite works on this chunk, the next one's memory comes over from the writer's core
            failure = null;
            try
            {
                table.Insert(stage);
            }
#pragma warning disable CA1031 // Whatever an INSERT throws is the batch's failure, thrown on the writer thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
            }
            stage.Clear(); // outside the lock: it may free large values
            done = (table, stage);
        }
    }

    private void Finished(SqliteTable table, RowStage stage, Exception? failure)
    {
        table.KeepFreeStage(stage);
        _running = false;
        _failure ??= failure;
        if (_writerWaiting && (_count <= WakeWriterAt || _failure is not null))
            Monitor.Pulse(_gate);
    }

    private void WriterWait()
    {
        _writerWaiting = true;
        Monitor.Wait(_gate);
        _writerWaiting = false;
    }

    private void RunnerWait()
    {
        _runnerWaiting = true;
        Monitor.Wait(_gate);
        _runnerWaiting = false;
    }

    private (SqliteTable Table, RowStage Stage) Dequeue()
    {
        var item = _queue[_head];
        _queue[_head] = default;
        _head = (_head + 1) % Capacity;
        _count--;
        return item;
    }

    /// <summary>Stops the thread once the chunk it runs, if any, is done; queued chunks are dropped.</summary>
    public void Dispose()
    {
        Discard();
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
    }
}
