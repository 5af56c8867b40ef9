using System.Globalization;
using System.Text;

namespace Rekindle.LoadTest;

/// <summary>
/// Synthetic but realistic shop traffic: each shopper views a page, views a product, adds it to the
/// cart (the abandoned-cart trigger) and identifies with an email. Batches are built as raw JSON so
/// the harness spends its CPU on sending, not on serialising.
/// </summary>
internal static class ShopperTraffic
{
    public const int EventsPerShopper = 4;

    /// <summary>A /v1/batch body for shoppers [first, first + count); returns the messageIds of the Product Added events.</summary>
    public static string Batch(string runId, int firstShopper, int shopperCount, DateTimeOffset at, List<string>? triggers = null)
    {
        var json = new StringBuilder(shopperCount * 900);
        json.Append("{\"batch\":[");
        var ts = at.ToString("O", CultureInfo.InvariantCulture);
        for (var s = firstShopper; s < firstShopper + shopperCount; s++)
        {
            var anon = $"{runId}-a{s}";
            var product = s % 500;
            if (s > firstShopper)
            {
                json.Append(',');
            }

            json.Append("{\"type\":\"page\",\"anonymousId\":\"").Append(anon).Append("\",\"messageId\":\"").Append(anon).Append("-1\",\"timestamp\":\"").Append(ts)
                .Append("\",\"name\":\"Product\",\"properties\":{\"path\":\"/p/").Append(product).Append("\",\"title\":\"Product ").Append(product).Append("\"}},");
            json.Append("{\"type\":\"track\",\"anonymousId\":\"").Append(anon).Append("\",\"messageId\":\"").Append(anon).Append("-2\",\"timestamp\":\"").Append(ts)
                .Append("\",\"event\":\"Product Viewed\",\"properties\":{\"product_id\":\"p").Append(product).Append("\",\"name\":\"Product ").Append(product)
                .Append("\",\"price\":19.99,\"category\":\"Shoes\"}},");
            json.Append("{\"type\":\"track\",\"anonymousId\":\"").Append(anon).Append("\",\"messageId\":\"").Append(anon).Append("-3\",\"timestamp\":\"").Append(ts)
                .Append("\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"p").Append(product).Append("\",\"name\":\"Product ").Append(product)
                .Append("\",\"price\":19.99,\"quantity\":1,\"image_url\":\"https://shop.example/i/").Append(product).Append(".jpg\",\"url\":\"https://shop.example/p/")
                .Append(product).Append("\"}},");
            json.Append("{\"type\":\"identify\",\"anonymousId\":\"").Append(anon).Append("\",\"messageId\":\"").Append(anon).Append("-4\",\"timestamp\":\"").Append(ts)
                .Append("\",\"traits\":{\"email\":\"").Append(anon).Append("@example.com\",\"first_name\":\"Shopper\"}}");
            triggers?.Add(anon + "-3");
        }

        return json.Append("]}").ToString();
    }
}
