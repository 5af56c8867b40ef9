using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Orders;

namespace Rekindle.Engine.Orders;

/// <summary>
/// An imported order enters Rekindle as the Order Completed event a shop would have sent, so the profile,
/// the orders table and every later model see imports and live orders the same way. Its messageId is
/// derived from the order id: importing the same file again stores nothing new (de-duplication).
/// The context marks it as imported, so history does not start flows meant for live purchases.
/// </summary>
public static class ImportedOrders
{
    private const string ImportedContext = """{"rekindle":{"imported":true}}""";

    public static EventMessage ToEvent(Order order, DateTimeOffset receivedAt) => new()
    {
        MessageId = "import:order:" + order.OrderId,
        Type = MessageType.Track,
        Event = CommerceEvents.OrderCompleted,
        UserId = order.CustomerId,
        Timestamp = order.Timestamp,
        ReceivedAt = receivedAt,
        Properties = JsonSerializer.Serialize(new
        {
            order_id = order.OrderId,
            revenue = order.Total,
            currency = order.Currency,
            email = order.Email,
            products = order.Lines.Select(l => new
            {
                product_id = l.ProductId,
                sku = l.Sku,
                name = l.Name,
                quantity = l.Quantity,
                price = l.UnitPrice,
                category = l.Category,
            }),
        }, Json),
        Context = order.Email is null ? ImportedContext : JsonSerializer.Serialize(new { rekindle = new { imported = true }, traits = new { email = order.Email } }),
    };

    /// <summary>Whether a message came from an import (history) rather than from the shop as it happened.</summary>
    public static bool IsImported(EventMessage message)
    {
        // Cheap test first: almost no live message mentions "rekindle" in its context.
        if (!message.Context.Contains("\"rekindle\"", StringComparison.Ordinal))
        {
            return false;
        }

        using var context = JsonDocument.Parse(message.Context);
        return context.RootElement.TryGetProperty("rekindle", out var rekindle)
            && rekindle.ValueKind == JsonValueKind.Object
            && rekindle.TryGetProperty("imported", out var imported)
            && imported.ValueKind == JsonValueKind.True;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
