namespace Rekindle.Core.Contacts;

/// <summary>
/// Decides which contact a message belongs to and which contacts it proves to be one person.
/// </summary>
/// <remarks>
/// Rules, in order:
/// <list type="number">
/// <item>No key is known: a new contact gets the keys.</item>
/// <item>The survivor is the contact owning the message's userId key; else the first contact found via an
/// Email key; else the first contact found in key order. A contact whose user id differs from the
/// message's userId can never be the survivor (it is another customer); if no contact qualifies, a new
/// contact is created.</item>
/// <item>Every other contact found is merged into the survivor, unless it has a non-null user id that
/// differs from the survivor's (after adopting the message's userId, or the first merged contact's). Two
/// known customers sharing a device or a family email must never become one: such a contact is left
/// alone and keeps its keys, except anonymous ids, which follow the device to whoever uses it now.</item>
/// <item>A contact has at most one user id: an unknown UserId key other than the survivor's is not
/// assigned (this is an alias's previousId that was no user id), and neither is an unknown AnonymousId
/// whose value is already known as a user id (the other reading of that previousId).</item>
/// </list>
/// An alias (previousId → userId) therefore merges the previousId's contact into the userId's contact
/// under the same rules — including refusing to merge two contacts with different user ids.
/// </remarks>
public static class IdentityResolver
{
    public static IdentityResolution Resolve(
        IReadOnlyList<IdentityKey> keys,
        Func<IdentityKey, ContactRef?> lookup,
        Func<string> newContactId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(newContactId);

        var distinct = keys.Distinct().ToList();
        var owners = distinct.Select(lookup).ToList();
        var messageUserId = distinct.FirstOrDefault(k => k.Kind == IdentityKind.UserId)?.Value;

        var survivor = ChooseSurvivor(distinct, owners, messageUserId);
        var contactId = survivor?.ContactId ?? newContactId();
        var userId = survivor?.UserId ?? messageUserId;

        var merged = new List<string>();
        var leftAlone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            if (owner is null || owner.ContactId == contactId
                || merged.Contains(owner.ContactId) || leftAlone.Contains(owner.ContactId))
            {
                continue;
            }

            if (owner.UserId is not null && userId is not null && owner.UserId != userId)
            {
                leftAlone.Add(owner.ContactId);
            }
            else
            {
                merged.Add(owner.ContactId);
                userId ??= owner.UserId;
            }
        }

        var assign = new List<IdentityKey>();
        for (var i = 0; i < distinct.Count; i++)
        {
            var key = distinct[i];
            var owner = owners[i];
            var take = owner is null
                ? IsAssignableWhenUnknown(key, userId, distinct, owners)
                : owner.ContactId != contactId
                    && (merged.Contains(owner.ContactId) || key.Kind == IdentityKind.AnonymousId);
            if (take)
            {
                assign.Add(key);
            }
        }

        return new IdentityResolution(contactId, survivor is null, assign, merged);
    }

    private static ContactRef? ChooseSurvivor(
        List<IdentityKey> keys, List<ContactRef?> owners, string? messageUserId)
    {
        bool Compatible(ContactRef c) => messageUserId is null || c.UserId is null || c.UserId == messageUserId;

        ContactRef? First(Func<IdentityKey, ContactRef, bool> match)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (owners[i] is { } owner && match(keys[i], owner))
                {
                    return owner;
                }
            }

            return null;
        }

        return First((key, _) => key.Kind == IdentityKind.UserId && key.Value == messageUserId)
            ?? First((key, owner) => key.Kind == IdentityKind.Email && Compatible(owner))
            ?? First((_, owner) => Compatible(owner));
    }

    private static bool IsAssignableWhenUnknown(
        IdentityKey key, string? userId, List<IdentityKey> keys, List<ContactRef?> owners) =>
        key.Kind switch
        {
            IdentityKind.UserId => key.Value == userId,
            IdentityKind.AnonymousId => !Enumerable.Range(0, keys.Count).Any(i =>
                owners[i] is not null && keys[i] == key with { Kind = IdentityKind.UserId }),
            _ => true,
        };
}
