using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Rekindle.Core.Events;

namespace Rekindle.Bench.Events;

/// <summary>
/// Parsing and validating one 100-message /v1/batch body, against the floor of merely reading the same
/// JSON into a JsonDocument (the baseline: what any validation must at least cost).
/// </summary>
[MemoryDiagnoser]
public class SegmentParserBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly SegmentParser _parser = new();
    private byte[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        var messages = Enumerable.Range(0, 100).Select(i => new
        {
            type = "track",
            anonymousId = $"anon-{i / 4}",
            messageId = $"m-{i}",
            timestamp = Now.AddSeconds(-i).ToString("O"),
            @event = "Product Added",
            properties = new { product_id = $"p{i % 50}", name = "Trail Running Shoe", price = 89.95, quantity = 1, url = "https://shop.example/p/1" },
            context = new { ip = "203.0.113.7", userAgent = "Mozilla/5.0", library = new { name = "analytics.js", version = "4.1.0" } },
        });
        _batch = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { batch = messages, sentAt = Now.ToString("O") }));
    }

    [Benchmark(Baseline = true)]
    public int JsonDocumentOnly()
    {
        using var document = JsonDocument.Parse(_batch);
        return document.RootElement.GetProperty("batch").GetArrayLength();
    }

    [Benchmark]
    public int ParseBatch() => _parser.ParseBatch(_batch, Now, () => "generated").Accepted.Count;
}
