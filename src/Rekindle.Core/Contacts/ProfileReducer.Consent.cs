using System.Text.Json;

namespace Rekindle.Core.Contacts;

/// <remarks>
/// Consent comes only from identify traits named "&lt;channel&gt;_consent" (or camelCase
/// "&lt;channel&gt;Consent") with true/false or "granted"/"denied". Two sources are deliberately ignored:
/// <list type="bullet">
/// <item>context.consent.categoryPreferences: Segment's Consent Management is for cookie and data
/// collection consent, and Segment itself advises against using it for communication preferences
/// and recommends custom traits instead — which is what this reads.</item>
/// <item>context.traits: those are cached copies of old identify traits repeated on every call; a stale
/// cached "granted" must never undo an unsubscribe that happened since.</item>
/// </list>
/// A consent older than the one recorded (events arrive out of order) is ignored.
/// </remarks>
public static partial class ProfileReducer
{
    private static ContactProfile ApplyConsent(ContactProfile profile, JsonElement traits, DateTimeOffset at)
    {
        var consent = profile.Consent;
        foreach (var channel in ConsentChannels.All)
        {
            var status = ReadConsent(JsonRead.Member(traits, channel + "_consent"))
                ?? ReadConsent(JsonRead.Member(traits, channel + "Consent"));
            if (status is null)
            {
                continue;
            }

            if (consent.TryGetValue(channel, out var existing) && existing.UpdatedAt > at)
            {
                continue;
            }

            consent = consent.SetItem(channel, new ChannelConsent(status.Value, at));
        }

        return consent == profile.Consent ? profile : profile with { Consent = consent };
    }

    private static ConsentStatus? ReadConsent(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => ConsentStatus.Granted,
        JsonValueKind.False => ConsentStatus.Denied,
        JsonValueKind.String => value.GetString()?.Trim().ToLowerInvariant() switch
        {
            "granted" or "true" => ConsentStatus.Granted,
            "denied" or "false" => ConsentStatus.Denied,
            _ => null,
        },
        _ => null,
    };
}
