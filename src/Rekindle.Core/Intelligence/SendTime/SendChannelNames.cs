namespace Rekindle.Core.Intelligence.SendTime;

/// <summary>The channel names the API and flows write ("email", "sms", "push").</summary>
public static class SendChannelNames
{
    private static readonly (string Name, SendChannel Channel)[] Names =
        [("email", SendChannel.Email), ("sms", SendChannel.Sms), ("push", SendChannel.Push)];

    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    public static SendChannel? Parse(string? name) =>
        Array.FindIndex(Names, n => n.Name == name) is var i and >= 0 ? Names[i].Channel : null;
}
