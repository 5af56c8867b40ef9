using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rekindle.Core.Tracking;

/// <summary>What a tracking URL points at: the open pixel of a message (<see cref="Link"/> null) or one of its links.</summary>
public sealed record TrackingToken(string MessageId, int? Link)
{
    public bool IsOpen => Link is null;
}

/// <summary>
/// Signs and reads the tokens of tracking URLs: "{messageId}.{mac}" for the open pixel and
/// "{messageId}.{link}.{mac}" for a link, the MAC being HMAC-SHA256 over the kind, the message id and the link
/// index, cut to 128 bits. The token names only a link's position, never its address: the address is looked
/// up in the stored message, so a tracking URL cannot be turned into a redirect to anywhere else (open
/// redirect), and a forged or altered token matches no MAC.
/// </summary>
public sealed class TrackingTokens
{
    public const int MinKeyBytes = 32;
    private const int MacBytes = 16;
    private const int MaxMessageIdLength = 64;

    // Domain separation: the same key signing anything else in future cannot produce a valid tracking MAC.
    private const string Purpose = "rekindle-email-tracking-v1";

    private readonly byte[] _key;

    public TrackingTokens(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"the tracking key must have at least {MinKeyBytes} bytes", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    public string Open(string messageId) => messageId + "." + Mac(Payload(messageId, null));

    public string Click(string messageId, int link)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(link);
        return messageId + "." + link.ToString(CultureInfo.InvariantCulture) + "." + Mac(Payload(messageId, link));
    }

    /// <summary>The message and link a token names; null for anything malformed, altered or signed with another key.</summary>
    public TrackingToken? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length is not (2 or 3) || !IsMessageId(parts[0]))
        {
            return null;
        }

        int? link = null;
        if (parts.Length == 3)
        {
            // Only the canonical spelling ("7", not "07" or "+7"): one link, one token.
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index.ToString(CultureInfo.InvariantCulture) != parts[1])
            {
                return null;
            }

            link = index;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(Payload(parts[0], link)));
        var given = Encoding.ASCII.GetBytes(parts[^1]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? new TrackingToken(parts[0], link) : null;
    }

    /// <summary>Message ids go into URLs as they are, so only URL-safe ones are accepted (the engine's are hex).</summary>
    public static bool IsMessageId(string id) =>
        id.Length is > 0 and <= MaxMessageIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Payload(string messageId, int? link)
    {
        if (!IsMessageId(messageId))
        {
            throw new ArgumentException($"'{messageId}' is not a URL-safe message id (letters, digits, '-', '_'; at most {MaxMessageIdLength})",
                nameof(messageId));
        }

        return link is { } index
            ? $"{Purpose}\nclick\n{messageId}\n{index.ToString(CultureInfo.InvariantCulture)}"
            : $"{Purpose}\nopen\n{messageId}";
    }

    private string Mac(string payload)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));
        return Base64Url.EncodeToString(mac.AsSpan(0, MacBytes));
    }
}
