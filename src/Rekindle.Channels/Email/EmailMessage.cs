namespace Rekindle.Channels.Email;

/// <summary>
/// One rendered email, ready for a transport.
/// </summary>
/// <param name="MessageId">
/// Stable per logical message (e.g. the outbox row id): a re-send after a crash carries the same Message-ID
/// header, so receivers and our own tracking can recognise the duplicate. Letters, digits and RFC 5322 atext.
/// </param>
/// <param name="Text">The plain-text part; null derives it from <paramref name="Html"/>.</param>
public sealed record EmailMessage(
    string MessageId,
    EmailAddress From,
    EmailAddress To,
    string Subject,
    string Html,
    string? Text = null)
{
    /// <summary>Extra headers such as List-Unsubscribe; the structural ones (From, Date, Content-Type...) are refused.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
