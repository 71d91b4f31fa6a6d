using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EventDb.Benchmarks;

/// <summary>Shared lookups over a summary: a case's N and its median time.</summary>
internal static class Results
{
    public static long? EventsOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value is int n ? n : null;

    public static double? MedianNs(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Median;

    /// <summary>How many measured iterations a case ran (the last invocations of its process).</summary>
    public static int MeasuredIterations(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.AllMeasurements.Count(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual) ?? 0;

    public static double? EventsPerSecond(Summary summary, BenchmarkCase benchmarkCase) =>
        EventsOf(benchmarkCase) is { } n && MedianNs(summary, benchmarkCase) is { } ns && ns > 0 ? n / (ns / 1e9) : null;
}

/// <summary>Events per second: N divided by the median time of one invocation.</summary>
public sealed class EventsPerSecondColumn : IColumn
{
    public string Id => nameof(EventsPerSecondColumn);
    public string ColumnName => "Events/s (median)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "N / median time of one invocation (open, write N events, commit, close)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Results.EventsPerSecond(summary, benchmarkCase) is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}

/// <summary>The peak resident set (VmHWM) of the process that ran the case, where the case records it.</summary>
public sealed class PeakWorkingSetColumn : IColumn
{
    public string Id => nameof(PeakWorkingSetColumn);
    public string ColumnName => "Peak WS";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Size;
    public string Legend => "Peak working set (VmHWM) of the benchmark process, read at GlobalCleanup";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Read(benchmarkCase) is { } bytes ? (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB" : "-";

    public static long? Read(BenchmarkCase benchmarkCase) =>
        Results.EventsOf(benchmarkCase) is { } n
            ? PeakWorkingSet.Read(benchmarkCase.Descriptor.Type.Name, benchmarkCase.Descriptor.WorkloadMethod.Name, n)
            : null;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Read(c) is not null);
}
