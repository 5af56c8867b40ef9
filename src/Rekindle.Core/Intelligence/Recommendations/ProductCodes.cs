using System.Collections.Frozen;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>
/// Tells real products from the bookkeeping lines order sources mix in (postage, carriage, fees, commissions, samples,
/// discounts, manual adjustments): those are never recommended, and recommenders do not learn from them.
/// </summary>
/// <remarks>
/// The rule, applied to the product's name and to its id alike (either one matching is enough), and to its price:
/// <list type="number">
/// <item>the last word is one for postage or carriage (<c>postage</c>, <c>carriage</c>, <c>shipping</c>,
/// <c>delivery</c>, <c>freight</c>), a fee (<c>fee</c>, <c>charge</c>, <c>surcharge</c>, <c>commission</c>), a
/// <c>discount</c> or a <c>sample</c> (plurals too) — in an English product name the last word says what the thing is,
/// so "Next Day Carriage" and "PACKING CHARGE" are charges while "CARRIAGE CLOCK" is a clock;</item>
/// <item>any word is <c>adjust</c> or <c>adjustment(s)</c> (a hand-made correction: "Adjust bad debt");</item>
/// <item>the whole name is <c>manual</c> (a hand-entered line, Online Retail's M);</item>
/// <item>its price is known and below 0.01 (a placeholder: Online Retail's PADS at £0.001).</item>
/// </list>
/// Words are runs of ASCII letters compared ignoring case, so "BANK CHARGES", "bank-charges" and "Bank Charges" read
/// alike. On the Online Retail file this excludes POST, DOT, C2, M, BANK CHARGES, PADS, 23444 ("Next Day Carriage") and
/// 23574 ("PACKING CHARGE") among the products of its orders, and no product; its other non-product codes (AMAZONFEE,
/// CRUK, D, S, B, m) never appear on a customer's order but match as well. A product the rule cannot judge (no name,
/// an id like "SHIP1") goes into <c>Recommendations:ExcludedProducts</c>.
/// </remarks>
public static class ProductCodes
{
    private static readonly FrozenSet<string> LastWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "postage", "carriage", "shipping", "delivery", "freight",
        "fee", "fees", "charge", "charges", "surcharge", "surcharges", "commission", "commissions",
        "discount", "discounts", "sample", "samples");

    private static readonly FrozenSet<string> AnyWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "adjust", "adjustment", "adjustments");

    /// <summary>Below this unit price nothing is for sale: a placeholder line, not a product.</summary>
    public const decimal LowestPrice = 0.01m;

    /// <summary>Every id is a product: for a plain list of orders with nothing known about their products.</summary>
    public static bool Any(string productId) => !string.IsNullOrEmpty(productId);

    /// <summary>True when the line is postage, a fee, a discount, a sample or an adjustment by the rule above.</summary>
    /// <param name="name">The product's name, when known.</param>
    /// <param name="price">The product's unit price, when known.</param>
    public static bool IsBookkeeping(string productId, string? name, decimal? price)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return IsBookkeepingText(productId) || (name is not null && IsBookkeepingText(name)) || price < LowestPrice;
    }

    private static bool IsBookkeepingText(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return false;
        }

        return LastWords.Contains(words[^1])
            || words.Exists(AnyWords.Contains)
            || (words.Count == 1 && words[0].Equals("manual", StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsAsciiLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
