using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Engine.Tests.Infrastructure;

/// <summary>Segment messages as the ingestion API stores them, stamped with the fake clock's time.</summary>
public static class TestEvents
{
    public static EventMessage Track(string anonymousId, string eventName, DateTimeOffset at, object? properties = null, string? userId = null) =>
        New(MessageType.Track, anonymousId, userId, at) with { Event = eventName, Properties = Json(properties) };

    public static EventMessage Page(string anonymousId, DateTimeOffset at, string name = "Home") =>
        New(MessageType.Page, anonymousId, null, at) with { Name = name };

    public static EventMessage Identify(string? anonymousId, string? userId, DateTimeOffset at, object? traits = null) =>
        New(MessageType.Identify, anonymousId, userId, at) with { Traits = Json(traits) };

    public static EventMessage ProductAdded(string anonymousId, DateTimeOffset at, object? product = null) =>
        Track(anonymousId, "Product Added", at, product ?? Products.Lamp);

    public static EventMessage OrderCompleted(string anonymousId, DateTimeOffset at, string orderId = "order-1") =>
        Track(anonymousId, "Order Completed", at, new { order_id = orderId, revenue = 129.50m, currency = "EUR", products = new[] { Products.Lamp } });

    private static EventMessage New(MessageType type, string? anonymousId, string? userId, DateTimeOffset at) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Type = type,
        AnonymousId = anonymousId,
        UserId = userId,
        Timestamp = at,
        ReceivedAt = at,
    };

    private static string Json(object? value) => value is null ? "{}" : JsonSerializer.Serialize(value);
}

public static class Products
{
    public static readonly object Lamp = new
    {
        product_id = "lamp-7",
        name = "Brass Reading Lamp",
        price = 129.50m,
        quantity = 1,
        url = "https://shop.example/p/lamp-7",
    };
}
