using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// Starts a flow when a channel's consent state changes (docs/consent.md: an identify trait, a confirmed double opt-in,
/// a bounce...), optionally only from and/or to given states (unknown, pending, subscribed, unsubscribed, suppressed).
/// A consent refused by precedence (a stale "subscribed" after an unsubscribe) changes nothing and starts nothing.
/// The instance starts with a "Consent Changed" event whose properties are <c>channel</c>, <c>from</c> and <c>to</c>.
/// </summary>
/// <example><code>{"type": "consentChanged", "channel": "email", "to": "subscribed"}</code></example>
public sealed record ConsentChangedTrigger(string Channel, ImmutableArray<ConsentState> From = default, ImmutableArray<ConsentState> To = default) : FlowTrigger
{
    public const string JsonType = "consentChanged";

    public override string Type => JsonType;

    public bool Equals(ConsentChangedTrigger? other) =>
        other is not null && Channel == other.Channel
        && Norm(From).AsSpan().SequenceEqual(Norm(other.From).AsSpan()) && Norm(To).AsSpan().SequenceEqual(Norm(other.To).AsSpan());

    public override int GetHashCode() => HashCode.Combine(Channel, Norm(From).Length, Norm(To).Length);

    public override EventMessage? OnEvent(EventMessage e, ContactProfile before, ContactProfile after)
    {
        ConsentState was = StateOf(before);
        ConsentState now = StateOf(after);
        if (was == now || !Allows(From, was) || !Allows(To, now))
        {
            return null;
        }

        return TriggerEvents.Synthesise($"{e.MessageId}/consent/{Channel}", TriggerEvents.ConsentChanged, e.Timestamp, w =>
        {
            w.WriteString("channel", Channel);
            w.WriteString("from", ConsentPolicy.StateName(was));
            w.WriteString("to", ConsentPolicy.StateName(now));
        }, e.UserId);
    }

    internal static FlowTrigger? Read(JsonObjectReader trigger, List<FlowError> errors)
    {
        string? channel = trigger.RequiredString("channel");
        if (channel is not null && !ConsentChannels.All.Contains(channel, StringComparer.Ordinal))
        {
            trigger.Error("channel", $"must be {FlowJsonNames.OneOf(ConsentChannels.All)}");
            channel = null;
        }

        ImmutableArray<ConsentState>? from = ReadStates(trigger, "from");
        ImmutableArray<ConsentState>? to = ReadStates(trigger, "to");
        return channel is null || from is null || to is null ? null : new ConsentChangedTrigger(channel, from.Value, to.Value);
    }

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("channel", Channel);
        TriggerJson.WriteValues(w, "from", [.. Norm(From).Select(ConsentPolicy.StateName)]);
        TriggerJson.WriteValues(w, "to", [.. Norm(To).Select(ConsentPolicy.StateName)]);
    }

    private ConsentState StateOf(ContactProfile profile) =>
        profile.Consent.TryGetValue(Channel, out ChannelConsent? c) ? c.State : ConsentState.Unknown;

    private static bool Allows(ImmutableArray<ConsentState> states, ConsentState state) =>
        states.IsDefaultOrEmpty || states.Contains(state);

    private static ImmutableArray<ConsentState> Norm(ImmutableArray<ConsentState> states) => states.IsDefault ? [] : states;

    private static ImmutableArray<ConsentState>? ReadStates(JsonObjectReader trigger, string name)
    {
        if (TriggerJson.ReadValues(trigger, name) is not { } texts)
        {
            return null;
        }

        var states = ImmutableArray.CreateBuilder<ConsentState>();
        foreach (string text in texts)
        {
            ConsentState? state = Enum.GetValues<ConsentState>().Cast<ConsentState?>()
                .FirstOrDefault(s => ConsentPolicy.StateName(s!.Value) == text);
            if (state is null)
            {
                trigger.Error(name, $"must be {FlowJsonNames.OneOf(Enum.GetValues<ConsentState>().Select(ConsentPolicy.StateName))}");
                return null;
            }

            states.Add(state.Value);
        }

        return states.ToImmutable();
    }
}
