namespace Rekindle.Core.Consent;

/// <summary>
/// The channel names consent is kept for: the keys of a profile's consent, the prefix of the consent traits
/// ("email_consent"), the channel of an outbox row and of a consent audit row. Later channels add their name here.
/// </summary>
public static class ConsentChannels
{
    public const string Email = "email";

    public const string Sms = "sms";

    public const string Push = "push";

    public static readonly IReadOnlyList<string> All = [Email, Sms, Push];
}
