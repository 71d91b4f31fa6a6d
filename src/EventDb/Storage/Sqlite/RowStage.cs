namespace EventDb;

/// <summary>
/// The rows of one multi-row INSERT, staged value by value before any is bound. Staging first is what lets a row whose
/// value cannot be stored be dropped where it fails: its values are rewound and the next event takes its place, and the
/// statement is chosen for the number of rows actually staged.
/// </summary>
internal sealed class RowStage(int columnsPerRow, int maxRows, Utf8Arena arena) : IDisposable
{
    private readonly StagedValue[] _values = new StagedValue[columnsPerRow * maxRows];
    private int _count;
    private int _rowStart;
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

    public void BeginRow()
    {
        _rowStart = _count;
        _rowArena = Arena.Save();
        Failure = null;
    }

    /// <summary>Stages the next value of the row, a number or NULL; ignored once the row has failed.</summary>
    public void Add(StagedKind kind, long bits = 0) => Append(kind, bits, length: 0);

    /// <summary>Stages text or bytes at <paramref name="pointer"/> as the row's next value; ignored once the row has failed.</summary>
    public void Add(StagedKind kind, nint pointer, int length) => Append(kind, (long)pointer, length);

    private void Append(StagedKind kind, long bits, int length)
    {
        if (Failure is not null)
            return;
        ref var value = ref _values[_count++];
        value.Kind = kind;
        value.Bits = bits;
        value.Length = length;
    }

    /// <summary>Marks the row being staged as not storable; the rest of its values are ignored.</summary>
    public void Fail(string reason)
    {
        if (Failure is not null)
            return;
        Failure = reason;
        FailedColumn = _count - _rowStart;
    }

    /// <summary>Ends the row: kept, or rewound (its values and their memory) when it failed. Returns whether it was kept.</summary>
    public bool EndRow()
    {
        if (Failure is null && _count - _rowStart != ColumnsPerRow)
            Fail($"the row had {_count - _rowStart} values for {ColumnsPerRow} columns");
        if (Failure is null)
        {
            Rows++;
            return true;
        }
        _count = _rowStart;
        Arena.Restore(_rowArena);
        return false;
    }

    /// <summary>
    /// Asks the CPU to bring the staged values and their text into its cache, on the thread that binds them next: they
    /// were written on the writer's core. A hint only, so it is harmless if the stage is emptied meanwhile.
    /// </summary>
    public unsafe void Prefetch()
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
