using EventDb.FaultTests;
using Xunit.Abstractions;

namespace EventDb.PowerLossTests;

/// <summary>
/// Cuts while the schema changes: while Open adds a column a newer version of an event type declares
/// (<c>ALTER TABLE ... ADD COLUMN</c>), and while tables are created (Open's in a new file, and a type's table created by
/// its first event while the producers write).
/// </summary>
public sealed class SchemaCutTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Durability.Normal)]
    [InlineData(Durability.Full)]
    public void Evolution_KilledWhileOpenAddsAColumn_FileKeepsItsEventsAndOpensAgain(Durability durability)
    {
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, durability, producers: 1) { Notes = true };
        run.RunRounds(
            round => round % 3 == 0
                ? new RoundPlan(_ => { }, "", Extra: ["--events", "3000"]) // the file as the last version left it
                : round % 3 == 1
                    ? new RoundPlan(WriterRun.KillAtTheCall(TimeSpan.FromSeconds(30)), "", new KillPoint("fsync", Random.Shared.Next(1, 7)))
                    : KillSoonAfterStart(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 400))),
            beforeRound: round =>
            {
                if (round % 3 != 0)
                    DropCommentColumn(run.DbPath);
            });
    }

    [Theory]
    [InlineData(Durability.Normal)]
    [InlineData(Durability.Full)]
    public void TableCreation_KilledWhileTablesAreCreated_FileKeepsItsEventsAndOpensAgain(Durability durability)
    {
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, durability, producers: 2) { NewTables = true };
        run.RunRounds(round => round % 3 == 0
            // A new file: Open switches it to WAL and creates Penguin's tables, syncing as it goes.
            ? new RoundPlan(WriterRun.KillAtTheCall(TimeSpan.FromSeconds(30)), "", new KillPoint("fsync", Random.Shared.Next(1, 7)))
            : WriterRun.KillWhileWriting(TimeSpan.FromMilliseconds(1_000)));
    }

    /// <summary>The file as a version of the type without <c>Comment</c> left it (the column gone), so the next Open adds it.</summary>
    private static void DropCommentColumn(string dbPath)
    {
        using var db = RawDb.Open(dbPath);
        if (db.Rows("SELECT name FROM pragma_table_info('power_note') WHERE name = 'comment'").Count > 0)
            db.Exec("ALTER TABLE power_note DROP COLUMN comment");
    }

    private static RoundPlan KillSoonAfterStart(TimeSpan delay) => new(child =>
    {
        if (child.WaitFor(r => r.Pid != 0, TimeSpan.FromSeconds(60)))
        {
            Thread.Sleep(delay);
            child.Kill();
        }
    }, $"SIGKILL {delay.TotalMilliseconds} ms after the child started (opening)");
}
