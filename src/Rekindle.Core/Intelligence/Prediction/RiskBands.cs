using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// Risk levels from the probability of buying within the horizon, with boundaries set relative to the shop: a
/// probability of 0.2 is worrying where nine in ten customers buy every quarter and normal where one in ten does.
/// </summary>
/// <param name="HighBelow">Probability below which a customer is high risk.</param>
/// <param name="MediumBelow">Probability below which (and not high) a customer is medium risk.</param>
public sealed record RiskBands(double HighBelow, double MediumBelow)
{
    public static RiskBands FromBaseRate(double baseRate, ChurnPredictionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RiskBands(baseRate * options.HighBelowBaseRate, baseRate * options.MediumBelowBaseRate);
    }

    public ChurnRisk Classify(double probability) =>
        probability < HighBelow ? ChurnRisk.High : probability < MediumBelow ? ChurnRisk.Medium : ChurnRisk.Low;

    /// <summary>
    /// The level with hysteresis: the previous level stays while it is what the boundaries would say if they were
    /// moved by up to ± <paramref name="hysteresis"/> of themselves; otherwise the level moves only as far as the
    /// shifted boundaries allow. Without a previous level, the plain classification.
    /// </summary>
    public ChurnRisk Assign(double probability, ChurnRisk? previous, double hysteresis) =>
        previous is null ? Classify(probability) : Hysteresis.Keep(previous.Value,
            lenient: Scaled(1 - hysteresis).Classify(probability),
            strict: Scaled(1 + hysteresis).Classify(probability));

    private RiskBands Scaled(double factor) => new(HighBelow * factor, MediumBelow * factor);
}

/// <summary>Overdue bands of the fallback rule: medium from one expected gap without a purchase, high from two.</summary>
public sealed record OverdueBands(double MediumFrom = 1, double HighFrom = 2)
{
    public ChurnRisk Classify(double overdue) =>
        overdue >= HighFrom ? ChurnRisk.High : overdue >= MediumFrom ? ChurnRisk.Medium : ChurnRisk.Low;

    public ChurnRisk Assign(double overdue, ChurnRisk? previous, double hysteresis) =>
        previous is null ? Classify(overdue) : Hysteresis.Keep(previous.Value,
            lenient: new OverdueBands(MediumFrom * (1 + hysteresis), HighFrom * (1 + hysteresis)).Classify(overdue),
            strict: new OverdueBands(MediumFrom * (1 - hysteresis), HighFrom * (1 - hysteresis)).Classify(overdue));
}

internal static class Hysteresis
{
    /// <summary>The previous level clamped between the least and the most severe level the shifted boundaries give.</summary>
    public static ChurnRisk Keep(ChurnRisk previous, ChurnRisk lenient, ChurnRisk strict) =>
        previous < lenient ? lenient : previous > strict ? strict : previous;
}
