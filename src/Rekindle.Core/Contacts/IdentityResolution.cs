namespace Rekindle.Core.Contacts;

/// <summary>The contact an identity key currently points at, and that contact's user id if it has one.</summary>
public sealed record ContactRef(string ContactId, string? UserId);

/// <summary>
/// What to do with one message's identity keys.
/// </summary>
/// <param name="ContactId">The contact the message belongs to (the survivor of any merge).</param>
/// <param name="IsNew">True when <paramref name="ContactId"/> was just minted and must be created.</param>
/// <param name="KeysToAssign">
/// Keys of the message that must point at <paramref name="ContactId"/> afterwards and do not yet. When
/// merging, the caller must also move every other key of the merged contacts (not only these).
/// </param>
/// <param name="ContactsToMerge">Contacts to merge into <paramref name="ContactId"/>, in key order.</param>
public sealed record IdentityResolution(
    string ContactId,
    bool IsNew,
    IReadOnlyList<IdentityKey> KeysToAssign,
    IReadOnlyList<string> ContactsToMerge);
