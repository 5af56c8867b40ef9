using Rekindle.Core.Tracking;

namespace Rekindle.Engine.Tracking;

/// <summary>Email open and click tracking (configuration section <see cref="SectionName"/>).</summary>
public sealed record TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <summary>
    /// The server's public address as recipients' mail clients reach it, e.g. "https://rekindle.example.com".
    /// Unset: emails are sent as rendered, with no tracking links and no open pixel.
    /// </summary>
    public string? BaseUrl { get; init; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>Every problem, naming its configuration key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate() =>
        IsEnabled && EmailTracker.BaseUrlProblem(BaseUrl) is { } problem ? [$"{SectionName}:BaseUrl '{BaseUrl}' {problem}."] : [];
}
