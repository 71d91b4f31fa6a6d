using EventDb.Penguin;
using SQLitePCL;

namespace EventDb.Benchmarks;

/// <summary>
/// The baseline a strong .NET engineer writes by hand with the SQLitePCLRaw raw API: one connection, the six INSERTs
/// prepared once and reused, <c>sqlite3_bind_int64</c> / <c>sqlite3_bind_text(stmt, i, string)</c> /
/// <c>sqlite3_bind_blob(stmt, i, span)</c> / <c>sqlite3_bind_null</c>, step, reset, explicit ids, and
/// <c>BEGIN IMMEDIATE ... COMMIT</c> per 100,000 events. Same pragmas and DDL as every contender; nothing tuned beyond that.
/// </summary>
public static class RawSqliteWriter
{
    private const string SyscallBase = "INSERT INTO event (id, type, procname, proc_id) VALUES (?, 'syscall', ?, ?)";
    private const string ReadBase = "INSERT INTO event (id, type, procname, proc_id) VALUES (?, 'read', ?, ?)";
    private const string WriteBase = "INSERT INTO event (id, type, procname, proc_id) VALUES (?, 'write', ?, ?)";
    private const string SyscallChild =
        "INSERT INTO syscall (id, name, retno, retno_repr, arg0, arg0_repr, arg1, arg1_repr, arg2, arg2_repr, arg3, arg3_repr, arg4, arg4_repr, arg5, arg5_repr) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private const string ReadChild = "INSERT INTO read (id, fd, fname, buffer) VALUES (?, ?, ?, ?)";
    private const string WriteChild = "INSERT INTO write (id, fd, fname, buffer) VALUES (?, ?, ?, ?)";

    /// <summary>Writes the first <paramref name="events"/> workload events into a new file at <paramref name="path"/>, committed and closed.</summary>
    public static void Run(string path, long events)
    {
        Batteries_V2.Init();
        Check(raw.sqlite3_open(path, out var db), db);
        using (db)
        {
            foreach (var pragma in Workload.Pragmas)
                Check(raw.sqlite3_exec(db, pragma), db);
            foreach (var ddl in Workload.CreateTableStatements())
                Check(raw.sqlite3_exec(db, ddl), db);

            using var syscallBase = Prepare(db, SyscallBase);
            using var readBase = Prepare(db, ReadBase);
            using var writeBase = Prepare(db, WriteBase);
            using var syscall = Prepare(db, SyscallChild);
            using var read = Prepare(db, ReadChild);
            using var write = Prepare(db, WriteChild);

            var trace = Workload.Trace;
            var pool = new Workload.PoolIndices(0);
            for (long start = 0; start < events; start += Workload.EventsPerTransaction)
            {
                Check(raw.sqlite3_exec(db, "BEGIN IMMEDIATE"), db);
                long end = Math.Min(events, start + Workload.EventsPerTransaction);
                for (long n = start; n < end; n++)
                {
                    long id = n + 1;
                    int i = pool.Next();
                    switch (trace.KindAt(i))
                    {
                        case PenguinTrace.Kind.Syscall:
                        {
                            ref readonly var e = ref trace.SyscallAt(i);
                            InsertBase(db, syscallBase, id, e.Procname, e.ProcId);
                            raw.sqlite3_bind_int64(syscall, 1, id);
                            raw.sqlite3_bind_text(syscall, 2, e.Name);
                            BindInt64(syscall, 3, e.Retno);
                            BindText(syscall, 4, e.RetnoRepr);
                            BindUInt64(syscall, 5, e.Arg0);
                            BindText(syscall, 6, e.Arg0Repr);
                            BindUInt64(syscall, 7, e.Arg1);
                            BindText(syscall, 8, e.Arg1Repr);
                            BindUInt64(syscall, 9, e.Arg2);
                            BindText(syscall, 10, e.Arg2Repr);
                            BindUInt64(syscall, 11, e.Arg3);
                            BindText(syscall, 12, e.Arg3Repr);
                            BindUInt64(syscall, 13, e.Arg4);
                            BindText(syscall, 14, e.Arg4Repr);
                            BindUInt64(syscall, 15, e.Arg5);
                            BindText(syscall, 16, e.Arg5Repr);
                            Step(db, syscall);
                            break;
                        }
                        case PenguinTrace.Kind.Read:
                        {
                            ref readonly var e = ref trace.ReadAt(i);
                            InsertBase(db, readBase, id, e.Procname, e.ProcId);
                            raw.sqlite3_bind_int64(read, 1, id);
                            raw.sqlite3_bind_int64(read, 2, e.Fd);
                            raw.sqlite3_bind_text(read, 3, e.Fname);
                            BindBlob(read, 4, e.Buffer);
                            Step(db, read);
                            break;
                        }
                        default:
                        {
                            ref readonly var e = ref trace.WriteAt(i);
                            InsertBase(db, writeBase, id, e.Procname, e.ProcId);
                            raw.sqlite3_bind_int64(write, 1, id);
                            raw.sqlite3_bind_int64(write, 2, e.Fd);
                            BindText(write, 3, e.Fname);
                            BindBlob(write, 4, e.Buffer);
                            Step(db, write);
                            break;
                        }
                    }
                }
                Check(raw.sqlite3_exec(db, "COMMIT"), db);
            }
        }
    }

    private static void InsertBase(sqlite3 db, sqlite3_stmt statement, long id, string? procname, long procId)
    {
        raw.sqlite3_bind_int64(statement, 1, id);
        raw.sqlite3_bind_text(statement, 2, procname ?? "[?]");
        raw.sqlite3_bind_int64(statement, 3, procId);
        Step(db, statement);
    }

    private static void BindInt64(sqlite3_stmt statement, int index, long? value)
    {
        if (value is { } v)
            raw.sqlite3_bind_int64(statement, index, v);
        else
            raw.sqlite3_bind_null(statement, index);
    }

    // Penguin stores integers above INT64_MAX two's-complement wrapped.
    private static void BindUInt64(sqlite3_stmt statement, int index, ulong? value)
    {
        if (value is { } v)
            raw.sqlite3_bind_int64(statement, index, unchecked((long)v));
        else
            raw.sqlite3_bind_null(statement, index);
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
            raw.sqlite3_bind_null(statement, index);
        else
            raw.sqlite3_bind_text(statement, index, value);
    }

    // A null byte[] would bind as an empty BLOB, not NULL: nullable columns need sqlite3_bind_null.
    private static void BindBlob(sqlite3_stmt statement, int index, byte[]? value)
    {
        if (value is null)
            raw.sqlite3_bind_null(statement, index);
        else
            raw.sqlite3_bind_blob(statement, index, value);
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        int rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
            Check(rc, db);
        raw.sqlite3_reset(statement);
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        return statement;
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
    }
}
