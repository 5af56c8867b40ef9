namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// Pareto/NBD parameters (Schmittlein, Morrison &amp; Colombo 1987; notation of Fader, Hardie &amp; Lee 2005):
/// purchase rates λ ~ Gamma(shape <paramref name="R"/>, rate <paramref name="Alpha"/>), dropout rates μ ~
/// Gamma(shape <paramref name="S"/>, rate <paramref name="Beta"/>). Alpha and Beta are in the summaries' time unit.
/// </summary>
public sealed record ParetoNbdParameters(double R, double Alpha, double S, double Beta)
{
    /// <summary>The optimiser's default start.</summary>
    public static ParetoNbdParameters Ones { get; } = new(1, 1, 1, 1);

    internal double[] ToArray() => [R, Alpha, S, Beta];

    internal static ParetoNbdParameters FromArray(double[] values) => new(values[0], values[1], values[2], values[3]);

    internal void Validate()
    {
        if (!(R > 0 && Alpha > 0 && S > 0 && Beta > 0) || !double.IsFinite(R + Alpha + S + Beta))
        {
            throw new ArgumentOutOfRangeException(nameof(ParetoNbdParameters), this, "all Pareto/NBD parameters must be positive and finite");
        }
    }
}
