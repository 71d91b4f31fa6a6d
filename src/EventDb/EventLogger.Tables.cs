namespace EventDb;

// Tables of event types first seen at Add: created by the writer thread on its own connection, between flushes, while
// the producer waits (bounded by OpenTimeout). The writer's connection is the only one that writes the file.
public sealed partial class EventLogger
{
    private readonly List<TableRequest> _tableRequests = [];
    private bool _tableRequestsClosed; // under _tableRequests: the writer has stopped and serves none

    /// <summary>A table a producer's first event of a new type needs, created by the writer on its own connection.</summary>
    private sealed class TableRequest(EventTableSchema table)
    {
        public EventTableSchema Table { get; } = table;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Creates or checks <paramref name="table"/> (once per logger) before its first event is added: on the writer's
    /// connection, between flushes, waiting at most <see cref="EventLoggerOptions.OpenTimeout"/>.
    /// </summary>
    private void EnsureTable(EventTableSchema table)
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
        WakeWriter();
        try
        {
            if (!request.Completion.Task.Wait(_options.OpenTimeout))
                throw new EventDbException($"Creating table '{table.Name}' in '{FilePath}' took longer than the open timeout ({_options.OpenTimeout.TotalSeconds:0.###} s): the writer is busy or the file is locked.");
        }
        catch (AggregateException ex) when (ex.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
        }
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
