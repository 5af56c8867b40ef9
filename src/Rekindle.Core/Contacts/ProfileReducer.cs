using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Events;

namespace Rekindle.Core.Contacts;

/// <summary>
/// Folds events into a <see cref="ContactProfile"/>. Pure and total: any message, in any order, yields a
/// profile — malformed values are skipped, never thrown on, because one bad event must not wedge a contact.
/// </summary>
/// <remarks>
/// Activity ("seen", visits) comes only from page, screen and track calls. Identify, alias and group calls
/// are often sent by backends and imports (a CSV import is a batch of identifies), and counting them would
/// make every imported customer look active on import day and break win-back segments.
/// </remarks>
public static partial class ProfileReducer
{
    public const int RecentlyViewedCap = 20;

    public const int RecentOrderIdsCap = 50;

    /// <summary>Silence after which the next activity starts a new visit (the common analytics convention).</summary>
    public static readonly TimeSpan VisitTimeout = TimeSpan.FromMinutes(30);

    public static ContactProfile Apply(ContactProfile profile, EventMessage message) => Apply(profile, message, null);

    /// <param name="consentChanges">Receives every consent change the message requested, applied or not (the audit trail).</param>
    public static ContactProfile Apply(ContactProfile profile, EventMessage message, ICollection<ConsentChange>? consentChanges)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(message);

        // Identity resolution never routes a message with a different user id to a contact that has one,
        // so filling an empty UserId is all that is needed here.
        var userId = string.IsNullOrWhiteSpace(message.UserId) ? null : message.UserId.Trim();
        var result = profile.UserId is null && userId is not null ? profile with { UserId = userId } : profile;

        switch (message.Type)
        {
            case MessageType.Identify:
                return ApplyIdentify(result, message, consentChanges);
            case MessageType.Page:
            case MessageType.Screen:
                result = ApplyActivity(result, message.Timestamp) with { PageViews = result.PageViews + 1 };
                return FillContactPointsFromContext(result, message);
            case MessageType.Track:
                result = FillContactPointsFromContext(ApplyActivity(result, message.Timestamp), message);
                return ApplyTrack(result, message);
            default:
                return result;
        }
    }

    private static ContactProfile ApplyActivity(ContactProfile profile, DateTimeOffset at)
    {
        // A late event that lands inside the known range cannot tell which visit it belonged to, so only
        // activity beyond either end of the range (by more than the timeout) opens a new visit.
        var newVisit = profile.LastSeenAt is not { } last
            || at - last > VisitTimeout
            || (profile.FirstSeenAt is { } first && first - at > VisitTimeout);

        return profile with
        {
            FirstSeenAt = Min(profile.FirstSeenAt, at),
            LastSeenAt = Max(profile.LastSeenAt, at),
            Visits = newVisit ? profile.Visits + 1 : profile.Visits,
        };
    }

    private static ContactProfile ApplyIdentify(ContactProfile profile, EventMessage message, ICollection<ConsentChange>? consentChanges)
    {
        var traits = JsonRead.ParseObject(message.Traits);
        var merged = profile.Traits.ToBuilder();
        foreach (var trait in traits.EnumerateObject())
        {
            if (trait.Value.ValueKind == JsonValueKind.Null)
            {
                merged.Remove(trait.Name);
            }
            else
            {
                merged[trait.Name] = trait.Value;
            }
        }

        // A removed or invalid email/phone trait leaves the known one in place: the identity key still
        // points at this contact, and forgetting it would orphan the key.
        return ApplyConsent(profile, traits, message, consentChanges) with
        {
            Traits = merged.ToImmutable(),
            Email = ContactPoints.NormalizeEmail(JsonRead.String(traits, "email")) ?? profile.Email,
            Phone = ContactPoints.NormalizePhone(JsonRead.String(traits, "phone")) ?? profile.Phone,
        };
    }

    /// <summary>
    /// analytics.js repeats cached identify traits in context.traits on every call. They may only fill
    /// gaps: they can be stale, and an identify is the authoritative place to change them.
    /// </summary>
    private static ContactProfile FillContactPointsFromContext(ContactProfile profile, EventMessage message)
    {
        if (profile.Email is not null && profile.Phone is not null)
        {
            return profile;
        }

        var traits = JsonRead.Member(JsonRead.ParseObject(message.Context), "traits");
        return profile with
        {
            Email = profile.Email ?? ContactPoints.NormalizeEmail(JsonRead.String(traits, "email")),
            Phone = profile.Phone ?? ContactPoints.NormalizePhone(JsonRead.String(traits, "phone")),
        };
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);

    private static ImmutableSortedDictionary<string, DateTimeOffset> SetMax(
        ImmutableSortedDictionary<string, DateTimeOffset> map, string key, DateTimeOffset at) =>
        map.TryGetValue(key, out var existing) && existing >= at ? map : map.SetItem(key, at);
}
