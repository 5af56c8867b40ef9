using System.Text.Json;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Flows.Time;

/// <summary>
/// The time zone a contact lives in, for anything that happens "at 09:00 their time" (date-trait triggers, and the
/// time-of-day waits): the trait <c>timezone</c> holding an IANA id ("Europe/Warsaw"), else the shop's default
/// (<c>Flows:DefaultTimeZone</c>, UTC unless configured). An unknown id in the trait falls back quietly: a shopper's
/// typo must not stop their journeys.
/// </summary>
public static class ContactTimeZone
{
    /// <summary>The trait that names the contact's IANA time zone.</summary>
    public const string Trait = "timezone";

    public static TimeZoneInfo Resolve(ContactProfile profile, TimeZoneInfo fallback)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(fallback);
        return profile.Traits.TryGetValue(Trait, out JsonElement value)
            && value.ValueKind == JsonValueKind.String
            && TryFind(value.GetString(), out TimeZoneInfo? zone)
            ? zone
            : fallback;
    }

    /// <summary>A zone by IANA (or Windows) id; false for a blank or unknown id.</summary>
    public static bool TryFind(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out zone);
    }
}
