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

    /// <summary>P(alive) below this is high churn risk.</summary>
    public double ChurnHighBelow { get; init; } = 0.3;

    /// <summary>P(alive) below this (and not high) is medium churn risk; above it, low.</summary>
    public double ChurnMediumBelow { get; init; } = 0.7;

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
