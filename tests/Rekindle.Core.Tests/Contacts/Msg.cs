using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Contacts;

/// <summary>Builds messages and profiles for the contact tests; T0 is an arbitrary fixed instant.</summary>
internal static class Msg
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static int _sequence;

    public static ContactProfile Profile(string id = "c1") => new() { Id = id, CreatedAt = T0 };

    public static EventMessage Track(string name, string properties = "{}", DateTimeOffset? at = null, string context = "{}") =>
        Make(MessageType.Track, at) with { Event = name, Properties = properties, Context = context };

    public static EventMessage Page(DateTimeOffset? at = null, string context = "{}") =>
        Make(MessageType.Page, at) with { Name = "Home", Context = context };

    public static EventMessage Screen(DateTimeOffset? at = null) => Make(MessageType.Screen, at) with { Name = "Cart" };

    public static EventMessage Identify(string traits, DateTimeOffset? at = null, string? userId = null, string context = "{}") =>
        Make(MessageType.Identify, at) with { Traits = traits, UserId = userId, Context = context };

    public static EventMessage Alias(string userId, string previousId, string? anonymousId = null) =>
        Make(MessageType.Alias, null) with { UserId = userId, PreviousId = previousId, AnonymousId = anonymousId };

    public static EventMessage Make(MessageType type, DateTimeOffset? at) => new()
    {
        MessageId = "m" + Interlocked.Increment(ref _sequence),
        Type = type,
        Timestamp = at ?? T0,
        ReceivedAt = at ?? T0,
    };

    /// <summary>Applies the messages in order, starting from a fresh profile.</summary>
    public static ContactProfile Run(params EventMessage[] messages) =>
        messages.Aggregate(Profile(), ProfileReducer.Apply);

    public static ContactProfile Run(ContactProfile start, params EventMessage[] messages) =>
        messages.Aggregate(start, ProfileReducer.Apply);
}
