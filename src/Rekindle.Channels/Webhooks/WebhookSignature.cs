using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rekindle.Channels.Webhooks;

/// <summary>
/// How a webhook is signed: <c>X-Rekindle-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of
/// <c>"{timestamp}.{body}"</c> keyed with the UTF-8 bytes of the flow's secret, where the timestamp is the
/// <c>X-Rekindle-Timestamp</c> header (unix seconds). Binding the timestamp lets a receiver refuse replays of old requests.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Rekindle-Signature";
    public const string TimestampHeader = "X-Rekindle-Timestamp";
    public const string MessageIdHeader = "X-Rekindle-Message-Id";

    /// <summary>The header value, "sha256=" and the lower-case hex HMAC.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));

    /// <summary>A new secret: 32 random bytes as 64 hex digits.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
