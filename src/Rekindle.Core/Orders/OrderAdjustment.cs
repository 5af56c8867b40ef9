using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Orders;

public enum OrderAdjustmentKind
{
    /// <summary>Money went back: the order counts for less, or not at all once refunded in full.</summary>
    Refund,

    /// <summary>The order did not happen: it stops counting as a purchase.</summary>
    Cancel,
}

/// <summary>
/// What an Order Refunded or Order Cancelled event (Segment e-commerce v2) does to a stored order. RFM, churn, lifetime
/// value and recommendations count an order only while it is neither cancelled nor refunded in full, and count its
/// money net of refunds: a customer who returned everything is not a big spender.
/// </summary>
/// <param name="Amount">The refunded amount; null when the event states none, which Segment's spec reads as the whole order.</param>
public sealed record OrderAdjustment(string OrderId, OrderAdjustmentKind Kind, decimal? Amount, DateTimeOffset At)
{
    /// <summary>Null unless the message is an Order Refunded or Order Cancelled naming its order_id.</summary>
    public static OrderAdjustment? FromEvent(EventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = message.Type != MessageType.Track ? (OrderAdjustmentKind?)null : message.Event switch
        {
            CommerceEvents.OrderRefunded => OrderAdjustmentKind.Refund,
            CommerceEvents.OrderCancelled => OrderAdjustmentKind.Cancel,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var props = JsonRead.ParseObject(message.Properties);
        if (JsonRead.String(props, "order_id") is not { } orderId)
        {
            return null;
        }

        decimal? amount = null;
        if (kind == OrderAdjustmentKind.Refund && !CommerceEvents.TryReadRefund(props, out amount))
        {
            // An amount is there but unreadable: refunding the whole order on a guess would be worse than nothing.
            return null;
        }

        return new OrderAdjustment(orderId, kind.Value, amount, message.Timestamp.ToUniversalTime());
    }
}
