namespace Rekindle.Core.Contacts;

/// <summary>The kinds of identifier that lead to a contact.</summary>
public enum IdentityKind
{
    AnonymousId,
    UserId,
    Email,
    Phone,
}

/// <summary>
/// One identifier of a contact, in normal form: ids trimmed (otherwise verbatim, case-sensitive as
/// Segment treats them), emails and phones as <see cref="ContactPoints"/> normalises them.
/// </summary>
public sealed record IdentityKey(IdentityKind Kind, string Value);
