using Rekindle.Core.Events;

namespace Rekindle.Core.Contacts;

/// <summary>Extracts the identity keys a message carries.</summary>
public static class IdentityKeys
{
    /// <summary>
    /// The message's keys, distinct, in this order: UserId, AnonymousId, Email, Phone, then — for an
    /// alias — the previousId. The first UserId key is always the message's own userId, which
    /// <see cref="IdentityResolver"/> relies on.
    /// </summary>
    /// <remarks>
    /// An alias's previousId may be an anonymousId or an earlier userId (analytics.js sends the current
    /// userId when there is one, else the anonymousId), and nothing in the message says which. It is
    /// emitted twice, as UserId and as AnonymousId, so the lookup finds it either way; the resolver never
    /// gives a contact a second user id, so when previousId is unknown it is kept as an anonymous id.
    /// Email and phone come from identify traits and from context.traits of any call; group traits
    /// describe the company, not the person, and are skipped.
    /// </remarks>
    public static IReadOnlyList<IdentityKey> From(EventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        var keys = new List<IdentityKey>();
        var userId = Id(message.UserId);
        var anonymousId = Id(message.AnonymousId);
        Add(keys, IdentityKind.UserId, userId);
        Add(keys, IdentityKind.AnonymousId, anonymousId);

        var traits = message.Type == MessageType.Identify ? JsonRead.ParseObject(message.Traits) : default;
        var contextTraits = JsonRead.Member(JsonRead.ParseObject(message.Context), "traits");
        foreach (var source in new[] { traits, contextTraits })
        {
            Add(keys, IdentityKind.Email, ContactPoints.NormalizeEmail(JsonRead.String(source, "email")));
        }

        foreach (var source in new[] { traits, contextTraits })
        {
            Add(keys, IdentityKind.Phone, ContactPoints.NormalizePhone(JsonRead.String(source, "phone")));
        }

        if (message.Type == MessageType.Alias && Id(message.PreviousId) is { } previousId && previousId != userId)
        {
            Add(keys, IdentityKind.UserId, previousId);
            Add(keys, IdentityKind.AnonymousId, previousId);
        }

        return keys;
    }

    private static string? Id(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(List<IdentityKey> keys, IdentityKind kind, string? value)
    {
        if (value is not null && !keys.Contains(new IdentityKey(kind, value)))
        {
            keys.Add(new IdentityKey(kind, value));
        }
    }
}
