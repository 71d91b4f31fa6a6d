using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// Commits what the open loggers accepted when the process is asked to end, within each logger's
/// <see cref="EventLoggerOptions.ShutdownTimeout"/>, for loggers with <see cref="EventLoggerOptions.CommitOnExit"/>.
/// </summary>
/// <remarks>
/// <para>
/// SIGTERM, SIGINT and SIGHUP: .NET's default action ends the process at once, without <c>ProcessExit</c>, with the
/// queue still in memory. The handler freezes every logger (an <c>Add</c> from then on waits and is not accepted),
/// commits what was accepted, and returns with the loggers still frozen, leaving the default action to end the
/// process: nothing accepted is lost, and no <c>Add</c> can be accepted between the commit and the end. If another
/// handler cancels the signal (the application shuts down by itself, as the Generic Host does), the loggers are thawed
/// and go on. A second signal while the first commit runs returns at once: press Ctrl-C twice to end without waiting.
/// </para>
/// <para>
/// <c>AppDomain.ProcessExit</c> (Main returned, or <c>Environment.Exit</c>): every logger is frozen for good, then
/// disposed, so background threads still adding simply never return.
/// </para>
/// A loss (the file kept failing until the timeout) is reported to <see cref="EventLoggerOptions.OnError"/> and the
/// <see cref="EventLoggerOptions.Logger"/>, and as one line on standard error, since the process is ending.
/// </remarks>
internal static class ExitCommitter
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<IExitCommit> s_open = [];
    private static bool s_hooked;
    private static int s_signalCommitting;

    // Kept reachable: a collected registration unregisters its handler.
    private static readonly List<PosixSignalRegistration> s_registrations = [];

    /// <exception cref="Exception">A signal handler could not be registered (the process is out of descriptors, say); nothing is left half hooked.</exception>
    public static void Watch(IExitCommit logger)
    {
        lock (s_lock)
        {
            if (!s_hooked)
                Hook();
            s_open.Add(logger);
        }
    }

    /// <summary>Registers every handler, or none: a failure undoes the ones made, and the next logger tries again.</summary>
    private static void Hook()
    {
        try
        {
            foreach (var signal in (PosixSignal[])[PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP])
            {
                try
                {
                    s_registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
                }
                catch (PlatformNotSupportedException)
                {
                    // No such signal here; ProcessExit still covers a normal exit.
                }
            }
        }
        catch
        {
            foreach (var registration in s_registrations)
                registration.Dispose();
            s_registrations.Clear();
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseAll();
        s_hooked = true;
    }

    public static void Forget(IExitCommit logger)
    {
        lock (s_lock)
            s_open.Remove(logger);
    }

    private static IExitCommit[] Snapshot()
    {
        lock (s_lock)
            return [.. s_open];
    }

    private static void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref s_signalCommitting, 1) == 1)
            return; // a second signal while the first commit runs: let its default action end the process now
        try
        {
            var loggers = Snapshot();
            ForEachAtOnce(loggers, logger => logger.FreezeAndCommit(logger.ShutdownTimeout), $"the process received {context.Signal}");
            // Handlers registered before this one run next, then the default action ends the process. If one cancels
            // the signal, or the default action is to ignore it (nohup), the process goes on: thaw the loggers.
            var watcher = new Thread(() =>
            {
                for (int waited = 0; !context.Cancel && waited < 1000; waited += 10)
                    Thread.Sleep(10);
                foreach (var logger in loggers)
                    logger.Thaw();
            }) { IsBackground = true, Name = "EventDb signal watcher" };
            watcher.Start();
        }
        finally
        {
            Volatile.Write(ref s_signalCommitting, 0);
        }
    }

    private static void CloseAll() =>
        ForEachAtOnce(Snapshot(), logger => logger.CloseForExit(logger.ShutdownTimeout), "the process exited");

    /// <summary>Runs <paramref name="commit"/> on every logger at once, each on a thread of its own, and reports each loss.</summary>
    private static void ForEachAtOnce(IExitCommit[] loggers, Func<IExitCommit, long> commit, string reason)
    {
        var commits = loggers.Select(logger => Task.Factory.StartNew(() => commit(logger), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        for (int i = 0; i < loggers.Length; i++)
        {
            long unwritten = commits[i].GetAwaiter().GetResult();
            if (unwritten > 0)
                loggers[i].ReportExitLoss(unwritten, reason);
        }
    }
}

/// <summary>
/// What <see cref="ExitCommitter"/> asks of an open logger when the process ends: defined here, below the logger, so the
/// committer knows no logger and the logger alone calls down into it.
/// </summary>
internal interface IExitCommit
{
    /// <summary>How long the commit may take (<see cref="EventLoggerOptions.ShutdownTimeout"/>).</summary>
    TimeSpan ShutdownTimeout { get; }

    /// <summary>
    /// Holds every later Add back (they wait, accepted by no one) so what is accepted is final, then commits it, within
    /// <paramref name="timeout"/>. Returns how many accepted events are still not written.
    /// </summary>
    long FreezeAndCommit(TimeSpan timeout);

    /// <summary>Lets Adds held back by <see cref="FreezeAndCommit"/> go on (the application handles the signal itself).</summary>
    void Thaw();

    /// <summary>At process exit: freezes for good (Adds still running never return), commits and closes within the timeout.</summary>
    long CloseForExit(TimeSpan timeout);

    /// <summary>Tells of events accepted and lost because the process ended first, right away and on standard error.</summary>
    void ReportExitLoss(long unwritten, string reason);
}
