using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rekindle.Core.Contacts;

namespace Rekindle.Storage.Contacts;

/// <summary>How a profile is stored (contacts.profile) and shown by the API: camelCase JSON.</summary>
public static class ProfileJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new ChannelConsentJson() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(ContactProfile profile) => JsonSerializer.Serialize(profile, Options);

    public static ContactProfile Deserialize(string json)
    {
        var profile = JsonSerializer.Deserialize<ContactProfile>(json, Options)
            ?? throw new InvalidDataException("contacts.profile is null");

        // JSON does not carry the comparers; the core relies on ordinal keys.
        return profile with
        {
            Traits = profile.Traits.WithComparers(StringComparer.Ordinal),
            Tags = (profile.Tags ?? []).WithComparer(StringComparer.Ordinal),
            Consent = profile.Consent.WithComparers(StringComparer.Ordinal),
            LastEventAt = profile.LastEventAt.WithComparers(StringComparer.Ordinal),
        };
    }
}
