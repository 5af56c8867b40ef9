namespace Rekindle.Core.Consent;

/// <summary>What a message is for: marketing needs consent, transactional (an order, a password) only a live address.</summary>
public enum MessageKind
{
    Marketing,
    Transactional,
}

/// <summary>The shop's consent settings (configuration section "Consent").</summary>
/// <param name="MarketingToUnknown">
/// Whether marketing goes to contacts whose consent on the channel is unknown: on for shops whose customers consented
/// at checkout without the shop sending a consent trait.
/// </param>
public sealed record ConsentRules(bool MarketingToUnknown = true)
{
    public static ConsentRules Default { get; } = new();
}

/// <summary>The answer of <see cref="ConsentPolicy.Check"/>: allowed, or the reason it is not.</summary>
/// <param name="Reason">Why not, as messages and journeys show it: "consent: email unsubscribed".</param>
public sealed record ConsentDecision(bool Allowed, string? Reason)
{
    public static ConsentDecision Allow { get; } = new(true, null);
}

/// <summary>
/// Whether a message may go to a contact on a channel (docs/consent.md, "Who gets what"). Pure, and the only place
/// the rule lives: the engine asks it when a flow step plans a message and the dispatcher again right before sending.
/// </summary>
public static class ConsentPolicy
{
    public static ConsentDecision Check(string channel, ConsentState state, MessageKind kind, ConsentRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var allowed = state switch
        {
            ConsentState.Suppressed => false,
            _ when kind == MessageKind.Transactional => true,
            ConsentState.Subscribed => true,
            ConsentState.Unknown => rules.MarketingToUnknown,
            _ => false,
        };
        return allowed ? ConsentDecision.Allow : new ConsentDecision(false, $"consent: {channel} {StateName(state)}");
    }

    /// <summary>The state's name in JSON, the API and reasons ("unsubscribed").</summary>
    public static string StateName(ConsentState state) => state.ToString().ToLowerInvariant();

    /// <summary>A profile's state on a channel (unknown when nothing was recorded).</summary>
    public static ConsentState StateOf(IReadOnlyDictionary<string, ChannelConsent> consent, string channel) =>
        consent.TryGetValue(channel, out var c) ? c.State : ConsentState.Unknown;
}
