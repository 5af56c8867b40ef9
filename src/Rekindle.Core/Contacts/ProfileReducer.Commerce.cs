using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Contacts;

/// <remarks>
/// Cart rules. Product Added/Removed are increments; Cart Viewed/Checkout Started with a `products` array
/// and the clear after Order Completed are snapshots that replace the cart. Out of order: a snapshot older
/// than the last cart change is ignored (the cart already knows more), and an increment older than the
/// last snapshot is ignored (the snapshot already contains it) — otherwise a late Product Added would put
/// a bought item back into the cart and trigger an abandoned-cart message for it.
///
/// Order amount (Segment v2): `revenue` excludes shipping and tax, `subtotal` is after discounts but
/// before shipping and tax, `total` includes everything. Revenue on the profile feeds RFM and lifetime
/// value, which want merchandise value, so the order is revenue → subtotal → total → Σ price × quantity
/// of `products`. Refunds use the same order (Segment asks refunds to repeat the order's properties, so a
/// full refund nets to zero), are floored at 0 (a refund of an order placed before tracking began must
/// not make revenue negative), and do not decrement Orders: the order did happen. No currency conversion.
///
/// Currency: the cart keeps the currency its own events state (the newest one that changed or replaced the cart);
/// the profile's <see cref="ContactProfile.Currency"/> is the latest order's. Templates show the cart's prices in the
/// former, so a shopper who never ordered still sees "€89.95".
/// </remarks>
public static partial class ProfileReducer
{
    private static ContactProfile ApplyTrack(ContactProfile profile, EventMessage message)
    {
        var name = message.Event;
        if (string.IsNullOrEmpty(name))
        {
            return profile;
        }

        var at = message.Timestamp;
        DateTimeOffset? previous = profile.LastEventAt.TryGetValue(name, out var last) ? last : null;
        var result = profile with { LastEventAt = SetMax(profile.LastEventAt, name, at) };

        return name switch
        {
            CommerceEvents.ProductViewed => ProductViewed(result, Props(message), at, previous),
            CommerceEvents.ProductAdded => ProductAdded(result, Props(message), at),
            CommerceEvents.ProductRemoved => ProductRemoved(result, Props(message), at),
            CommerceEvents.CartViewed or CommerceEvents.CheckoutStarted => CartSnapshot(result, Props(message), at),
            CommerceEvents.OrderCompleted => OrderCompleted(result, Props(message), at),
            CommerceEvents.OrderRefunded => OrderRefunded(result, Props(message)),
            CommerceEvents.OrderCancelled => OrderCancelled(result, Props(message)),
            _ => result,
        };
    }

    private static JsonElement Props(EventMessage message) => JsonRead.ParseObject(message.Properties);

    private static ContactProfile ProductViewed(
        ContactProfile profile, JsonElement props, DateTimeOffset at, DateTimeOffset? previousView)
    {
        var result = profile with { ProductsViewed = profile.ProductsViewed + 1 };
        var key = JsonRead.String(props, "product_id") ?? JsonRead.String(props, "sku");
        if (key is null)
        {
            return result;
        }

        var viewed = profile.RecentlyViewed;
        if (previousView is null || at >= previousView)
        {
            viewed = [key, .. viewed.Where(id => id != key).Take(RecentlyViewedCap - 1)];
        }
        else if (!viewed.Contains(key) && viewed.Length < RecentlyViewedCap)
        {
            // A late view is older than everything listed: it goes last, not first.
            viewed = viewed.Add(key);
        }

        return result with { RecentlyViewed = viewed };
    }

    private static ContactProfile ProductAdded(ContactProfile profile, JsonElement props, DateTimeOffset at)
    {
        var quantity = JsonRead.Quantity(props, "quantity") ?? 1;
        if (IsBeforeReset(profile, at) || quantity <= 0 || ReadLine(props, quantity) is not { } added)
        {
            return profile;
        }

        var currency = CurrencyOf(props);
        var index = FindLine(profile.Cart, props);
        if (index < 0)
        {
            return WithCart(profile, profile.Cart.Add(added), at, currency);
        }

        // The newer event knows the current name/price; keep old values only where it says nothing.
        var line = profile.Cart[index];
        var updated = line with
        {
            Quantity = (int)Math.Min((long)line.Quantity + quantity, int.MaxValue),
            Sku = added.Sku ?? line.Sku,
            Name = JsonRead.String(props, "name") is null ? line.Name : added.Name,
            Price = JsonRead.Money(props, "price") ?? line.Price,
            Category = added.Category ?? line.Category,
            ImageUrl = added.ImageUrl ?? line.ImageUrl,
            Url = added.Url ?? line.Url,
        };
        return WithCart(profile, profile.Cart.SetItem(index, updated), at, currency);
    }

    private static ContactProfile ProductRemoved(ContactProfile profile, JsonElement props, DateTimeOffset at)
    {
        var index = FindLine(profile.Cart, props);
        var quantity = JsonRead.Quantity(props, "quantity");
        if (IsBeforeReset(profile, at) || index < 0 || quantity <= 0)
        {
            return profile;
        }

        var line = profile.Cart[index];
        var cart = quantity is { } q && q < line.Quantity
            ? profile.Cart.SetItem(index, line with { Quantity = line.Quantity - q })
            : profile.Cart.RemoveAt(index);
        return WithCart(profile, cart, at, currency: null);
    }

    private static ContactProfile CartSnapshot(ContactProfile profile, JsonElement props, DateTimeOffset at) =>
        JsonRead.Array(props, "products") is { } products
            ? ReplaceCart(profile, ReadCart(products), at, CurrencyOf(props))
            : profile;

    private static ContactProfile OrderCompleted(ContactProfile profile, JsonElement props, DateTimeOffset at)
    {
        var orderId = JsonRead.String(props, "order_id");
        if (orderId is not null && profile.RecentOrderIds.Contains(orderId))
        {
            return profile;
        }

        var currency = CurrencyOf(props);
        var isLatestOrder = profile.LastOrderAt is null || at >= profile.LastOrderAt;
        var result = profile with
        {
            Orders = profile.Orders + 1,
            Revenue = profile.Revenue + (OrderAmount(props) ?? 0m),
            Currency = isLatestOrder && currency is not null ? currency : profile.Currency,
            FirstOrderAt = Min(profile.FirstOrderAt, at),
            LastOrderAt = Max(profile.LastOrderAt, at),
            RecentOrderIds = orderId is null
                ? profile.RecentOrderIds
                : [orderId, .. profile.RecentOrderIds.Take(RecentOrderIdsCap - 1)],
        };
        return ReplaceCart(result, [], at, currency: null);
    }

    /// <summary>
    /// The refunded amount leaves the revenue, read as the orders table reads it (a negative amount counts by its
    /// size). A refund without an amount means the whole order, whose amount the profile does not keep: the orders
    /// table and the scores built on it take it out, the profile's revenue stays.
    /// </summary>
    private static ContactProfile OrderRefunded(ContactProfile profile, JsonElement props) =>
        CommerceEvents.TryReadRefund(props, out var amount) && amount is { } refunded
            ? profile with { Revenue = Math.Max(0m, profile.Revenue - refunded) }
            : profile;

    /// <summary>
    /// The order stops counting: its stated amount leaves the revenue, and it leaves the order count when the profile
    /// knows it counted it (one of the recent order ids; an older order's count stays, its money still goes).
    /// </summary>
    private static ContactProfile OrderCancelled(ContactProfile profile, JsonElement props)
    {
        var result = OrderRefunded(profile, props);
        var orderId = JsonRead.String(props, "order_id");
        return orderId is not null && result.RecentOrderIds.Contains(orderId)
            // The id stays among the recent ones, so a replayed Order Completed of the same order is still not counted again.
            ? result with { Orders = Math.Max(0, result.Orders - 1) }
            : result;
    }

    private static decimal? OrderAmount(JsonElement props) => CommerceEvents.StatedOrderAmount(props);

    private static ImmutableArray<CartItem> ReadCart(JsonElement products)
    {
        var lines = new List<CartItem>();
        foreach (var product in products.EnumerateArray())
        {
            var quantity = JsonRead.Quantity(product, "quantity") ?? 1;
            if (quantity <= 0 || ReadLine(product, quantity) is not { } line)
            {
                continue;
            }

            var same = lines.FindIndex(l => l.ProductId == line.ProductId);
            if (same < 0)
            {
                lines.Add(line);
            }
            else
            {
                lines[same] = lines[same] with
                {
                    Quantity = (int)Math.Min((long)lines[same].Quantity + quantity, int.MaxValue),
                };
            }
        }

        return [.. lines];
    }

    /// <summary>A cart line keyed by product_id, or by sku when the shop sends no product_id.</summary>
    private static CartItem? ReadLine(JsonElement product, int quantity)
    {
        var sku = JsonRead.String(product, "sku");
        var key = JsonRead.String(product, "product_id") ?? sku;
        return key is null
            ? null
            : new CartItem(
                key,
                sku,
                JsonRead.String(product, "name") ?? string.Empty,
                JsonRead.Money(product, "price") ?? 0m,
                quantity,
                JsonRead.String(product, "category"),
                JsonRead.String(product, "image_url"),
                JsonRead.String(product, "url"));
    }

    private static int FindLine(ImmutableArray<CartItem> cart, JsonElement props)
    {
        var productId = JsonRead.String(props, "product_id");
        var sku = JsonRead.String(props, "sku");
        var index = productId is null ? -1 : IndexOf(cart, l => l.ProductId == productId);

        // Lines keyed by sku (no product_id when added), or events that only name the sku.
        return index < 0 && sku is not null ? IndexOf(cart, l => l.ProductId == sku || l.Sku == sku) : index;
    }

    private static int IndexOf(ImmutableArray<CartItem> cart, Func<CartItem, bool> match)
    {
        for (var i = 0; i < cart.Length; i++)
        {
            if (match(cart[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsBeforeReset(ContactProfile profile, DateTimeOffset at) =>
        profile.CartResetAt is { } reset && at < reset;

    private static string? CurrencyOf(JsonElement props) =>
        JsonRead.String(props, "currency")?.Trim().ToUpperInvariant() is { Length: > 0 } code ? code : null;

    /// <param name="currency">What the event states; a late event (older than the cart's last change) does not set it.</param>
    private static ContactProfile WithCart(ContactProfile profile, ImmutableArray<CartItem> cart, DateTimeOffset at, string? currency) =>
        cart.SequenceEqual(profile.Cart)
            ? profile
            : profile with
            {
                Cart = cart,
                CartUpdatedAt = Max(profile.CartUpdatedAt, at),
                CartCurrency = currency is not null && (profile.CartUpdatedAt is null || at >= profile.CartUpdatedAt)
                    ? currency
                    : profile.CartCurrency,
            };

    /// <param name="currency">What the snapshot states; without one a non-empty cart keeps its currency, an empty one has none.</param>
    private static ContactProfile ReplaceCart(ContactProfile profile, ImmutableArray<CartItem> cart, DateTimeOffset at, string? currency)
    {
        if (Max(profile.CartUpdatedAt, profile.CartResetAt) is { } newest && newest > at)
        {
            return profile;
        }

        return profile with
        {
            Cart = cart,
            CartResetAt = at,
            CartUpdatedAt = cart.SequenceEqual(profile.Cart) ? profile.CartUpdatedAt : at,
            CartCurrency = cart.IsEmpty ? null : currency ?? profile.CartCurrency,
        };
    }
}
