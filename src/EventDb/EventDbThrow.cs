using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace EventDb;

/// <summary>Throw helpers, kept out of line so the hot paths stay small.</summary>
[StackTraceHidden]
internal static class EventDbThrow
{
    [DoesNotReturn]
    public static void Disposed() => throw new ObjectDisposedException(nameof(EventLogger));
}
