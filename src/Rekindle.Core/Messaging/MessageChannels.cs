using Rekindle.Core.Consent;

namespace Rekindle.Core.Messaging;

/// <summary>
/// The channels a flow can send on, by the name an outbox row carries and the dispatcher routes by. The consent
/// channels (email, sms, push) are people's channels; a webhook is a system's and needs no consent.
/// </summary>
public static class MessageChannels
{
    public const string Email = ConsentChannels.Email;

    public const string Sms = ConsentChannels.Sms;

    public const string Push = ConsentChannels.Push;

    public const string Webhook = "webhook";
}
