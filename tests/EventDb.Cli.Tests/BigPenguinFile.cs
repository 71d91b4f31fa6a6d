namespace EventDb.Cli.Tests;

/// <summary>
/// A plugins.db by plain SQL, as Penguin's logger leaves it, with <see cref="Rows"/> rows of each kind (syscalls, reads,
/// writes with distinct descriptors, execs, each from its own process name): far more output than a pipe holds, so a
/// reader that stops early is noticed by a write. The last four events are an exec, a read, a write and a syscall of
/// process <c>last</c>: the rows <c>--follow</c> prints first, one for each command.
/// </summary>
public sealed class BigPenguinFile : IDisposable
{
    public const int Rows = 20_000;

    private readonly TempDirectory _dir = new();

    public BigPenguinFile()
    {
        using var db = SqlFile.Penguin(_dir.DbPath);
        db.Exec($$"""
            BEGIN;
            CREATE TEMP TABLE n AS WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < {{Rows}}) SELECT k FROM n;
            INSERT INTO event SELECT k, 'syscall', 'process-number-' || k, 0 FROM n;
            INSERT INTO syscall (id, name, retno, retno_repr) SELECT k, 'sys_getpid', k, 'ok' FROM n;
            INSERT INTO event SELECT {{Rows}} + k, 'read', 'process-number-' || k, 0 FROM n;
            INSERT INTO read SELECT {{Rows}} + k, k, '/etc/passwd', x'41' FROM n;
            INSERT INTO event SELECT {{2 * Rows}} + k, 'write', 'process-number-' || k, 0 FROM n;
            INSERT INTO write SELECT {{2 * Rows}} + k, k, '/dev/ttyS0', x'42' FROM n;
            INSERT INTO event SELECT {{3 * Rows}} + k, 'exec', 'process-number-' || k, 0 FROM n;
            INSERT INTO exec SELECT {{3 * Rows}} + k, 'init', '1', '[''/bin/x'', ''' || k || ''']', '{}', 0, 0 FROM n;
            COMMIT;
            """);
        long last = 4L * Rows;
        db.Exec(last + 1, "last", "init", "['/bin/last']")
            .Read(last + 2, "last", 3, "/etc/last", [0x43])
            .Write(last + 3, "last", 4, "/dev/last", [0x44])
            .Syscall(last + 4, "last", "sys_last", 0, "ok");
    }

    public string Results => _dir.Path;

    public string DbPath => _dir.DbPath;

    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}
