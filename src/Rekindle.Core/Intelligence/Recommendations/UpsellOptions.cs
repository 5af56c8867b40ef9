namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>The price band of an upsell, as multiples of the price of the product the customer bought.</summary>
/// <param name="MinPriceRatio">
/// The candidate must cost more than this multiple (strictly): 1 means any dearer product; 1.2 asks for a step a
/// customer would notice rather than the same thing a few pence dearer.
/// </param>
/// <param name="MaxPriceRatio">
/// The candidate may cost at most this multiple: someone who paid £20 for a kettle is a buyer for the £45 one,
/// rarely for the £400 one, however alike the category says they are.
/// </param>
public sealed record UpsellOptions(decimal MinPriceRatio = 1.0m, decimal MaxPriceRatio = 3.0m)
{
    public static UpsellOptions Default { get; } = new();
}
