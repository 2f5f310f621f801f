using System.Globalization;

namespace AccessBot.Benchmarks.Slack;

/// <summary>Latency percentiles (over successful acks) and achieved throughput of one load phase.</summary>
internal sealed record LoadResult(int Sent, int Ok, int Busy, double P50, double P99, double Max, double PerSecond)
{
    public static LoadResult From(IReadOnlyList<Outcome> outcomes, TimeSpan elapsed)
    {
        var ok = outcomes.Where(o => o.Ok).Select(o => o.Milliseconds).Order().ToArray();
        return new LoadResult(outcomes.Count, ok.Length, outcomes.Count(o => o.Busy), Percentile(ok, 0.50), Percentile(ok, 0.99), ok.Length == 0 ? double.NaN : ok[^1],
            ok.Length / elapsed.TotalSeconds);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sent {Sent,6}, 200 OK {Ok,6} (busy {Busy}), p50 {P50,7:F2} ms, p99 {P99,7:F2} ms, max {Max,8:F2} ms, {PerSecond,7:F0} acks/s");

    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
