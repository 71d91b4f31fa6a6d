namespace EventDb.FaultTests;

/// <summary>Each logger starts threads of its own beside its writer; they end with it, so none accumulate.</summary>
public sealed class LoggerThreadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("EventDb inserts")]
    [InlineData("EventDb checkpt")]
    public void Thread_EndsWithItsLogger(string name)
    {
        // A thread joined by an earlier test's Dispose can still be ending in the kernel: count once none is.
        int before = Eventually(name, count => count == 0, TimeSpan.FromSeconds(2));
        var loggers = new List<EventLogger>();
        for (int i = 0; i < 4; i++)
        {
            var log = EventLogger.Open(_dir.Options() with { FileName = $"run{i}.db" });
            log.Add(new Numbered { Producer = i, Seq = 0 });
            log.Flush();
            loggers.Add(log);
        }
        Assert.Equal(before + 4, Named(name));
        foreach (var log in loggers)
            log.Dispose();
        Assert.Equal(before, Eventually(name, count => count == before, TimeSpan.FromSeconds(2)));
    }

    /// <summary>
    /// The count of threads named <paramref name="name"/> once <paramref name="settled"/> holds, or after
    /// <paramref name="timeout"/>: Join returns when a thread's code has run, and the kernel drops its task a moment later.
    /// </summary>
    private static int Eventually(string name, Func<int, bool> settled, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int count;
        while (!settled(count = Named(name)) && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        return count;
    }

    /// <summary>This process's threads named <paramref name="name"/> (Linux shows a thread's name, up to 15 bytes, in /proc/self/task/N/comm).</summary>
    private static int Named(string name) =>
        Directory.GetDirectories("/proc/self/task").Count(task =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(task, "comm")).Trim() == name;
            }
            catch (IOException)
            {
                return false; // the thread ended while it was listed
            }
        });
}
