namespace Rekindle.Core.Consent;

/// <summary>What became of a requested consent change.</summary>
public enum ConsentOutcome
{
    /// <summary>It is the channel's state now.</summary>
    Applied,

    /// <summary>Older (by event time) than the state recorded: kept for the record, not applied.</summary>
    Superseded,

    /// <summary>
    /// Not an explicit enough opt-in to undo an unsubscribe or a suppression (or a weaker state than the
    /// suppression it would replace): kept for the record, not applied.
    /// </summary>
    Blocked,
}

/// <summary>One requested change of one channel's consent, as the audit trail keeps it.</summary>
/// <param name="At">The event time of the change (the identify's corrected timestamp).</param>
/// <param name="Previous">The channel's state before (and, unless applied, after) the change.</param>
/// <param name="Requested">The state the change asked for.</param>
public sealed record ConsentChange(
    string Channel, DateTimeOffset At, ConsentSource Source, string? MessageId,
    ConsentState Previous, ConsentState Requested, ConsentOutcome Outcome);

/// <summary>
/// Which consent change wins (docs/consent.md, "Precedence"). Pure: the current state and a requested change in, the
/// outcome out.
/// </summary>
public static class ConsentPrecedence
{
    /// <summary>The outcome of a change, or null when it repeats the current state (nothing to record).</summary>
    /// <param name="current">The channel's recorded consent; null when nothing was ever recorded (unknown).</param>
    public static ConsentOutcome? Decide(ChannelConsent? current, ConsentState requested, DateTimeOffset at, ConsentSource source)
    {
        var state = current?.State ?? ConsentState.Unknown;
        if (requested == state)
        {
            return null;
        }

        if (current is not null && at < current.UpdatedAt)
        {
            return ConsentOutcome.Superseded;
        }

        return state switch
        {
            // A suppression protects the sender as much as the contact (a dead mailbox, a spam complaint): only
            // a confirmed double opt-in shows that the address works and its owner wants mail again.
            ConsentState.Suppressed => requested == ConsentState.Subscribed && source.Kind == ConsentSourceKind.OptInConfirmed
                ? ConsentOutcome.Applied
                : ConsentOutcome.Blocked,
            ConsentState.Unsubscribed => requested == ConsentState.Suppressed
                || (requested == ConsentState.Subscribed && source.IsExplicitOptIn)
                ? ConsentOutcome.Applied
                : ConsentOutcome.Blocked,
            _ => ConsentOutcome.Applied,
        };
    }

    /// <summary>
    /// Applies a change to a channel's consent: the new consent (unchanged unless applied) and the audit row (null
    /// when the change repeats the current state).
    /// </summary>
    public static (ChannelConsent? Consent, ConsentChange? Change) Apply(
        ChannelConsent? current, string channel, ConsentState requested, DateTimeOffset at, ConsentSource source, string? messageId)
    {
        if (Decide(current, requested, at, source) is not { } outcome)
        {
            return (current, null);
        }

        var change = new ConsentChange(channel, at, source, messageId, current?.State ?? ConsentState.Unknown, requested, outcome);
        return outcome == ConsentOutcome.Applied
            ? (new ChannelConsent(requested, at, source, messageId), change)
            : (current, change);
    }
}
