using BenchmarkDotNet.Attributes;
using Dapper;
using EventDb.Penguin;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventDb.Benchmarks;

/// <summary>
/// Reading every syscall of a workload file into <see cref="Syscall"/> structs: EventDb's <see cref="EventFile.Read{T}"/>
/// against a hand-written SQLitePCLRaw loop building the same structs from the same SELECT (the baseline) and against
/// Microsoft.Data.Sqlite with Dapper, unbuffered. Allocations are measured: EventDb's beyond the hand-written loop's
/// (which allocates the rows' strings and nothing else) must be none per row.
/// </summary>
[Config(typeof(BenchConfigs.Read))]
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private string _directory = "";
    private string _path = "";

    /// <summary>Workload events in the file (about 90% of them syscalls).</summary>
    [Params(200_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("read");
        _path = Path.Combine(_directory, "bench.db");
        Workload.WriteWithEventDb(_directory, N);
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => Workload.DeleteScratch(_directory);

    [Benchmark(Baseline = true)]
    public long HandWritten() => HandWrittenReader.ReadSyscalls(_path);

    [Benchmark]
    public long EventDb()
    {
        using var file = EventFile.OpenRead(_path);
        long checksum = 0;
        foreach (var syscall in file.Read<Syscall>())
            checksum += Checksum(in syscall);
        return checksum;
    }

    [Benchmark]
    public long Dapper()
    {
        using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly");
        long checksum = 0;
        foreach (var row in connection.Query<SyscallRow>(HandWrittenReader.Select, buffered: false))
            checksum += Checksum(row.ToSyscall());
        return checksum;
    }

    public static long Checksum(in Syscall s) =>
        s.Name.Length + (s.Procname?.Length ?? 0) + s.ProcId + (s.Retno ?? 0) + (long)(s.Arg0 ?? 0) + (s.Arg5Repr?.Length ?? 0);

    /// <summary>What a Dapper user maps the SELECT to: a class with a settable property per column, ulongs as their stored long.</summary>
    public sealed class SyscallRow
    {
        public long Id { get; set; }
        public string? Procname { get; set; }
        public long ProcId { get; set; }
        public string Name { get; set; } = "";
        public long? Retno { get; set; }
        public string? RetnoRepr { get; set; }
        public long? Arg0 { get; set; }
        public string? Arg0Repr { get; set; }
        public long? Arg1 { get; set; }
        public string? Arg1Repr { get; set; }
        public long? Arg2 { get; set; }
        public string? Arg2Repr { get; set; }
        public long? Arg3 { get; set; }
        public string? Arg3Repr { get; set; }
        public long? Arg4 { get; set; }
        public string? Arg4Repr { get; set; }
        public long? Arg5 { get; set; }
        public string? Arg5Repr { get; set; }

        public Syscall ToSyscall() => new()
        {
            Procname = Procname, ProcId = ProcId, Name = Name, Retno = Retno, RetnoRepr = RetnoRepr,
            Arg0 = (ulong?)Arg0, Arg0Repr = Arg0Repr, Arg1 = (ulong?)Arg1, Arg1Repr = Arg1Repr, Arg2 = (ulong?)Arg2, Arg2Repr = Arg2Repr,
            Arg3 = (ulong?)Arg3, Arg3Repr = Arg3Repr, Arg4 = (ulong?)Arg4, Arg4Repr = Arg4Repr, Arg5 = (ulong?)Arg5, Arg5Repr = Arg5Repr,
        };
    }
}

/// <summary>The baseline: SQLitePCLRaw by hand, the same SELECT, one struct per row, a string per text column.</summary>
public static class HandWrittenReader
{
    public const string Select =
        "SELECT syscall.id, event.procname, event.proc_id, syscall.name, syscall.retno, syscall.retno_repr, " +
        "syscall.arg0, syscall.arg0_repr, syscall.arg1, syscall.arg1_repr, syscall.arg2, syscall.arg2_repr, " +
        "syscall.arg3, syscall.arg3_repr, syscall.arg4, syscall.arg4_repr, syscall.arg5, syscall.arg5_repr " +
        "FROM syscall JOIN event ON event.id = syscall.id ORDER BY syscall.id";

    public static long ReadSyscalls(string path)
    {
        Batteries_V2.Init();
        Check(raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY, null), "open");
        using (db)
        {
            Check(raw.sqlite3_prepare_v2(db, Select, out var statement), "prepare");
            using (statement)
            {
                long checksum = 0;
                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                    var syscall = new Syscall
                    {
                        Procname = Text(statement, 1),
                        ProcId = raw.sqlite3_column_int64(statement, 2),
                        Name = Text(statement, 3)!,
                        Retno = Long(statement, 4),
                        RetnoRepr = Text(statement, 5),
                        Arg0 = (ulong?)Long(statement, 6),
                        Arg0Repr = Text(statement, 7),
                        Arg1 = (ulong?)Long(statement, 8),
                        Arg1Repr = Text(statement, 9),
                        Arg2 = (ulong?)Long(statement, 10),
                        Arg2Repr = Text(statement, 11),
                        Arg3 = (ulong?)Long(statement, 12),
                        Arg3Repr = Text(statement, 13),
                        Arg4 = (ulong?)Long(statement, 14),
                        Arg4Repr = Text(statement, 15),
                        Arg5 = (ulong?)Long(statement, 16),
                        Arg5Repr = Text(statement, 17),
                    };
                    checksum += ReadBenchmarks.Checksum(in syscall);
                }
                return checksum;
            }
        }
    }

    private static string? Text(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();

    private static long? Long(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(statement, column);

    private static void Check(int rc, string what)
    {
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"{what} failed: SQLite code {rc}");
    }
}
