using Microsoft.Data.Sqlite;

namespace EventDb.Report.Tests;

/// <summary>What the page should show, counted with plain SQL over the same file (Microsoft.Data.Sqlite, read-only).</summary>
internal sealed class SqlCounts : IDisposable
{
    // The first double-quoted string of a repr, in SQL: the path a lookup looked for.
    private static string FirstQuoted(string c) => $"substr({c}, instr({c}, '\"') + 1, instr(substr({c}, instr({c}, '\"') + 1), '\"') - 1)";

    private readonly SqliteConnection _connection;

    public SqlCounts(string directory, string fileName = "plugins.db")
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, fileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _connection.Open();
    }

    public long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<object?[]> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>(path, lookups) of failed path lookups (ENOENT, ENOTDIR) of the lookup syscalls the runs use, path from arg0 or arg1.</summary>
    public Dictionary<string, long> NotFound()
    {
        var path = $"coalesce(nullif({FirstQuoted("arg0_repr")}, ''), {FirstQuoted("arg1_repr")})";
        return Rows($"SELECT {path}, count(*) FROM syscall WHERE retno IN (-2, -20) AND name IN ('sys_open', 'sys_openat', 'sys_stat64', 'sys_access', 'sys_execve') GROUP BY 1")
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
    }

    public void Dispose() => _connection.Dispose();
}
