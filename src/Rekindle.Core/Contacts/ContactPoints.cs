using System.Text;

namespace Rekindle.Core.Contacts;

/// <summary>
/// Normal forms of email addresses and phone numbers. The profile and the identity keys use the same
/// forms, so "Ann@Shop.com " from the browser and "ann@shop.com" from the backend find one contact.
/// </summary>
public static class ContactPoints
{
    /// <summary>
    /// Trimmed and lower-cased; null unless it has one '@' with text on both sides and no whitespace.
    /// Lower-casing the local part is technically lossy, but no real mailbox provider distinguishes case
    /// and a duplicate contact costs far more than that theoretical difference.
    /// </summary>
    public static string? NormalizeEmail(string? email)
    {
        var value = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value) || value.Length > 254)
        {
            return null;
        }

        var at = value.IndexOf('@');
        var valid = at > 0
            && at == value.LastIndexOf('@')
            && at < value.Length - 1
            && !value.Any(char.IsWhiteSpace);
        return valid ? value : null;
    }

    /// <summary>
    /// Digits only, with separators (space - . ( ) /) removed. "+49 170 …" and "0049 170 …" both become
    /// "+49170…". A number without an international prefix stays national digits WITHOUT a '+': guessing
    /// the country would silently create a wrong number. Null when other characters are present or the
    /// digit count is outside 6..15 (15 is the E.164 maximum).
    /// </summary>
    public static string? NormalizePhone(string? phone)
    {
        var value = phone?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var international = value.StartsWith('+');
        var digits = new StringBuilder(value.Length);
        foreach (var c in international ? value.AsSpan(1) : value.AsSpan())
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return null;
            }
        }

        if (!international && digits.Length > 2 && digits[0] == '0' && digits[1] == '0')
        {
            digits.Remove(0, 2);
            international = true;
        }

        if (digits.Length is < 6 or > 15)
        {
            return null;
        }

        return international ? "+" + digits : digits.ToString();
    }
}
