using OpenTelemetry.Metrics;

namespace EventDb.Hosting.Tests;

/// <summary>
/// Values of one logger's instruments (those whose meter carries its <c>eventdb.file</c> tag) from exported metrics.
/// Reads values whatever the instrument kind: a counter and an observable counter both export as a sum.
/// </summary>
internal sealed class MeterReading(IEnumerable<Metric> exported, string filePath)
{
    private readonly List<Metric> _metrics = [.. exported.Where(m => m.MeterName == EventLogger.MeterName
        && m.MeterTags is { } tags && tags.Any(t => t.Key == "eventdb.file" && Equals(t.Value, filePath)))];

    /// <summary>The value of each point of <paramref name="name"/>, keyed by its <paramref name="tag"/>.</summary>
    public Dictionary<string, long> LongsByTag(string name, string tag)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (point, type) in Points(name))
        {
            string key = "";
            foreach (var t in point.Tags)
            {
                if (t.Key == tag)
                    key = t.Value?.ToString() ?? "";
            }
            values[key] = values.GetValueOrDefault(key) + LongValue(point, type);
        }
        return values;
    }

    /// <summary>The value of <paramref name="name"/>, summed over its points.</summary>
    public long Long(string name) => Points(name).Sum(p => LongValue(p.Point, p.Type));

    public long HistogramCount(string name) => Points(name).Sum(p => p.Point.GetHistogramCount());

    public double HistogramSum(string name) => Points(name).Sum(p => p.Point.GetHistogramSum());

    private static long LongValue(MetricPoint point, MetricType type) => type switch
    {
        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
        MetricType.LongGauge => point.GetGaugeLastValueLong(),
        _ => throw new InvalidOperationException($"a {type} is not a long value"),
    };

    private List<(MetricPoint Point, MetricType Type)> Points(string name)
    {
        var metric = Assert.Single(_metrics, m => m.Name == name);
        var points = new List<(MetricPoint, MetricType)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
            points.Add((point, metric.MetricType));
        return points;
    }
}
