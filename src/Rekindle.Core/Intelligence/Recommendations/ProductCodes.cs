namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>Rules that tell real products from the bookkeeping lines some order sources mix in.</summary>
public static class ProductCodes
{
    /// <summary>Every id is a product: the default, for shops whose orders carry products only.</summary>
    public static bool Any(string productId) => !string.IsNullOrEmpty(productId);

    /// <summary>
    /// Online Retail's stock codes: a product's code starts with a digit and holds only ASCII letters and digits
    /// ("85123A", "22423"). The file's other lines — postage (POST, DOT, C2), manual entries (M, m), discounts (D),
    /// samples (S), fees (BANK CHARGES, AMAZONFEE), donations (CRUK), gift vouchers (gift_0001_20), the DCGS… and
    /// PADS specials — all start with a letter or contain other characters. Recommending postage or a bank charge
    /// would be nonsense, and POST on a third of the orders would otherwise be everybody's best "bought together".
    /// </summary>
    public static bool IsOnlineRetailStockCode(string productId)
    {
        if (string.IsNullOrEmpty(productId) || !char.IsAsciiDigit(productId[0]))
        {
            return false;
        }

        foreach (var c in productId)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
