using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>
/// The rows of one multi-row INSERT, staged value by value before any is bound. Staging first is what lets a row whose
/// value cannot be stored be dropped where it fails: its values are rewound and the next event takes its place, and the
/// statement is chosen for the number of rows actually staged.
/// </summary>
internal sealed unsafe class RowStage(int columnsPerRow, int maxRows, Utf8Arena arena) : IDisposable
{
    // Pinned: the row writer stages values through a pointer (SqliteRowWriter).
    private readonly StagedValue[] _values = GC.AllocateArray<StagedValue>(columnsPerRow * maxRows, pinned: true);
    private int _count;
    private Utf8Arena.Mark _rowArena;

    public Utf8Arena Arena { get; } = arena;

    public int ColumnsPerRow { get; } = columnsPerRow;

    public int MaxRows { get; } = maxRows;

    /// <summary>Rows staged whole.</summary>
    public int Rows { get; private set; }

    /// <summary>Why the row being staged cannot be stored, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>The column (0 is <c>id</c>) at which the row being staged failed.</summary>
    public int FailedColumn { get; private set; }

    public ReadOnlySpan<StagedValue> Values => _values.AsSpan(0, _count);

    /// <summary>Where the row being staged puts its values: room for <see cref="ColumnsPerRow"/> of them.</summary>
    public StagedValue* RowValues => (StagedValue*)Unsafe.AsPointer(ref _values[_count]);

    /// <summary>Starts a row (only while <see cref="Rows"/> is below <see cref="MaxRows"/>).</summary>
    public void BeginRow()
    {
        _rowArena = Arena.Save();
        Failure = null;
    }

    /// <summary>Marks the row being staged as not storable, at <paramref name="column"/>; a later reason does not replace the first.</summary>
    public void Fail(string reason, int column)
    {
        if (Failure is not null)
            return;
        Failure = reason;
        FailedColumn = column;
    }

    /// <summary>
    /// Ends the row of <paramref name="values"/> values written at <see cref="RowValues"/>: kept, or rewound (its memory
    /// freed) when it failed or has the wrong number of values. Returns whether it was kept.
    /// </summary>
    public bool EndRow(int values)
    {
        if (Failure is null && values != ColumnsPerRow)
            Fail($"the row had {values} values for {ColumnsPerRow} columns", Math.Min(values, ColumnsPerRow));
        if (Failure is null)
        {
            _count += values;
            Rows++;
            return true;
        }
        Arena.Restore(_rowArena);
        return false;
    }

    /// <summary>
    /// Asks the CPU to bring the staged values and their text into its cache, on the thread that binds them next: they
    /// were written on the writer's core. A hint only, so it is harmless if the stage is emptied meanwhile.
    /// </summary>
    public void Prefetch()
    {
        fixed (StagedValue* values = _values)
            Utf8Arena.Prefetch((byte*)values, _count * sizeof(StagedValue));
        Arena.Prefetch();
    }

    /// <summary>After the rows were bound and stepped: empty, and the memory they used is free again.</summary>
    public void Clear()
    {
        _count = 0;
        Rows = 0;
        Arena.Reset();
    }

    /// <summary>Frees the stage's memory for good (its arena's block goes back to the pool).</summary>
    public void Dispose()
    {
        _count = 0;
        Rows = 0;
        Arena.Dispose();
    }
}
