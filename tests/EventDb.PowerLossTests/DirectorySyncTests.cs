using Xunit.Abstractions;

namespace EventDb.PowerLossTests;

/// <summary>
/// The names a promise needs are synced into their directories before the promise is made. LazyFS cannot lose a name
/// (it passes directory operations through at once), so these read the order of the child's calls from its trace.
/// </summary>
public sealed class DirectorySyncTests(ITestOutputHelper output)
{
    [Fact]
    public void Open_InDirectoriesItCreates_SyncsEachNewNameBeforeItReturns()
    {
        using var mount = LazyFsMount.Create();
        var run = new WriterRun(mount, output, Durability.Full, producers: 1, directory: Path.Combine("new", "a", "b"));
        run.Round(new RoundPlan(_ => { }, "", Extra: ["--events", "5000"], AfterCut: trace =>
        {
            var opened = trace.Marker("OPENED");
            // Every directory Open created, and the file and its WAL, are in their parents for good before Open returns:
            // a Flush that returns after it promises events in a file a power cut cannot unname.
            var made = trace.Calls.Where(c => c.Name == "mkdir" && c.Succeeded).ToList();
            Assert.Equal([Path.Combine(mount.MountPoint, "new"), Path.Combine(mount.MountPoint, "new", "a"), run.Directory], made.Select(c => c.Path));
            foreach (var mkdir in made)
                DurableOrder.AssertSynced(trace, mkdir, Path.GetDirectoryName(mkdir.Path)!, opened, "a directory Open created");
            foreach (var file in new[] { run.DbPath, run.DbPath + "-wal" })
            {
                var created = trace.Calls.First(c => c.Name == "openat" && c.Succeeded && c.Paths.Contains(file) && c.Arguments.Contains("O_CREAT", StringComparison.Ordinal));
                DurableOrder.AssertSynced(trace, created, run.Directory, opened, $"{Path.GetFileName(file)}'s name");
            }
        }));
        FileReaders.AssertAllRead(run.DbPath, run.Survivors!);
    }
}
