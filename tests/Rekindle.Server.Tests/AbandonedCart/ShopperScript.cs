using System.Text.Json;

namespace Rekindle.Server.Tests.AbandonedCart;

/// <summary>What the seed's shopper does, as the Segment messages a shop would send.</summary>
internal static class ShopperScript
{
    public const string FlowJson = """
        {
          "id": "abandoned-cart",
          "name": "Abandoned cart",
          "trigger": { "events": ["Product Added", "Checkout Started"] },
          "reentry": "whileNotActive",
          "steps": [
            { "id": "wait", "type": "wait", "duration": "24h", "next": "check" },
            { "id": "check", "type": "condition",
              "condition": { "type": "eventNotOccurred", "event": "Order Completed", "since": "flowStart" },
              "then": "email", "else": null },
            { "id": "email", "type": "sendEmail",
              "subject": "{{ contact.first_name }}, your cart is waiting",
              "html": "<p>Hi {{ contact.first_name }},</p><ul>{% for item in cart.items %}<li><a href=\"{{ item.url }}\"><img src=\"{{ item.image_url }}\" alt=\"\">{{ item.name }}</a> × {{ item.quantity }}: {{ item.price | money: cart.currency }}</li>{% endfor %}</ul>",
              "text": "Hi {{ contact.first_name }},\n{% for item in cart.items %}- {{ item.name }} x {{ item.quantity }}: {{ item.price }}\n{% endfor %}" }
          ]
        }
        """;

    public static string BrowseAndAdd(string anonymousId, DateTimeOffset at) => Batch(
        Message("page", anonymousId, at, name: "Home"),
        Message("page", anonymousId, at.AddSeconds(20), name: "Trail Running Shoe"),
        Message("track", anonymousId, at.AddSeconds(25), @event: "Product Viewed", properties: Shoe),
        Message("track", anonymousId, at.AddSeconds(40), @event: "Product Added", properties: Shoe));

    public static string Identify(string anonymousId, string email, string firstName, DateTimeOffset at) =>
        JsonSerializer.Serialize(new
        {
            anonymousId,
            messageId = Guid.NewGuid().ToString(),
            timestamp = at,
            traits = new { email, first_name = firstName },
        });

    public static string OrderCompleted(string anonymousId, DateTimeOffset at) => JsonSerializer.Serialize(new
    {
        anonymousId,
        messageId = Guid.NewGuid().ToString(),
        @event = "Order Completed",
        timestamp = at,
        properties = new { order_id = "ord-1001", revenue = 89.95m, currency = "EUR", products = new[] { Shoe } },
    });

    public static readonly object Shoe = new
    {
        product_id = "sku-trail-42",
        name = "Trail Running Shoe",
        price = 89.95m,
        // The shopper never ordered: the cart's own events name its currency, and the email shows it.
        currency = "EUR",
        quantity = 1,
        image_url = "https://shop.example/img/trail-42.jpg",
        url = "https://shop.example/p/trail-42",
    };

    private static object Message(string type, string anonymousId, DateTimeOffset at, string? name = null, string? @event = null, object? properties = null) => new
    {
        type,
        anonymousId,
        messageId = Guid.NewGuid().ToString(),
        timestamp = at,
        name,
        @event,
        properties = properties ?? new { },
    };

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Batch(params object[] messages) => JsonSerializer.Serialize(new { batch = messages }, Json);
}
