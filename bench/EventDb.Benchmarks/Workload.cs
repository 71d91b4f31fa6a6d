using EventDb;
using EventDb.Penguin;

namespace EventDb.Benchmarks;

/// <summary>
/// What every contender writes: the Penguin trace restricted to its syscall/read/write events (about 90% syscalls with
/// six arguments and their reprs, 10% reads and writes with 64-byte buffers), the same N events in the same order, a
/// base row plus a child row per event, one transaction per 100,000 events, WAL and synchronous=NORMAL, into a fresh
/// file each iteration.
/// </summary>
public static class Workload
{
    /// <summary>Events per transaction, for every contender (EventDb's BufferSize).</summary>
    public const int EventsPerTransaction = 100_000;

    /// <summary>The pragmas every contender runs on its connection.</summary>
    public static readonly string[] Pragmas = ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"];

    /// <summary>The trace pool, built once per process; producing an event costs no formatting.</summary>
    public static PenguinTrace Trace { get; } = new(seed: 42);

    /// <summary>
    /// Pool indices of the syscall/read/write events, in trace order. The pool's few exec/process events are left out
    /// for every contender alike, so the hand-written baselines need only three tables.
    /// </summary>
    public static int[] Indices { get; } = BuildIndices();

    /// <summary>Set by the host in <c>--ci</c> mode; child processes inherit it and pick the reduced jobs.</summary>
    public static bool CiMode => Environment.GetEnvironmentVariable("EVENTDB_BENCH_CI") == "1";

    /// <summary>
    /// The pool indices of the workload's events from the <c>start</c>-th on. A step is an increment, not a modulo:
    /// the three 64-bit divisions per event of the index arithmetic this replaced (~1.3 ns each) were reported by the
    /// producer benchmark as part of Add.
    /// </summary>
    public struct PoolIndices(long start)
    {
        private int _position = (int)(start % Indices.Length);

        /// <summary>The pool index of the next event.</summary>
        public int Next()
        {
            int index = Indices[_position];
            if (++_position == Indices.Length)
                _position = 0;
            return index;
        }
    }

    /// <summary>Adds events <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of the workload.</summary>
    public static void AddRange(EventLogger logger, long start, long count)
    {
        var trace = Trace;
        var pool = new PoolIndices(start);
        for (long n = 0; n < count; n++)
        {
            int i = pool.Next();
            switch (trace.KindAt(i))
            {
                case PenguinTrace.Kind.Syscall: logger.Add(in trace.SyscallAt(i)); break;
                case PenguinTrace.Kind.Read: logger.Add(in trace.ReadAt(i)); break;
                default: logger.Add(in trace.WriteAt(i)); break;
            }
        }
    }

    /// <summary>The EventDb contender: open, add the first <paramref name="events"/> events from this thread, dispose.</summary>
    public static long WriteWithEventDb(string directory, long events) => WriteWithEventDb(directory, events, out _);

    /// <summary>The EventDb contender, and the process's CPU time from the first Add to the end of Dispose.</summary>
    public static long WriteWithEventDb(string directory, long events, out long cpuNanoseconds)
    {
        var logger = EventLogger.Open(LoggerOptions(directory, "bench.db"));
        long start = ProcessCpu.Nanoseconds();
        AddRange(logger, 0, events);
        logger.Dispose();
        cpuNanoseconds = ProcessCpu.Nanoseconds() - start;
        return logger.WrittenEvents == events ? events : throw new InvalidOperationException($"EventDb wrote {logger.WrittenEvents} of {events} events.");
    }

    /// <summary>The options every EventDb contender opens with.</summary>
    public static EventLoggerOptions LoggerOptions(string directory, string fileName) => new()
    {
        Directory = directory,
        FileName = fileName,
        Tables = PenguinTables.All,
        BufferSize = EventsPerTransaction,
    };

    /// <summary>The DDL every contender runs: what EventDb creates for Penguin's tables.</summary>
    public static IEnumerable<string> CreateTableStatements()
    {
        foreach (var schema in PenguinTables.All)
        {
            if (schema.Base is { } b)
                yield return SqliteSql.CreateTable(b);
            yield return SqliteSql.CreateTable(schema);
        }
    }

    /// <summary>A scratch directory for this process's database files (outside the repository).</summary>
    public static string ScratchDirectory(string contender)
    {
        var dir = Path.Combine(Path.GetTempPath(), "eventdb-bench", $"{contender}-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Set by the host to its process id: the benchmark processes it starts share <see cref="SharedScratchDirectory"/>.</summary>
    public const string HostRunVariable = "EVENTDB_BENCH_HOST";

    /// <summary>True when the host deletes the shared scratch directories at its end (a process on its own deletes its own).</summary>
    public static bool SharedScratchIsHostOwned => Environment.GetEnvironmentVariable(HostRunVariable) is not null;

    /// <summary>
    /// A scratch directory shared by the benchmark processes of one host run (named with the host's process id, so a
    /// later run never reuses what an earlier one, or earlier code, built); without a host, this process's own.
    /// </summary>
    public static string SharedScratchDirectory(string name)
    {
        var owner = Environment.GetEnvironmentVariable(HostRunVariable) ?? Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), "eventdb-bench", $"shared-{owner}", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Deletes the shared scratch directories of the host run <paramref name="hostProcessId"/>.</summary>
    public static void DeleteSharedScratch(int hostProcessId) =>
        DeleteScratch(Path.Combine(Path.GetTempPath(), "eventdb-bench", $"shared-{hostProcessId}"));

    /// <summary>Deletes a database file and its WAL and shared-memory files, so the next iteration starts fresh.</summary>
    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(path + suffix);
    }

    /// <summary>Deletes a scratch directory and everything in it.</summary>
    public static void DeleteScratch(string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    /// <summary>The process's peak resident set (VmHWM from /proc/self/status) in bytes, or -1 where unavailable.</summary>
    /// <summary>Resets this process's peak resident set to its current one (Linux: /proc/self/clear_refs, "5").</summary>
    public static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // not Linux: the peak then includes the setup
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static long PeakWorkingSetBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64 > 0 ? self.PeakWorkingSet64 : -1;
    }

    private static int[] BuildIndices()
    {
        var indices = new List<int>(Trace.PoolSize);
        for (int i = 0; i < Trace.PoolSize; i++)
        {
            if (Trace.KindAt(i) is PenguinTrace.Kind.Syscall or PenguinTrace.Kind.Read or PenguinTrace.Kind.Write)
                indices.Add(i);
        }
        return [.. indices];
    }
}
