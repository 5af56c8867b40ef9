using BenchmarkDotNet.Attributes;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Bench.Contacts;

/// <summary>Applying one shopper's session (page, view, add to cart, identify) to a fresh profile.</summary>
[MemoryDiagnoser]
public class ProfileReducerBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly EventMessage[] Session =
    [
        Message(MessageType.Page, null, """{"path":"/p/1","title":"Trail Running Shoe"}""", "{}"),
        Message(MessageType.Track, "Product Viewed", """{"product_id":"p1","name":"Trail Running Shoe","price":89.95}""", "{}"),
        Message(MessageType.Track, "Product Added", """{"product_id":"p1","name":"Trail Running Shoe","price":89.95,"quantity":1,"url":"https://shop.example/p/1"}""", "{}"),
        Message(MessageType.Identify, null, "{}", """{"email":"ada@example.com","first_name":"Ada"}"""),
    ];

    [Benchmark]
    public int ApplySession()
    {
        var profile = new ContactProfile { Id = "c1", CreatedAt = Now };
        foreach (var message in Session)
        {
            profile = ProfileReducer.Apply(profile, message);
        }

        return profile.Cart.Length;
    }

    private static EventMessage Message(MessageType type, string? name, string properties, string traits) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Type = type,
        Event = name,
        AnonymousId = "anon-1",
        Timestamp = Now,
        ReceivedAt = Now,
        Properties = properties,
        Traits = traits,
    };
}
