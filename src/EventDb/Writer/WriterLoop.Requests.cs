namespace EventDb;

// What callers ask of the writer and wait for: a flush through an id (Flush, FlushAsync), and the table of an event
// type first seen at Add, created on the writer's connection between flushes while the producer waits (bounded by
// OpenTimeout): the writer's connection is the only one that writes the file.
internal sealed partial class WriterLoop
{
    private readonly List<FlushRequest> _flushRequests = [];
    private readonly List<TableRequest> _tableRequests = [];
    private bool _tableRequestsClosed; // under _tableRequests: the writer has stopped and serves none
    private readonly HashSet<EventTableSchema> _ensuredTables = [];

    private sealed class FlushRequest(long targetId)
    {
        public long TargetId { get; } = targetId;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A table a producer's first event of a new type needs, created by the writer on its own connection.</summary>
    private sealed class TableRequest(EventTableSchema table)
    {
        public EventTableSchema Table { get; } = table;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Throws why no more events are taken: the writer failed for good, or the logger is disposed.</summary>
    public void ThrowIfStopped()
    {
        if (Failure is { } failure)
            throw new EventDbException(failure.Message, failure);
        if (_sequence.IsDisposing)
            EventDbThrow.Disposed();
    }

    /// <summary>Makes the writer fail after its next COMMIT (for tests: nothing in the writer does that on its own).</summary>
    public void InjectFaultAfterCommit(Exception fault) => _writer.AfterCommit = () => throw fault;

    /// <summary>Completes once every event through <paramref name="targetId"/> is committed.</summary>
    public Task FlushThrough(long targetId, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _committedThroughId) >= targetId)
            return Task.CompletedTask;
        var request = new FlushRequest(targetId);
        lock (_flushRequests)
            _flushRequests.Add(request);
        _wake.Set();
        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    private bool HasFlushRequests
    {
        get
        {
            lock (_flushRequests)
                return _flushRequests.Count > 0;
        }
    }

    /// <summary>Completes the requests the commit covers (no lambda: after a commit nothing may fail to allocate).</summary>
    private void CompleteFlushRequests(long throughId)
    {
        lock (_flushRequests)
        {
            for (int i = _flushRequests.Count - 1; i >= 0; i--)
            {
                if (_flushRequests[i].TargetId > throughId)
                    continue;
                _flushRequests[i].Completion.TrySetResult();
                _flushRequests.RemoveAt(i);
            }
        }
    }

    private void FailFlushRequests(Exception error)
    {
        lock (_flushRequests)
        {
            foreach (var request in _flushRequests)
                request.Completion.TrySetException(error);
            _flushRequests.Clear();
        }
    }

    /// <summary>
    /// Creates or checks <paramref name="table"/> (once per logger) before its first event is added: on the writer's
    /// connection, between flushes, waiting at most <see cref="EventLoggerOptions.OpenTimeout"/>.
    /// </summary>
    public void EnsureTable(EventTableSchema table)
    {
        lock (_ensuredTables)
        {
            if (_ensuredTables.Contains(table))
                return;
        }
        var request = new TableRequest(table);
        lock (_tableRequests)
        {
            if (_tableRequestsClosed)
                ThrowIfStopped();
            _tableRequests.Add(request);
        }
        _wake.Set();
        try
        {
            if (!request.Completion.Task.Wait(_options.OpenTimeout))
                throw new EventDbException($"Creating table '{table.Name}' in '{_filePath}' took longer than the open timeout ({_options.OpenTimeout.TotalSeconds:0.###} s): the writer is busy or the file is locked.");
        }
        catch (AggregateException ex) when (ex.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
        }
        MarkEnsured(table);
    }

    private void MarkEnsured(EventTableSchema table)
    {
        lock (_ensuredTables)
        {
            _ensuredTables.Add(table);
            if (table.Base is { } baseTable)
                _ensuredTables.Add(baseTable);
        }
    }

    /// <summary>Serves the waiting table requests; writer thread only, between flushes.</summary>
    private void CreateRequestedTables()
    {
        TableRequest[] requests;
        lock (_tableRequests)
        {
            if (_tableRequests.Count == 0)
                return;
            requests = [.. _tableRequests];
            _tableRequests.Clear();
        }
        foreach (var request in requests)
        {
            try
            {
                _writer.Store.EnsureTables([request.Table]);
                request.Completion.TrySetResult();
            }
            catch (EventDbException ex)
            {
                request.Completion.TrySetException(ex);
            }
        }
    }

    private void FailTableRequests(Exception error)
    {
        lock (_tableRequests)
        {
            _tableRequestsClosed = true;
            foreach (var request in _tableRequests)
                request.Completion.TrySetException(error);
            _tableRequests.Clear();
        }
    }

    private bool HasTableRequests
    {
        get
        {
            lock (_tableRequests)
                return _tableRequests.Count > 0;
        }
    }
}
