namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>How an RFM run is done: which orders count and how scores become segments.</summary>
public sealed record RfmOptions
{
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(365);

    public static RfmOptions Default { get; } = new();

    /// <summary>How far back from "now" orders count; a year by default, so that seasonal buyers are seen once.</summary>
    public TimeSpan LookBack { get; init; } = DefaultLookBack;

    public RfmSegmentMap Map { get; init; } = RfmSegmentMap.Default;
}
