namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>How the churn run predicts, backtests and sets risk levels (docs/churn.md explains each choice).</summary>
public sealed record ChurnPredictionOptions
{
    /// <summary>H: risk is the probability of a purchase within this many days.</summary>
    public int HorizonDays { get; init; } = 90;

    /// <summary>Below this many customers at the backtest's cut-off the backtest says nothing reliable: the rule decides.</summary>
    public int MinimumCustomers { get; init; } = 200;

    /// <summary>... and below this many who bought in the backtest window, or who did not (an AUC from a handful is noise).</summary>
    public int MinimumBuyers { get; init; } = 20;

    /// <summary>Probability below this share of the shop's base rate (the share who bought within H in the backtest) is high risk.</summary>
    public double HighBelowBaseRate { get; init; } = 0.5;

    /// <summary>Below this share of the base rate (and not high) is medium risk; at or above it, low.</summary>
    public double MediumBelowBaseRate { get; init; } = 1.0;

    /// <summary>
    /// A customer keeps the previous level until the probability has moved past the boundary by this share of it
    /// (0.1: a boundary at 0.20 is crossed downwards below 0.18 and upwards at 0.22).
    /// </summary>
    public double Hysteresis { get; init; } = 0.1;

    /// <summary>Two candidates whose backtest AUCs differ by less than this are tied; the lower Brier score wins.</summary>
    public double AucTie { get; init; } = 0.002;

    public void Validate()
    {
        Check(HorizonDays >= 1, nameof(HorizonDays), "must be at least 1 day");
        Check(MinimumCustomers >= 1, nameof(MinimumCustomers), "must be at least 1");
        Check(MinimumBuyers >= 1, nameof(MinimumBuyers), "must be at least 1");
        Check(HighBelowBaseRate > 0 && HighBelowBaseRate <= MediumBelowBaseRate, nameof(HighBelowBaseRate),
            $"must be above 0 and at most {nameof(MediumBelowBaseRate)}");
        Check(Hysteresis is >= 0 and < 1, nameof(Hysteresis), "must be in [0, 1)");
        Check(AucTie is >= 0 and < 0.5, nameof(AucTie), "must be in [0, 0.5)");
    }

    private static void Check(bool ok, string name, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"{name} {problem}");
        }
    }
}
