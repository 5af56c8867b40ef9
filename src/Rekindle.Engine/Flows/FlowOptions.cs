using Microsoft.Extensions.Configuration;
using Rekindle.Core.Flows.Time;

namespace Rekindle.Engine.Flows;

/// <summary>
/// How flows run (configuration section "Flows"). <c>Flows:DefaultTimeZone</c>: the IANA time zone of a contact
/// whose <c>timezone</c> trait is missing or unknown, for date-trait triggers and time-of-day waits; UTC by default.
/// </summary>
public sealed record FlowOptions(TimeZoneInfo DefaultTimeZone)
{
    public const string SectionName = "Flows";

    public static FlowOptions Default { get; } = new(TimeZoneInfo.Utc);

    /// <summary>The configured options; an unknown zone id stops the start, naming the key and the value.</summary>
    public static FlowOptions Read(IConfiguration configuration)
    {
        var key = SectionName + ":DefaultTimeZone";
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Default;
        }

        return ContactTimeZone.TryFind(raw, out var zone)
            ? new FlowOptions(zone)
            : throw new InvalidOperationException(
                $"Flows configuration is not valid: {key} '{raw}' is not a known time zone id (use an IANA id such as Europe/Warsaw or UTC).");
    }
}
