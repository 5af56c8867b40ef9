using System.Text.Json;
using Rekindle.Core.Catalog;
using Rekindle.Core.Contacts;
using Rekindle.Core.Coupons;

namespace Rekindle.Core.Templates;

/// <summary>
/// The data a Liquid template sees for one contact: <c>contact.*</c>, <c>cart.*</c>, and when the email step asks
/// for them, <c>coupon.*</c> and the <c>recommendations</c> list. Only plain types
/// (nested <see cref="Dictionary{TKey,TValue}"/> with string keys, <see cref="List{T}"/> of object, and
/// string/decimal/int/bool/DateTimeOffset leaves) so that any template engine can walk it without
/// knowing Rekindle's types or System.Text.Json. Keys are snake_case as Shopify-style Liquid expects;
/// trait names are passed through as the shop sent them, because marketers copy them from the events.
/// </summary>
public static class TemplateModel
{
    /// <param name="catalog">
    /// Fills what a cart line's events left out (name, price, url, image) from the shop's catalogue, or from what the
    /// orders say about the product when the shop uploaded none.
    /// </param>
    /// <param name="defaultCurrency">
    /// The shop's currency: <c>cart.currency</c> when neither the cart's events nor the contact's last order name one.
    /// </param>
    public static IReadOnlyDictionary<string, object?> Build(
        ContactProfile profile, IssuedCoupon? coupon = null, IReadOnlyList<TemplateProduct>? recommendations = null,
        ProductCatalog? catalog = null, string? defaultCurrency = null)
    {
        ArgumentNullException.ThrowIfNull(profile);

        var (firstName, lastName) = Names(profile);
        var contact = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = profile.Id,
            ["email"] = profile.Email,
            ["phone"] = profile.Phone,
            ["user_id"] = profile.UserId,
            ["first_name"] = firstName,
            ["last_name"] = lastName,
            ["traits"] = TraitsModel(profile),
            ["orders"] = profile.Orders,
            ["revenue"] = profile.Revenue,
            ["created_at"] = profile.CreatedAt,
            ["first_order_at"] = profile.FirstOrderAt,
            ["last_order_at"] = profile.LastOrderAt,
        };

        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["contact"] = contact,
            ["cart"] = CartModel(profile, catalog, defaultCurrency),
        };
        if (coupon is not null)
        {
            model["coupon"] = CouponModel(coupon);
        }

        if (recommendations is not null)
        {
            model["recommendations"] = recommendations.Select(p => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["product_id"] = p.ProductId,
                ["name"] = p.Name,
                ["price"] = p.Price,
                ["currency"] = p.Currency,
                ["url"] = p.Url,
                ["image_url"] = p.ImageUrl,
                ["source"] = p.Source,
            }).ToList();
        }

        return model;
    }

    /// <summary>
    /// The cart in the currency its own events stated (<see cref="ContactProfile.CartCurrency"/>), else the last
    /// order's, else the shop's. A line keeps what its events said; the catalogue only fills what they left out (an
    /// empty name, no price — read as 0 —, no url or image).
    /// </summary>
    private static Dictionary<string, object?> CartModel(ContactProfile profile, ProductCatalog? catalog, string? defaultCurrency)
    {
        var items = new List<object?>(profile.Cart.Length);
        var itemCount = 0;
        var total = 0m;
        foreach (var line in profile.Cart)
        {
            var known = catalog?.Find(line.ProductId);
            var price = line.Price == 0m && known?.Price is { } listed ? listed : line.Price;
            var lineTotal = price * line.Quantity;
            itemCount += line.Quantity;
            total += lineTotal;
            items.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["product_id"] = line.ProductId,
                ["sku"] = line.Sku,
                ["name"] = line.Name.Length == 0 && known?.Name is { } name ? name : line.Name,
                ["price"] = price,
                ["quantity"] = line.Quantity,
                ["line_total"] = lineTotal,
                ["category"] = line.Category ?? known?.Category,
                ["image_url"] = line.ImageUrl ?? known?.ImageUrl,
                ["url"] = line.Url ?? known?.Url,
            });
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["items"] = items,
            ["item_count"] = itemCount,
            ["total"] = total,
            ["currency"] = profile.CartCurrency ?? profile.Currency ?? defaultCurrency,
            ["updated_at"] = profile.CartUpdatedAt,
        };
    }

    /// <summary>
    /// <c>coupon.value</c> is ready to print ("15%", "10.00 GBP"); the parts are there for templates that format
    /// it themselves (<c>{{ coupon.amount_off | money: coupon.currency }}</c>).
    /// </summary>
    private static Dictionary<string, object?> CouponModel(IssuedCoupon coupon) => new(StringComparer.Ordinal)
    {
        ["code"] = coupon.Code,
        ["campaign"] = coupon.CampaignId,
        ["tier"] = coupon.Tier,
        ["value"] = coupon.Value.Display,
        ["percent_off"] = coupon.Value.Kind == CouponValueKind.PercentOff ? coupon.Value.Amount : null,
        ["amount_off"] = coupon.Value.Kind == CouponValueKind.AmountOff ? coupon.Value.Amount : null,
        ["currency"] = coupon.Value.Currency,
        ["expires_at"] = coupon.ExpiresAt,
    };

    /// <summary>firstName/first_name and lastName/last_name traits; else split the name trait at its first space.</summary>
    private static (string? First, string? Last) Names(ContactProfile profile)
    {
        var first = TraitText(profile, "firstName") ?? TraitText(profile, "first_name");
        var last = TraitText(profile, "lastName") ?? TraitText(profile, "last_name");
        if ((first is null || last is null) && TraitText(profile, "name") is { } name)
        {
            var parts = name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            first ??= parts[0];
            last ??= parts.Length > 1 ? parts[1] : null;
        }

        return (first, last);
    }

    private static string? TraitText(ContactProfile profile, string key) =>
        profile.Traits.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString()?.Trim() is { Length: > 0 } text
            ? text
            : null;

    private static Dictionary<string, object?> TraitsModel(ContactProfile profile)
    {
        var traits = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in profile.Traits)
        {
            traits[key] = Plain(value);
        }

        return traits;
    }

    /// <summary>
    /// JSON to plain values. Numbers become int when whole and in range, else decimal (raw text if even
    /// decimal cannot hold them). Strings stay strings, dates included: converting "2024-05-01" would
    /// change how an unfiltered {{ trait }} prints, and Liquid's date filter parses strings anyway.
    /// </summary>
    private static object? Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt32(out var whole) => whole,
        JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => value.EnumerateObject()
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Plain(g.Last().Value), StringComparer.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToList(),
        _ => null,
    };
}
