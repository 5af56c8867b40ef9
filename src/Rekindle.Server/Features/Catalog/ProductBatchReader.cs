using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Catalog;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.Catalog;

/// <summary>The products of a catalogue request, or every problem found in it (then no product at all).</summary>
public sealed record ProductBatch(IReadOnlyList<CatalogProduct> Products, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// Reads <c>{"products": [...]}</c> and checks all of it before anything is stored, so that one answer lists every
/// problem with its place (<c>products[3].price</c>) and a shop fixes its feed in one round.
/// </summary>
public static class ProductBatchReader
{
    public const int MaxProducts = 1000;
    public const int MaxIdLength = 200;
    public const int MaxTextLength = 1000;
    public const int MaxUrlLength = 2048;

    /// <summary>
    /// Prices are kept to 4 decimals (numeric(18,4)); below this bound such a price has at most 14 significant digits,
    /// which SQLite's double gives back exactly.
    /// </summary>
    public const decimal PriceBound = 10_000_000_000m;

    private static readonly string[] Fields = ["productId", "name", "category", "price", "currency", "inStock", "url", "imageUrl"];
    private static readonly string KnownFields = string.Join(", ", Fields);

    public static ProductBatch Read(JsonElement root)
    {
        var problems = new List<FieldProblem>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Refused(new FieldProblem("body", "must be a JSON object {\"products\": [...]}"));
        }

        foreach (var member in root.EnumerateObject().Where(m => m.Name != "products"))
        {
            problems.Add(new FieldProblem(member.Name, "is not a known field (expected only products)"));
        }

        if (!root.TryGetProperty("products", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new FieldProblem("products", $"is required: an array of 1 to {MaxProducts} products"));
            return Refused([.. problems]);
        }

        var count = list.GetArrayLength();
        if (count is 0 or > MaxProducts)
        {
            problems.Add(new FieldProblem("products", $"has {count} products; send 1 to {MaxProducts} per request"));
            return Refused([.. problems]);
        }

        var products = new List<CatalogProduct>(count);
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var product = ReadProduct(item, $"products[{index}]", problems, out var id);
            if (id is not null && !firstIndexOf.TryAdd(id, index))
            {
                problems.Add(new FieldProblem($"products[{index}].productId", $"'{id}' is already at products[{firstIndexOf[id]}]"));
            }

            if (product is not null)
            {
                products.Add(product);
            }

            index++;
        }

        return problems.Count == 0 ? new ProductBatch(products, []) : Refused([.. problems]);
    }

    private static ProductBatch Refused(params FieldProblem[] problems) => new([], problems);

    /// <summary>
    /// The product at <paramref name="at"/>, or null when it has a problem (added to <paramref name="problems"/>);
    /// <paramref name="id"/> is its valid product id either way, for finding repeats.
    /// </summary>
    private static CatalogProduct? ReadProduct(JsonElement item, string at, List<FieldProblem> problems, out string? id)
    {
        id = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new FieldProblem(at, "must be an object"));
            return null;
        }

        var before = problems.Count;
        foreach (var member in item.EnumerateObject().Where(m => !Fields.Contains(m.Name, StringComparer.Ordinal)))
        {
            problems.Add(new FieldProblem($"{at}.{member.Name}", $"is not a known field ({KnownFields})"));
        }

        id = ProductId(item, $"{at}.productId", problems);
        var name = Text(item, "name", at, MaxTextLength, problems);
        var category = Text(item, "category", at, MaxTextLength, problems);
        var price = Price(item, $"{at}.price", problems);
        var currency = Currency(item, $"{at}.currency", problems);
        var inStock = InStock(item, $"{at}.inStock", problems);
        var url = Url(item, "url", at, problems);
        var imageUrl = Url(item, "imageUrl", at, problems);
        return problems.Count > before ? null : new CatalogProduct(id!, name, category, price, currency, inStock, url, imageUrl);
    }

    /// <summary>Trimmed, and a number is taken as its digits: the same key the event and order readers make of product_id.</summary>
    private static string? ProductId(JsonElement item, string field, List<FieldProblem> problems)
    {
        var value = Member(item, "productId");
        var id = value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => Problem(problems, field, "is required"),
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => Problem(problems, field, "must be a string"),
        };
        return id switch
        {
            null => null,
            "" => Problem(problems, field, "must not be empty"),
            { Length: > MaxIdLength } => Problem(problems, field, $"is longer than {MaxIdLength} characters"),
            _ => id,
        };
    }

    /// <summary>A trimmed string; absent, null and blank are all "not given".</summary>
    private static string? Text(JsonElement item, string name, string at, int maxLength, List<FieldProblem> problems)
    {
        var value = Member(item, name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Problem(problems, $"{at}.{name}", "must be a string");
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null
            : text.Length > maxLength ? Problem(problems, $"{at}.{name}", $"is longer than {maxLength} characters")
            : text;
    }

    private static decimal? Price(JsonElement item, string field, List<FieldProblem> problems)
    {
        var value = Member(item, "price");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return Invalid(problems, field, "must be a number");
        }

        if (!value.TryGetDecimal(out var price))
        {
            // Beyond decimal's range: far too large, or far too negative.
            price = value.GetRawText().StartsWith('-') ? -1 : PriceBound;
        }

        return price < 0 ? Invalid(problems, field, "must not be negative")
            : price >= PriceBound ? Invalid(problems, field, $"must be below {PriceBound.ToString("N0", CultureInfo.InvariantCulture)}")
            : decimal.Round(price, 4) != price ? Invalid(problems, field, "has more than 4 decimal places")
            : price;
    }

    /// <summary>
    /// Upper-cased; required with a price (even an invalid one, so both problems show at once): a price in an unknown
    /// currency can neither be shown nor compared with another product's.
    /// </summary>
    private static string? Currency(JsonElement item, string field, List<FieldProblem> problems)
    {
        var value = Member(item, "currency");
        var code = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim().ToUpperInvariant() : null;
        if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
        {
            return Problem(problems, field, "must be a string");
        }

        if (string.IsNullOrEmpty(code))
        {
            return Member(item, "price").ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? null
                : Problem(problems, field, "is required when price is given");
        }

        return code.Length == 3 && code.All(char.IsAsciiLetterUpper) ? code
            : Problem(problems, field, "must be a 3-letter ISO 4217 code such as EUR");
    }

    /// <summary>In stock unless the shop says otherwise: a catalogue entry must not hide a product by omission.</summary>
    private static bool InStock(JsonElement item, string field, List<FieldProblem> problems)
    {
        var value = Member(item, "inStock");
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                problems.Add(new FieldProblem(field, "must be true or false"));
                return true;
        }
    }

    /// <summary>Absolute http or https: emails and the widget link to it from outside the shop.</summary>
    private static string? Url(JsonElement item, string name, string at, List<FieldProblem> problems)
    {
        var before = problems.Count;
        var text = Text(item, name, at, MaxUrlLength, problems);
        if (text is null || problems.Count > before)
        {
            return null;
        }

        var web = Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
        return web
            ? text
            : Problem(problems, $"{at}.{name}", "must be an absolute http or https URL");
    }

    private static JsonElement Member(JsonElement obj, string name) => obj.TryGetProperty(name, out var value) ? value : default;

    private static string? Problem(List<FieldProblem> problems, string field, string problem)
    {
        problems.Add(new FieldProblem(field, problem));
        return null;
    }

    private static decimal? Invalid(List<FieldProblem> problems, string field, string problem)
    {
        problems.Add(new FieldProblem(field, problem));
        return null;
    }
}
