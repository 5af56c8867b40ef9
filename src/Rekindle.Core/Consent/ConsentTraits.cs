using System.Text.Json;

namespace Rekindle.Core.Consent;

/// <summary>A consent trait found in an identify call's traits.</summary>
/// <param name="Trait">The trait's name as sent ("email_consent" or "emailConsent").</param>
/// <param name="State">Subscribed or Unsubscribed; null when the value is not one of <see cref="ConsentTraits.Accepted"/>.</param>
public sealed record ConsentTrait(string Channel, string Trait, ConsentState? State, JsonElement Value);

/// <summary>
/// Reads the "&lt;channel&gt;_consent" (or camelCase "&lt;channel&gt;Consent") traits of an identify call. The same
/// reading serves ingestion, which refuses a message with a value it cannot map, and the profile reducer, which
/// applies the values — so what is stored is exactly what will be understood.
/// </summary>
public static class ConsentTraits
{
    private static readonly string[] Yes = ["true", "yes", "subscribed", "granted", "opted_in"];

    private static readonly string[] No = ["false", "no", "unsubscribed", "denied", "opted_out"];

    /// <summary>The accepted values, as an error message lists them.</summary>
    public static readonly string Accepted =
        $"true or false, or one of the strings {string.Join(", ", Yes.Select(v => $"\"{v}\""))} (subscribed) " +
        $"or {string.Join(", ", No.Select(v => $"\"{v}\""))} (unsubscribed), in any letter case";

    /// <summary>Every consent trait present with a non-null value (a null means "not given" and changes nothing).</summary>
    public static IEnumerable<ConsentTrait> Read(JsonElement traits)
    {
        if (traits.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var channel in ConsentChannels.All)
        {
            foreach (var name in (string[])[channel + "_consent", channel + "Consent"])
            {
                if (traits.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    yield return new ConsentTrait(channel, name, Map(value), value);
                }
            }
        }
    }

    /// <summary>The state a trait value means, or null when it means nothing Rekindle may guess at.</summary>
    public static ConsentState? Map(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => ConsentState.Subscribed,
        JsonValueKind.False => ConsentState.Unsubscribed,
        JsonValueKind.String => Map(value.GetString()),
        _ => null,
    };

    public static ConsentState? Map(string? text)
    {
        var value = text?.Trim();
        return Yes.Contains(value, StringComparer.OrdinalIgnoreCase) ? ConsentState.Subscribed
            : No.Contains(value, StringComparer.OrdinalIgnoreCase) ? ConsentState.Unsubscribed
            : null;
    }

    /// <summary>The problem with a consent trait's value, worded to follow the field name; null when it is fine.</summary>
    public static string? Problem(ConsentTrait trait) => trait.State is not null
        ? null
        : $"is not a consent value: {Shorten(trait.Value.GetRawText())}; expected {Accepted}";

    private static string Shorten(string raw) => raw.Length <= 60 ? raw : raw[..57] + "...";
}
