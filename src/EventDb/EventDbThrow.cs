using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace EventDb;

/// <summary>Throw helpers, kept out of line so the hot paths stay small.</summary>
[StackTraceHidden]
internal static class EventDbThrow
{
    [DoesNotReturn]
    public static void Disposed() => throw new ObjectDisposedException(nameof(EventLogger));

    [DoesNotReturn]
    public static void IdsExhausted(string path) => throw new EventDbException(
        $"'{path}' has no id left: EventDb's ids end at {EventSequence.LastAssignableId} (2^61 - 1), and that one is taken. The event was not queued; write to a new file.");
}
