using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Coupons;
using Rekindle.Core.Events;

namespace Rekindle.Core.Orders;

/// <summary>
/// The <see cref="Order"/> an Order Completed event (Segment e-commerce v2) describes — the same record a
/// CSV import produces for the same purchase.
/// </summary>
/// <remarks>
/// Tolerant like the profile code: an event is never rejected for one bad value. A product without
/// product_id and sku, or with a quantity below one, is left out (it cannot be recommended or counted);
/// a missing quantity means one; a missing or unreadable price means zero, because the order's amount
/// comes from revenue anyway. The total follows the profile's precedence (revenue → subtotal → total →
/// Σ price × quantity), so the revenue on a profile and the sum of its stored orders agree.
/// </remarks>
public static class OrderFromEvent
{
    /// <summary>
    /// Maps a stored track message. Null unless it is an Order Completed with a customer. The customer is
    /// the userId, else the anonymousId; without order_id the messageId stands in, which stays stable
    /// because the ingestion API de-duplicates by messageId (and the profile counts such orders once each
    /// too). The email is properties.email, else context.traits.email.
    /// </summary>
    public static Order? Map(EventMessage message, string defaultCurrency)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type != MessageType.Track || message.Event != CommerceEvents.OrderCompleted)
        {
            return null;
        }

        var customerId = Trimmed(message.UserId) ?? Trimmed(message.AnonymousId);
        if (customerId is null)
        {
            return null;
        }

        var props = JsonRead.ParseObject(message.Properties);
        var email = ContactPoints.NormalizeEmail(JsonRead.String(props, "email"))
            ?? ContactPoints.NormalizeEmail(
                JsonRead.String(JsonRead.Member(JsonRead.ParseObject(message.Context), "traits"), "email"));
        var orderId = JsonRead.String(props, "order_id") ?? message.MessageId;
        return Build(props, orderId, customerId, message.Timestamp, email, defaultCurrency);
    }

    /// <summary>
    /// Maps the properties object of an Order Completed event. Null when it has no order_id (nothing would
    /// make a second delivery of the same order recognisable). <paramref name="defaultCurrency"/> is the
    /// shop's currency, used when the event names none.
    /// </summary>
    public static Order? Map(
        string propertiesJson, string customerId, DateTimeOffset timestamp, string? email, string defaultCurrency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var props = JsonRead.ParseObject(propertiesJson);
        return JsonRead.String(props, "order_id") is { } orderId
            ? Build(props, orderId, customerId.Trim(), timestamp, ContactPoints.NormalizeEmail(email), defaultCurrency)
            : null;
    }

    private static Order Build(
        JsonElement props, string orderId, string customerId, DateTimeOffset timestamp, string? email, string defaultCurrency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultCurrency);
        var lines = Lines(props);
        var total = CommerceEvents.DeclaredOrderAmount(props) ?? Order.SumOfLines(lines);
        var currency = JsonRead.String(props, "currency") ?? defaultCurrency;
        return new Order(
            orderId,
            customerId,
            email,
            timestamp.ToUniversalTime(),
            currency.Trim().ToUpperInvariant(),
            total,
            lines,
            CouponCodes.Normalize(JsonRead.String(props, "coupon")));
    }

    private static ImmutableArray<OrderLine> Lines(JsonElement props)
    {
        if (JsonRead.Array(props, "products") is not { } products)
        {
            return [];
        }

        var lines = ImmutableArray.CreateBuilder<OrderLine>();
        foreach (var product in products.EnumerateArray())
        {
            var sku = JsonRead.String(product, "sku");
            var key = JsonRead.String(product, "product_id") ?? sku;
            var quantity = JsonRead.Quantity(product, "quantity") ?? 1;
            if (key is null || quantity < 1)
            {
                continue;
            }

            lines.Add(new OrderLine(
                key,
                sku,
                JsonRead.String(product, "name") ?? string.Empty,
                quantity,
                JsonRead.Money(product, "price") ?? 0m,
                JsonRead.String(product, "category")));
        }

        return lines.ToImmutable();
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
