using System.Globalization;

namespace Coursera.Bench.Learner;

/// <summary>Request durations in milliseconds, with nearest-rank percentiles (as the webhook benchmark reports them).</summary>
internal sealed class Latencies(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public string Format(params double[] percentiles) =>
        string.Join(" / ", percentiles.Select(p => Percentile(p).ToString(Percentile(p) < 10 ? "N1" : "N0", CultureInfo.InvariantCulture))) + " ms";
}
