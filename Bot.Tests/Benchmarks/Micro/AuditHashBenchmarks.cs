using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using BenchmarkDotNet.Attributes;

namespace AccessBot.Benchmarks.Micro;

/// <summary>The per-event cost of the hash chain: what bounds <c>audit verify</c> once rows are streamed.</summary>
[MemoryDiagnoser]
public class AuditHashBenchmarks
{
    private readonly byte[] _prev = new byte[32];
    private readonly DateTimeOffset _at = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly JsonObject _details = new() { ["duration"] = "4h", ["step"] = 1, ["reason"] = "migrate orders" };
    private string _canonical = "";

    [GlobalSetup]
    public void Setup() => _canonical = AuditCanonicalForm.CanonicalJson(_details);

    [Benchmark]
    public byte[] Hash_one_event() => AuditCanonicalForm.ComputeHash(
        _prev, 812, _at, "alice@example.com", "slack", "request.approved", 812, "prod-db", _canonical,
        "https://example.slack.com/archives/C1/p1700000000000100");

    [Benchmark]
    public string Canonical_details() => AuditCanonicalForm.CanonicalJson(_details);
}
