namespace Rekindle.Core.Intelligence.Clv;

/// <summary>
/// Gamma-Gamma spend parameters (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader &amp; Hardie, "The Gamma-Gamma
/// Model of Monetary Value"): order values z ~ Gamma(<paramref name="P"/>, ν) per customer, ν ~ Gamma(<paramref name="Q"/>,
/// <paramref name="V"/>) across customers (lifetimes calls V "v", CLVTools "gamma").
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double V)
{
    /// <summary>The optimiser's default start.</summary>
    public static GammaGammaParameters Ones { get; } = new(1, 1, 1);

    internal double[] ToArray() => [P, Q, V];

    internal static GammaGammaParameters FromArray(double[] values) => new(values[0], values[1], values[2]);

    internal void Validate()
    {
        if (!(P > 0 && Q > 0 && V > 0) || !double.IsFinite(P + Q + V))
        {
            throw new ArgumentOutOfRangeException(nameof(GammaGammaParameters), this, "all Gamma-Gamma parameters must be positive and finite");
        }
    }
}
