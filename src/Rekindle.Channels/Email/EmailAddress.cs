using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Rekindle.Channels.Email;

/// <summary>A mailbox: "shop@example.com" with an optional display name ("Shop").</summary>
public sealed record EmailAddress
{
    public EmailAddress(string address, string? displayName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (!HasLocalPartAndDomain(address))
        {
            throw new ArgumentException($"'{address}' is not an email address.", nameof(address));
        }

        Address = address;
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName;
    }

    public string Address { get; }

    public string? DisplayName { get; }

    /// <summary>The part after the last '@'.</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    /// <summary>Parses "shop@example.com" or "Shop &lt;shop@example.com&gt;".</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EmailAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text)
            || !MailboxAddress.TryParse(text, out var mailbox)
            || !HasLocalPartAndDomain(mailbox.Address))
        {
            return false;
        }

        address = new EmailAddress(mailbox.Address, mailbox.Name);
        return true;
    }

    public static EmailAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not an email address (expected e.g. \"Shop <shop@example.com>\").");

    public override string ToString() => DisplayName is null ? Address : $"{DisplayName} <{Address}>";

    internal MailboxAddress ToMailbox() => new(DisplayName, Address);

    private static bool HasLocalPartAndDomain(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && !address.Any(char.IsWhiteSpace);
    }
}
