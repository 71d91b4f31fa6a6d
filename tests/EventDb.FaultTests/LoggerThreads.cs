namespace EventDb.FaultTests;

/// <summary>The threads a logger starts, counted by name (Linux shows the first 15 bytes of a thread's name in /proc/self/task/N/comm).</summary>
internal static class LoggerThreads
{
    public static int Named(string name) =>
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
