using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Events;

namespace Rekindle.Core.Contacts;

/// <remarks>
/// Consent comes only from identify traits named "&lt;channel&gt;_consent" (or camelCase "&lt;channel&gt;Consent"),
/// read by <see cref="ConsentTraits"/> and ruled on by <see cref="ConsentPrecedence"/>. Two sources are deliberately
/// ignored:
/// <list type="bullet">
/// <item>context.consent.categoryPreferences: Segment's Consent Management is for cookie and data
/// collection consent, and Segment itself advises against using it for communication preferences
/// and recommends custom traits instead — which is what this reads.</item>
/// <item>context.traits: those are cached copies of old identify traits repeated on every call; a stale
/// cached "subscribed" must never undo an unsubscribe that happened since.</item>
/// </list>
/// </remarks>
public static partial class ProfileReducer
{
    private static ContactProfile ApplyConsent(
        ContactProfile profile, JsonElement traits, EventMessage message, ICollection<ConsentChange>? changes)
    {
        var consent = profile.Consent;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trait in ConsentTraits.Read(traits))
        {
            // Ingestion refuses values it cannot map; one stored before that rule is skipped. When both spellings are
            // sent, the snake_case one (read first) is the one that counts.
            if (trait.State is not { } state || !seen.Add(trait.Channel))
            {
                continue;
            }

            var current = consent.TryGetValue(trait.Channel, out var c) ? c : null;
            var (next, change) = ConsentPrecedence.Apply(
                current, trait.Channel, state, message.Timestamp, ConsentSource.Trait(trait.Trait), message.MessageId);
            if (change is not null)
            {
                changes?.Add(change);
            }

            if (next is not null && next != current)
            {
                consent = consent.SetItem(trait.Channel, next);
            }
        }

        return consent == profile.Consent ? profile : profile with { Consent = consent };
    }
}
