using Rekindle.Core.Consent;

namespace Rekindle.Core.Intelligence.SendTime;

/// <summary>The channel names the API and flows write (<see cref="ConsentChannels"/>) and the channel each means here.</summary>
public static class SendChannelNames
{
    private static readonly (string Name, SendChannel Channel)[] Names =
        [(ConsentChannels.Email, SendChannel.Email), (ConsentChannels.Sms, SendChannel.Sms), (ConsentChannels.Push, SendChannel.Push)];

    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    public static SendChannel? Parse(string? name) =>
        Array.FindIndex(Names, n => n.Name == name) is var i and >= 0 ? Names[i].Channel : null;
}
