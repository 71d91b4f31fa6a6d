using System.Collections.Concurrent;

namespace EventDb.FaultTests;

/// <summary>Producer threads that add <see cref="Numbered"/> events, each (producer, seq) once.</summary>
internal static class Producers
{
    public static void AddNumbered(EventLogger log, int producer, long from, long count)
    {
        for (long seq = from; seq < from + count; seq++)
            log.Add(new Numbered { Producer = producer, Seq = seq });
    }

    /// <summary>
    /// Starts <paramref name="producers"/> threads adding <paramref name="perProducer"/> events each. A thread's exception
    /// goes to <paramref name="failures"/> (asserted by the test) rather than crashing the test host.
    /// </summary>
    public static Thread[] Start(EventLogger log, int producers, long perProducer, ConcurrentQueue<Exception> failures)
    {
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            try
            {
                AddNumbered(log, p, 0, perProducer);
            }
#pragma warning disable CA1031 // Collected and asserted empty by the test.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Enqueue(ex);
            }
        })).ToArray();
        foreach (var thread in threads)
            thread.Start();
        return threads;
    }
}
