namespace EventDb;

/// <summary>
/// The writer failed after a COMMIT, before its buffers were released: retrying would write the batch twice, so it stops
/// for good, counting the committed batch.
/// </summary>
internal sealed class WriterStateException(int written, int rejected, Exception inner)
    : Exception("The writer failed after a commit.", inner)
{
    public int Written { get; } = written;

    public int Rejected { get; } = rejected;
}
