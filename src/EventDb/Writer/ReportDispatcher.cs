namespace EventDb;

/// <summary>
/// Runs the logger's reports — <see cref="EventLoggerOptions.OnError"/>, <see cref="EventLoggerOptions.Logger"/>
/// messages and histogram measurements — one at a time, in order, on a thread of their own. User code therefore never
/// runs on the writer thread: a callback that throws, blocks, or calls back into the logger (<c>Add</c>,
/// <c>Flush</c>, <c>Dispose</c>) can neither stop the writer nor wait on it while it waits on the callback.
/// </summary>
internal sealed class ReportDispatcher
{
    // A callback that blocks must not make the queue grow without end: past this, reports are counted and dropped.
    private const int MaxQueued = 10_000;

    private readonly Queue<Action> _queue = new();
    private readonly object _lock = new(); // Monitor: Wait and Pulse
    private readonly Action<long>? _reportDropped;
    private Thread? _thread;
    private bool _delivering;
    private bool _completed;
    private long _dropped;

    /// <param name="reportDropped">Told, on the dispatcher thread, how many reports were dropped while the queue was full.</param>
    public ReportDispatcher(Action<long>? reportDropped) => _reportDropped = reportDropped;

    /// <summary>Whether the caller is a report running right now (a callback calling back into the logger).</summary>
    public bool IsDispatcherThread => Thread.CurrentThread == _thread;

    /// <summary>Queues a report; never blocks and never throws. Reports posted after <see cref="Complete"/> are dropped.</summary>
    public void Post(Action report)
    {
        lock (_lock)
        {
            if (_completed)
                return;
            if (_queue.Count >= MaxQueued)
            {
                _dropped++;
                return;
            }
            _queue.Enqueue(report);
            if (_thread is null)
            {
                _thread = new Thread(Deliver) { IsBackground = true, Name = "EventDb reports" };
                _thread.Start();
            }
            Monitor.PulseAll(_lock); // all: WaitUntilIdle waits on the same lock
        }
    }

    /// <summary>
    /// Delivers what is queued and ends the thread, returning once it has or after <paramref name="timeout"/> (a callback
    /// that never returns must not hang Dispose); from a report itself it returns at once (the rest is delivered after
    /// that report returns).
    /// </summary>
    public void Complete(TimeSpan timeout)
    {
        Thread? thread;
        lock (_lock)
        {
            _completed = true;
            Monitor.PulseAll(_lock); // all: WaitUntilIdle waits on the same lock
            thread = _thread;
        }
        if (thread is not null && thread != Thread.CurrentThread)
            thread.Join(timeout);
    }

    /// <summary>Returns once every report queued before the call has run (for tests; not from a report).</summary>
    internal void WaitUntilIdle()
    {
        lock (_lock)
        {
            while (_queue.Count > 0 || _delivering)
                Monitor.Wait(_lock, 10);
        }
    }

    private void Deliver()
    {
        while (true)
        {
            Action report;
            long dropped;
            lock (_lock)
            {
                _delivering = false;
                while (_queue.Count == 0 && !_completed)
                    Monitor.Wait(_lock);
                if (_queue.Count == 0)
                    return;
                report = _queue.Dequeue();
                dropped = _queue.Count == 0 ? _dropped : 0;
                _dropped -= dropped;
                _delivering = true;
            }
            Run(report);
            if (dropped > 0 && _reportDropped is { } reportDropped)
                Run(() => reportDropped(dropped));
        }
    }

    private static void Run(Action report)
    {
        try
        {
            report();
        }
#pragma warning disable CA1031 // User code (a callback, a log provider, a meter listener) may throw anything; the writer is unaffected either way.
        catch
#pragma warning restore CA1031
        {
        }
    }
}
