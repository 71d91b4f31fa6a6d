using EventDb.Penguin;
using Microsoft.Data.Sqlite;

namespace EventDb.Benchmarks;

/// <summary>
/// What most .NET users would write: Microsoft.Data.Sqlite, one prepared <see cref="SqliteCommand"/> per INSERT with
/// its <see cref="SqliteParameter"/>s created once and their values set per row, a transaction per 100,000 events.
/// Same pragmas and DDL as every contender; pooling off so closing the connection closes the file, as the others do.
/// </summary>
public static class MicrosoftDataSqliteWriter
{
    /// <summary>Writes the first <paramref name="events"/> workload events into a new file at <paramref name="path"/>, committed and closed.</summary>
    public static void Run(string path, long events)
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        foreach (var sql in Workload.Pragmas.Concat(Workload.CreateTableStatements()))
        {
            using var ddl = connection.CreateCommand();
            ddl.CommandText = sql;
            ddl.ExecuteNonQuery();
        }

        using var syscallBase = new Insert(connection, "INSERT INTO event (id, type, procname, proc_id) VALUES ($id, 'syscall', $p1, $p2)", SqliteType.Text, SqliteType.Integer);
        using var readBase = new Insert(connection, "INSERT INTO event (id, type, procname, proc_id) VALUES ($id, 'read', $p1, $p2)", SqliteType.Text, SqliteType.Integer);
        using var writeBase = new Insert(connection, "INSERT INTO event (id, type, procname, proc_id) VALUES ($id, 'write', $p1, $p2)", SqliteType.Text, SqliteType.Integer);
        using var syscall = new Insert(connection,
            "INSERT INTO syscall (id, name, retno, retno_repr, arg0, arg0_repr, arg1, arg1_repr, arg2, arg2_repr, arg3, arg3_repr, arg4, arg4_repr, arg5, arg5_repr) " +
            "VALUES ($id, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15)",
            SqliteType.Text, SqliteType.Integer, SqliteType.Text,
            SqliteType.Integer, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Integer, SqliteType.Text,
            SqliteType.Integer, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Integer, SqliteType.Text);
        using var read = new Insert(connection, "INSERT INTO read (id, fd, fname, buffer) VALUES ($id, $p1, $p2, $p3)", SqliteType.Integer, SqliteType.Text, SqliteType.Blob);
        using var write = new Insert(connection, "INSERT INTO write (id, fd, fname, buffer) VALUES ($id, $p1, $p2, $p3)", SqliteType.Integer, SqliteType.Text, SqliteType.Blob);
        Insert[] all = [syscallBase, readBase, writeBase, syscall, read, write];

        var trace = Workload.Trace;
        var pool = new Workload.PoolIndices(0);
        for (long start = 0; start < events; start += Workload.EventsPerTransaction)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var insert in all)
                insert.Command.Transaction = transaction;
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
                        syscallBase.Execute(id, e.Procname ?? "[?]", e.ProcId);
                        var p = syscall.Parameters;
                        p[0].Value = id;
                        p[1].Value = e.Name;
                        p[2].Value = Value(e.Retno);
                        p[3].Value = Value(e.RetnoRepr);
                        p[4].Value = Value(e.Arg0);
                        p[5].Value = Value(e.Arg0Repr);
                        p[6].Value = Value(e.Arg1);
                        p[7].Value = Value(e.Arg1Repr);
                        p[8].Value = Value(e.Arg2);
                        p[9].Value = Value(e.Arg2Repr);
                        p[10].Value = Value(e.Arg3);
                        p[11].Value = Value(e.Arg3Repr);
                        p[12].Value = Value(e.Arg4);
                        p[13].Value = Value(e.Arg4Repr);
                        p[14].Value = Value(e.Arg5);
                        p[15].Value = Value(e.Arg5Repr);
                        syscall.Command.ExecuteNonQuery();
                        break;
                    }
                    case PenguinTrace.Kind.Read:
                    {
                        ref readonly var e = ref trace.ReadAt(i);
                        readBase.Execute(id, e.Procname ?? "[?]", e.ProcId);
                        read.Execute(id, e.Fd, e.Fname, Value(e.Buffer));
                        break;
                    }
                    default:
                    {
                        ref readonly var e = ref trace.WriteAt(i);
                        writeBase.Execute(id, e.Procname ?? "[?]", e.ProcId);
                        write.Execute(id, e.Fd, Value(e.Fname), Value(e.Buffer));
                        break;
                    }
                }
            }
            transaction.Commit();
        }
    }

    private static object Value(long? value) => value is { } v ? v : DBNull.Value;

    // Penguin stores integers above INT64_MAX two's-complement wrapped.
    private static object Value(ulong? value) => value is { } v ? unchecked((long)v) : DBNull.Value;

    private static object Value(string? value) => value is null ? DBNull.Value : value;

    private static object Value(byte[]? value) => value is null ? DBNull.Value : value;

    /// <summary>One prepared INSERT with its parameters, <c>$id</c> first, then <c>$p1</c>...</summary>
    private sealed class Insert : IDisposable
    {
        public Insert(SqliteConnection connection, string sql, params SqliteType[] types)
        {
            Command = connection.CreateCommand();
            Command.CommandText = sql;
            Parameters = new SqliteParameter[types.Length + 1];
            Parameters[0] = Command.Parameters.Add("$id", SqliteType.Integer);
            for (int p = 0; p < types.Length; p++)
                Parameters[p + 1] = Command.Parameters.Add($"$p{p + 1}", types[p]);
            Command.Prepare();
        }

        public SqliteCommand Command { get; }

        public SqliteParameter[] Parameters { get; }

        public void Execute(long id, object a, object b)
        {
            Parameters[0].Value = id;
            Parameters[1].Value = a;
            Parameters[2].Value = b;
            Command.ExecuteNonQuery();
        }

        public void Execute(long id, object a, object b, object c)
        {
            Parameters[0].Value = id;
            Parameters[1].Value = a;
            Parameters[2].Value = b;
            Parameters[3].Value = c;
            Command.ExecuteNonQuery();
        }

        public void Dispose() => Command.Dispose();
    }
}
