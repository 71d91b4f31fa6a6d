using System.Diagnostics;
using System.Globalization;
using EventDb.Penguin;
using SQLitePCL;

namespace EventDb.Demo;

/// <summary>
/// <c>--soak SECONDS</c>: producers in bursts, random <see cref="EventLogger.Flush"/> calls racing with them and with
/// disposal, close-and-reopen cycles, and a reader polling <c>count(*)</c> throughout. Then every event added must be
/// in the file exactly once, the file must pass <c>integrity_check</c>, and every event row must have its child row.
/// </summary>
/// <remarks>
/// Each event carries a unique key in one of its columns (<c>syscall.arg5</c>, <c>read.fd</c>, <c>write.fd</c>,
/// <c>exec.euid</c>, <c>proc_start.pid</c>, <c>proc_exit.pid</c>), so "exactly once" is checked per event, not only by
/// count. A file that already exists is appended to: keys continue after its largest.
/// </remarks>
internal static class Soak
{
    private const string FileName = "soak.db";

    private const string KeysSql = """
        SELECT arg5 AS k FROM syscall UNION ALL SELECT fd FROM read UNION ALL SELECT fd FROM write
        UNION ALL SELECT euid FROM exec UNION ALL SELECT pid FROM proc_start UNION ALL SELECT pid FROM proc_exit
        """;

    public static int Run(DemoOptions options, long seconds)
    {
        int seed = Environment.TickCount;
        var problems = new List<string>();
        var trace = new PenguinTrace(seed: 42);
        var loggerOptions = new EventLoggerOptions
        {
            Directory = options.OutputDirectory,
            FileName = FileName,
            Tables = PenguinTables.All,
            BufferSize = 20_000,
            FlushInterval = TimeSpan.FromMilliseconds(250),
        };

        // Create the tables, and find where an earlier soak into this file left off.
        long baselineRows, baselineKey;
        EventLogger.Open(loggerOptions).Dispose();
        using (var db = OpenRaw(loggerOptions.FilePath, readOnly: true))
        {
            baselineRows = QueryInt64(db, "SELECT count(*) FROM event");
            baselineKey = QueryInt64(db, $"SELECT coalesce(max(k), 0) FROM ({KeysSql})");
        }

        var reader = new Reader(loggerOptions.FilePath);
        var readerThread = new Thread(reader.Run) { Name = "soak reader", IsBackground = true };
        readerThread.Start();

        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        long nextKey = baselineKey, added = 0, written = 0, flushCalls = 0, busyRetries = 0;
        int cycles = 0;
        var random = new Random(seed);
        while (stopwatch.Elapsed < deadline)
        {
            cycles++;
            var cycleLength = TimeSpan.FromMilliseconds(random.Next(1_000, 5_000));
            var cycleEnd = stopwatch.Elapsed + cycleLength;
            var logger = EventLogger.Open(loggerOptions);
            var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var producers = new Thread[options.Producers];
            for (int p = 0; p < producers.Length; p++)
            {
                int producerSeed = random.Next();
                producers[p] = new Thread(() =>
                {
                    var rng = new Random(producerSeed);
                    try
                    {
                        while (stopwatch.Elapsed < cycleEnd)
                        {
                            // A burst, then a pause: the writer sees idle stretches and floods both. About 10,000
                            // events/s per producer: the soak is about churn, not volume (the file stays small enough
                            // to verify in seconds).
                            int burst = rng.Next(1, 300);
                            for (int i = 0; i < burst; i++)
                            {
                                long key = Interlocked.Increment(ref nextKey);
                                AddKeyed(logger, trace, key);
                            }
                            Thread.Sleep(rng.Next(1, 30));
                        }
                    }
#pragma warning disable CA1031 // Any failure is a soak finding: collected and reported.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        failures.Enqueue($"producer: {ex.GetType().Name}: {ex.Message}");
                    }
                }) { Name = $"soak producer {p}" };
            }

            // Flushes at random moments, racing with the producers and, at the end of the cycle, with disposal.
            var flusherSeed = random.Next();
            var flusher = new Thread(() =>
            {
                var rng = new Random(flusherSeed);
                while (true)
                {
                    Thread.Sleep(rng.Next(0, 200));
                    try
                    {
                        logger.Flush();
                        Interlocked.Increment(ref flushCalls);
                    }
                    catch (ObjectDisposedException)
                    {
                        return; // the cycle closed the logger
                    }
#pragma warning disable CA1031 // Any other failure is a soak finding.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        failures.Enqueue($"Flush(): {ex.GetType().Name}: {ex.Message}");
                        return;
                    }
                }
            }) { Name = "soak flusher" };

            foreach (var producer in producers)
                producer.Start();
            flusher.Start();
            foreach (var producer in producers)
                producer.Join();
            try
            {
                // Alternate the two ways of closing.
                if (cycles % 2 == 0)
                    logger.Dispose();
                else
                    logger.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (EventDbException ex)
            {
                failures.Enqueue($"dispose: {ex.GetType().Name}: {ex.Message}");
            }
            flusher.Join();

            added += logger.AddedEvents;
            written += logger.WrittenEvents;
            busyRetries += logger.BusyRetries;
            if (logger.WrittenEvents != logger.AddedEvents)
                failures.Enqueue($"the logger wrote {logger.WrittenEvents:N0} of the {logger.AddedEvents:N0} events it accepted");
            if (logger.DroppedEvents != 0 || logger.FailedFlushes != 0)
                failures.Enqueue($"{logger.DroppedEvents} dropped events and {logger.FailedFlushes} failed flushes");
            problems.AddRange(failures.Select(f => $"cycle {cycles}: {f}"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cycle {cycles,3}: {logger.AddedEvents,10:N0} events in {cycleLength.TotalSeconds:F1} s; total {added:N0}; reader saw {reader.Last:N0} rows"));
        }

        reader.Stop();
        readerThread.Join();
        double elapsed = stopwatch.Elapsed.TotalSeconds;
        problems.AddRange(reader.Problems);
        if (added != nextKey - baselineKey)
            problems.Add($"{nextKey - baselineKey:N0} keys were handed out but the loggers counted {added:N0} events added");

        // The file itself: every key once, nothing else, and sound.
        using (var db = OpenRaw(loggerOptions.FilePath, readOnly: true))
        {
            long rows = QueryInt64(db, "SELECT count(*) FROM event");
            if (reader.Last != rows)
                problems.Add($"the reader's last count(*) was {reader.Last:N0}, after the last close the file has {rows:N0}");
            if (rows != baselineRows + added)
                problems.Add($"the file has {rows - baselineRows:N0} new event rows, but {added:N0} events were added");
            string keys = string.Join(" ", QueryRow(db,
                $"SELECT count(*), count(DISTINCT k), coalesce(min(k), 0), coalesce(max(k), 0) FROM ({KeysSql}) WHERE k > {baselineKey}"));
            string expected = string.Create(CultureInfo.InvariantCulture,
                $"{added} {added} {(added > 0 ? baselineKey + 1 : 0)} {(added > 0 ? baselineKey + added : 0)}");
            if (keys != expected)
                problems.Add($"keys in the file (count, distinct, min, max) are '{keys}', expected '{expected}': some event is missing or doubled");
        }
        problems.AddRange(DemoVerifier.Verify(loggerOptions.FilePath));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {elapsed:F1} s, {cycles} open/close cycles, {options.Producers} producer(s), seed {seed}: {added:N0} events added, {written:N0} written, {flushCalls:N0} random Flush() calls, {busyRetries:N0} busy retries."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Soak reader: {reader.Polls:N0} polls of count(*), final count {reader.Last:N0}, {reader.Regressions} decreases, {reader.Errors} errors (SQLITE_BUSY among them: {reader.Busy})."));
        foreach (var problem in problems)
            Console.Error.WriteLine($"soak: {problem}");
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"Soak FAILED with {problems.Count} problem(s); the file is {loggerOptions.FilePath}.");
            return 1;
        }
        Console.WriteLine($"Soak ok: every event once, integrity_check ok, every event row has exactly one child row; {loggerOptions.FilePath} is {new FileInfo(loggerOptions.FilePath).Length / 1048576.0:F1} MiB.");
        return 0;
    }

    /// <summary>Adds the trace event at <paramref name="key"/>, with the key in its identifying column.</summary>
    private static void AddKeyed(EventLogger logger, PenguinTrace trace, long key)
    {
        switch (trace.KindAt(key))
        {
            case PenguinTrace.Kind.Syscall:
                logger.Add(trace.SyscallAt(key) with { Arg5 = (ulong)key });
                break;
            case PenguinTrace.Kind.Read:
                logger.Add(trace.ReadAt(key) with { Fd = key });
                break;
            case PenguinTrace.Kind.Write:
                logger.Add(trace.WriteAt(key) with { Fd = key });
                break;
            case PenguinTrace.Kind.Exec:
                logger.Add(new Exec { Calltree = "soak", Argc = "1", Argv = "['/bin/soak']", Envp = "[]", Euid = key, Procname = "soak" });
                break;
            case PenguinTrace.Kind.ProcStart:
                logger.Add(new ProcStart { Pid = key, Ppid = 1, Comm = "soak", Procname = "soak" });
                break;
            default:
                logger.Add(new ProcExit { Pid = key, Reason = "exit_group", Procname = "soak" });
                break;
        }
    }

    /// <summary>Polls <c>SELECT count(*) FROM event</c> on its own read-only connection, waiting for locks as EventFile does.</summary>
    private sealed class Reader(string path)
    {
        private volatile bool _stop;

        public List<string> Problems { get; } = [];

        public long Polls { get; private set; }

        public long Last { get; private set; }

        public long Regressions { get; private set; }

        public long Errors { get; private set; }

        public long Busy { get; private set; }

        public void Stop() => _stop = true;

        public void Run()
        {
            using var db = OpenRaw(path, readOnly: true);
            // In WAL mode a reader never waits, but opening and sealing the file (each cycle) take it alone for a moment:
            // the reader waits for that as EventFile does, so a BUSY here means a lock held far too long.
            raw.sqlite3_busy_timeout(db, 5000);
            if (raw.sqlite3_prepare_v2(db, "SELECT count(*) FROM event", out var statement) != raw.SQLITE_OK)
            {
                Problems.Add($"reader: cannot prepare: {raw.sqlite3_errmsg(db).utf8_to_string()}");
                return;
            }
            using (statement)
            {
                while (true)
                {
                    // One more poll after the stop: it must see every event of the last cycle.
                    bool final = _stop;
                    int rc = raw.sqlite3_step(statement);
                    if (rc == raw.SQLITE_ROW)
                    {
                        long count = raw.sqlite3_column_int64(statement, 0);
                        if (count < Last)
                        {
                            Regressions++;
                            if (Problems.Count < 10)
                                Problems.Add($"reader: count(*) went down from {Last:N0} to {count:N0}");
                        }
                        Last = count;
                    }
                    else
                    {
                        Errors++;
                        if ((rc & 0xFF) == raw.SQLITE_BUSY)
                            Busy++;
                        if (Problems.Count < 10)
                            Problems.Add($"reader: count(*) failed with {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
                    }
                    raw.sqlite3_reset(statement);
                    Polls++;
                    if (final)
                        return;
                    Thread.Sleep(1);
                }
            }
        }
    }

    private static sqlite3 OpenRaw(string path, bool readOnly)
    {
        Batteries_V2.Init();
        int rc = raw.sqlite3_open_v2(path, out var db, readOnly ? raw.SQLITE_OPEN_READONLY : raw.SQLITE_OPEN_READWRITE, null);
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"cannot open {path}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        return db;
    }

    private static long QueryInt64(sqlite3 db, string sql) =>
        long.Parse(QueryRow(db, sql)[0], CultureInfo.InvariantCulture);

    private static string[] QueryRow(sqlite3 db, string sql)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out var statement) != raw.SQLITE_OK)
            throw new InvalidOperationException($"'{sql}': {raw.sqlite3_errmsg(db).utf8_to_string()}");
        using (statement)
        {
            if (raw.sqlite3_step(statement) != raw.SQLITE_ROW)
                throw new InvalidOperationException($"'{sql}': {raw.sqlite3_errmsg(db).utf8_to_string()}");
            var row = new string[raw.sqlite3_column_count(statement)];
            for (int i = 0; i < row.Length; i++)
                row[i] = raw.sqlite3_column_text(statement, i).utf8_to_string();
            return row;
        }
    }
}
