namespace Rekindle.Core.Contacts;

/// <summary>The channel names used as keys of <see cref="ContactProfile.Consent"/>.</summary>
public static class ConsentChannels
{
    public const string Email = "email";

    public const string Sms = "sms";

    public const string Push = "push";

    public static readonly IReadOnlyList<string> All = [Email, Sms, Push];
}
