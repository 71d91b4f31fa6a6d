using System.Runtime.CompilerServices;

namespace EventDb.Export.Internals;

/// <summary>
/// Reads one table of a run into its <see cref="TableWriter"/>, row group by row group, each in the plan's passes: the
/// first pass reads every row in id order (and the ids), each other pass the same rows again for its own columns. Every
/// value goes from SQLite's memory into its column buffer through a <see cref="SqlCursor"/>, never boxed.
/// </summary>
/// <remarks>
/// The loops over every row here and in the encoders are compiled optimized at once: a method entered a few times per
/// run would otherwise run its loop unoptimized, then instrumented, before tiered compilation catches up (an export is
/// often the only thing its process does).
/// </remarks>
internal sealed class TableReader(EventFile file, TablePlan plan, TableWriter writer, string databasePath)
{
    // Where the first pass's values start in its cursor: after the row's id, when the table has one.
    private readonly int _valuesFrom = plan.HasId ? 1 : 0;

    /// <summary>Reads every row; <paramref name="rowGroupRead"/> is told the rows read so far after each row group.</summary>
    /// <returns>The rows read.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Read(Action<long> rowGroupRead, CancellationToken cancellationToken)
    {
        long rows = 0, after = long.MinValue;
        using var first = file.OpenColumns(plan.PassRead(0));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.BeginRowGroup();
            var buffer = writer.Buffer;
            while (!buffer.IsFull && first.Read())
            {
                Check(first, buffer.Fill(first, plan.Passes[0], _valuesFrom));
                buffer.AddRow(plan.HasId ? first.GetInt64(0) : 0);
            }
            // Taken before the last columns are handed over: the writer empties the buffer once it has written them.
            int read = buffer.Rows;
            bool full = buffer.IsFull;
            if (read == 0)
                break;
            long last = buffer.Id(read - 1);
            writer.Submit(plan.Passes[0]);
            for (int pass = 1; pass < plan.Passes.Count; pass++)
            {
                ReadAgain(pass, buffer, read, after, last);
                writer.Submit(plan.Passes[pass]);
            }
            after = last;
            rows += read;
            rowGroupRead(rows);
            if (!full)
                break;
        }
        if (rows != plan.Rows)
            throw new ExportException(plan.BaseTable is null
                ? $"'{databasePath}': table '{plan.Name}' has {plan.Rows} rows but {rows} were read."
                : $"'{databasePath}': {plan.Rows - rows} of the {plan.Rows} rows of '{plan.Name}' have no row in its base table '{plan.BaseTable}'.");
        return rows;
    }

    /// <summary>
    /// Pass <paramref name="pass"/> over the ids after <paramref name="after"/> up to <paramref name="last"/>: the rows
    /// of the row group in <paramref name="buffer"/>, which must be those the first pass read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadAgain(int pass, RowGroupBuffer buffer, int rows, long after, long last)
    {
        using var cursor = file.OpenColumns(plan.PassRead(pass, after, last));
        int row = 0;
        while (cursor.Read())
        {
            long id = cursor.GetInt64(0);
            if (row == rows || id != buffer.Id(row))
                throw new ExportException(plan.BaseTable is null
                    ? $"'{databasePath}': table '{plan.Name}', row id {id} was read in one pass and not in another."
                    : $"'{databasePath}': table '{plan.Name}', row id {id} has no row in its base table '{plan.BaseTable}', which is not exported.");
            Check(cursor, buffer.Fill(cursor, plan.Passes[pass], 1));
            row++;
        }
        if (row != rows)
            throw new ExportException($"'{databasePath}': table '{plan.Name}' gave {rows} rows in one pass and {row} in another.");
    }

    private void Check(SqlCursor row, string? problem)
    {
        if (problem is not null)
            throw new ExportException($"'{databasePath}': table '{plan.Name}', row {Describe(row)}: {problem}, which is not exported.");
    }

    private string Describe(SqlCursor row) =>
        plan.HasId && row.TypeOf(0) == SqlValueType.Integer ? $"id {row.GetInt64(0)}" : "(no id)";
}
