namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// BG/NBD parameters (Fader, Hardie &amp; Lee 2005): purchase rates λ ~ Gamma(shape <paramref name="R"/>, rate
/// <paramref name="Alpha"/>) while alive; after each purchase the customer drops out with probability p ~
/// Beta(<paramref name="A"/>, <paramref name="B"/>). Alpha is in the summaries' time unit.
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B)
{
    /// <summary>The optimiser's default start.</summary>
    public static BgNbdParameters Ones { get; } = new(1, 1, 1, 1);

    internal double[] ToArray() => [R, Alpha, A, B];

    internal static BgNbdParameters FromArray(double[] values) => new(values[0], values[1], values[2], values[3]);

    internal void Validate()
    {
        if (!(R > 0 && Alpha > 0 && A > 0 && B > 0) || !double.IsFinite(R + Alpha + A + B))
        {
            throw new ArgumentOutOfRangeException(nameof(BgNbdParameters), this, "all BG/NBD parameters must be positive and finite");
        }
    }
}
