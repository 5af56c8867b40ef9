using System.Text.Json;
using System.Text.Json.Serialization;
using Rekindle.Core.Consent;

namespace Rekindle.Storage.Contacts;

/// <summary>
/// A channel's consent in contacts.profile. Also reads what was stored before the consent contract (docs/consent.md):
/// <c>{"status": "granted" | "denied", "updatedAt": ...}</c>, as subscribed and unsubscribed from a trait, so that an
/// upgrade keeps every contact's answer.
/// </summary>
internal sealed class ChannelConsentJson : JsonConverter<ChannelConsent>
{
    private static readonly ConsentSource Legacy = new(ConsentSourceKind.Trait, "identify trait (recorded before the audit trail)");

    public override ChannelConsent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var updatedAt = root.GetProperty("updatedAt").GetDateTimeOffset();
        if (!root.TryGetProperty("state", out var state))
        {
            var legacy = root.GetProperty("status").GetString();
            var mapped = ConsentTraits.Map(legacy) ?? ConsentState.Unknown;
            return new ChannelConsent(mapped, updatedAt, Legacy);
        }

        var source = root.GetProperty("source");
        return new ChannelConsent(
            Enum.Parse<ConsentState>(state.GetString()!, ignoreCase: true),
            updatedAt,
            new ConsentSource(Enum.Parse<ConsentSourceKind>(source.GetProperty("kind").GetString()!, ignoreCase: true),
                source.GetProperty("name").GetString()!),
            root.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null);
    }

    public override void Write(Utf8JsonWriter writer, ChannelConsent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("state", ConsentStore.Name(value.State));
        writer.WriteString("updatedAt", value.UpdatedAt);
        writer.WriteStartObject("source");
        writer.WriteString("kind", ConsentStore.Name(value.Source.Kind));
        writer.WriteString("name", value.Source.Name);
        writer.WriteEndObject();
        writer.WriteString("messageId", value.MessageId);
        writer.WriteEndObject();
    }
}
