using System.Runtime.CompilerServices;

namespace EventDb.Export.Internals;

/// <summary>
/// Reads one table of a run into its <see cref="TableWriter"/>, row group by row group, in one walk of the table in id
/// order (a scan's work, no more): each full row group is handed over to be encoded while the next is read. Every value
/// goes from SQLite's memory into its column buffer through a <see cref="SqlCursor"/>, never boxed.
/// </summary>
/// <remarks>
/// The loops over every row here and in the encoders are compiled optimized at once: a method entered a few times per
/// run would otherwise run its loop unoptimized, then instrumented, before tiered compilation catches up (an export is
/// often the only thing its process does).
/// </remarks>
internal sealed class TableReader(EventFile file, TablePlan plan, TableWriter writer, string databasePath)
{
    // Where the values start in the cursor: after the row's id, when the table has one.
    private readonly int _valuesFrom = plan.HasId ? 1 : 0;

    /// <summary>Reads every row; <paramref name="rowGroupRead"/> is told the rows read so far after each row group.</summary>
    /// <returns>The rows read.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Read(Action<long> rowGroupRead, CancellationToken cancellationToken)
    {
        long rows = 0;
        using var cursor = file.OpenColumns(plan.Read());
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.BeginRowGroup();
            var buffer = writer.Buffer;
            while (!buffer.IsFull && cursor.Read())
            {
                Check(cursor, buffer.Fill(cursor, _valuesFrom));
                buffer.AddRow();
            }
            // Taken before the columns are handed over: the writer empties the buffer once it has written them.
            int read = buffer.Rows;
            bool full = buffer.IsFull;
            if (read == 0)
                break;
            writer.Submit();
            rows += read;
            rowGroupRead(rows);
            if (!full)
                break;
        }
        // A child row without its base row is dropped by the join: the count says so.
        if (rows != plan.Rows)
            throw new ExportException(plan.BaseTable is null
                ? $"'{databasePath}': table '{plan.Name}' has {plan.Rows} rows but {rows} were read."
                : $"'{databasePath}': {plan.Rows - rows} of the {plan.Rows} rows of '{plan.Name}' have no row in its base table '{plan.BaseTable}'.");
        return rows;
    }

    private void Check(SqlCursor row, string? problem)
    {
        if (problem is not null)
            throw new ExportException($"'{databasePath}': table '{plan.Name}', row {Describe(row)}: {problem}, which is not exported.");
    }

    private string Describe(SqlCursor row) =>
        plan.HasId && row.TypeOf(0) == SqlValueType.Integer ? $"id {row.GetInt64(0)}" : "(no id)";
}
