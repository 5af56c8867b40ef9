namespace Rekindle.Core.Consent;

/// <summary>Whether a contact may be messaged on one channel (docs/consent.md).</summary>
public enum ConsentState
{
    /// <summary>Nothing recorded: marketing goes out only while <c>Consent:MarketingToUnknown</c> is on.</summary>
    Unknown,

    /// <summary>An opt-in was requested and not confirmed yet (double opt-in): no marketing.</summary>
    Pending,

    Subscribed,

    /// <summary>The contact said no: transactional messages only. Undone only by a later explicit opt-in.</summary>
    Unsubscribed,

    /// <summary>Must not be messaged at all (bounce, complaint, erasure). Lifted only by a confirmed double opt-in.</summary>
    Suppressed,
}

/// <summary>A channel's current consent: the state, when it changed (event time) and what changed it.</summary>
/// <param name="MessageId">The event that made the change, when an event did.</param>
public sealed record ChannelConsent(ConsentState State, DateTimeOffset UpdatedAt, ConsentSource Source, string? MessageId = null);

/// <summary>What kind of thing changed a consent; precedence depends on it (<see cref="ConsentPrecedence"/>).</summary>
public enum ConsentSourceKind
{
    /// <summary>A consent trait in an identify call's own traits (never context.traits).</summary>
    Trait,

    /// <summary>The contact confirmed a double opt-in (the link in the confirmation message).</summary>
    OptInConfirmed,

    /// <summary>A double opt-in was requested (sets <see cref="ConsentState.Pending"/>).</summary>
    OptInRequested,

    Bounce,

    Complaint,

    Erasure,
}

/// <param name="Name">How the audit trail names it, e.g. "identify trait email_consent".</param>
public sealed record ConsentSource(ConsentSourceKind Kind, string Name)
{
    public static ConsentSource Trait(string traitName) => new(ConsentSourceKind.Trait, "identify trait " + traitName);

    public static ConsentSource OptInConfirmed { get; } = new(ConsentSourceKind.OptInConfirmed, "double opt-in confirmed");

    public static ConsentSource OptInRequested { get; } = new(ConsentSourceKind.OptInRequested, "double opt-in requested");

    public static ConsentSource Bounce { get; } = new(ConsentSourceKind.Bounce, "bounce");

    public static ConsentSource Complaint { get; } = new(ConsentSourceKind.Complaint, "complaint");

    public static ConsentSource Erasure { get; } = new(ConsentSourceKind.Erasure, "erasure");

    /// <summary>Says yes in so many words: the only kind of change that may undo an unsubscribe.</summary>
    public bool IsExplicitOptIn => Kind is ConsentSourceKind.Trait or ConsentSourceKind.OptInConfirmed;
}
