using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Engine.Intelligence;

/// <summary>The batch scoring's settings (configuration section "Intelligence"): when it runs and how it scores.</summary>
public sealed record IntelligenceOptions
{
    /// <summary>Time between two scheduled scoring runs; the first runs one interval after start.</summary>
    public TimeSpan ScoringInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>RFM looks at the orders of this many days before the scoring time.</summary>
    public int RfmLookBackDays { get; init; } = 365;

    /// <summary>A JSON file with the shop's own segment map (docs/rfm.md, "Configuring the map"); empty: the default map.</summary>
    public string? RfmSegmentMapFile { get; init; }

    /// <summary>The RFM settings these options describe; a map file that is missing or not a valid map stops the start.</summary>
    public RfmOptions Rfm()
    {
        var options = new RfmOptions { LookBack = TimeSpan.FromDays(RfmLookBackDays) };
        if (string.IsNullOrWhiteSpace(RfmSegmentMapFile))
        {
            return options;
        }

        if (!File.Exists(RfmSegmentMapFile))
        {
            throw new InvalidOperationException($"Intelligence:RfmSegmentMapFile: no file '{RfmSegmentMapFile}'");
        }

        var parsed = RfmSegmentMapJson.Parse(File.ReadAllText(RfmSegmentMapFile));
        return parsed.Map is { } map
            ? options with { Map = map }
            : throw new InvalidOperationException($"Intelligence:RfmSegmentMapFile '{RfmSegmentMapFile}' is not a valid segment map: " +
                string.Join("; ", parsed.Errors.Select(e => e.ToString())));
    }

    /// <summary>The repeat-purchase model behind P(alive) and expected purchases.</summary>
    public ChurnModelKind ChurnModel { get; init; } = ChurnModelKind.BgNbd;

    /// <summary>Churn risk is the probability of a purchase within this many days (H).</summary>
    public int ChurnHorizonDays { get; init; } = 90;

    /// <summary>The models the backtest tries: any of bg-nbd, pareto-nbd, boosted-trees; empty: all three.</summary>
    public IReadOnlyList<string> ChurnModels { get; init; } = [];

    /// <summary>Below this many customers at the backtest's cut-off, the fallback rule sets risk levels.</summary>
    public int ChurnMinimumCustomers { get; init; } = 200;

    /// <summary>... and below this many who bought in the backtest window, or who did not.</summary>
    public int ChurnMinimumBuyers { get; init; } = 20;

    /// <summary>High risk: a probability below this share of the shop's base rate of buying within H.</summary>
    public double ChurnHighBelowBaseRate { get; init; } = 0.5;

    /// <summary>Medium risk: below this share of the base rate (and not high).</summary>
    public double ChurnMediumBelowBaseRate { get; init; } = 1.0;

    /// <summary>A level changes only once the probability is past the boundary by this share of it.</summary>
    public double ChurnHysteresis { get; init; } = 0.1;

    /// <summary>The prediction settings these options describe; invalid values stop the start.</summary>
    public ChurnPredictionOptions ChurnPrediction()
    {
        var prediction = new ChurnPredictionOptions
        {
            HorizonDays = ChurnHorizonDays,
            MinimumCustomers = ChurnMinimumCustomers,
            MinimumBuyers = ChurnMinimumBuyers,
            HighBelowBaseRate = ChurnHighBelowBaseRate,
            MediumBelowBaseRate = ChurnMediumBelowBaseRate,
            Hysteresis = ChurnHysteresis,
        };
        try
        {
            prediction.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("Intelligence:Churn" + ex.Message);
        }

        var unknown = ChurnModels.Except(ChurnCandidates.Names).ToList();
        return unknown.Count == 0
            ? prediction
            : throw new InvalidOperationException($"Intelligence:ChurnModels: unknown model {string.Join(", ", unknown)}; known: {string.Join(", ", ChurnCandidates.Names)}");
    }

    /// <summary>Lifetime value counts this many months ahead ...</summary>
    public int ClvMonths { get; init; } = 12;

    /// <summary>... discounted by this rate per month (0.01 ≈ 12.7 % a year).</summary>
    public double ClvMonthlyDiscountRate { get; init; } = 0.01;
}

public enum ChurnModelKind
{
    BgNbd,
    ParetoNbd,
}
