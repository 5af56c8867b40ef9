namespace Rekindle.Server.Features.Contacts;

// The API's copies of the core consent and outbox vocabularies (see ApiEnum); docs/consent.md explains the values.

/// <summary>Whether a contact may be messaged on one channel.</summary>
public enum ConsentStateView
{
    Unknown,
    Pending,
    Subscribed,
    Unsubscribed,
    Suppressed,
}

/// <summary>What kind of thing changed a consent.</summary>
public enum ConsentSourceKindView
{
    Trait,
    OptInConfirmed,
    OptInRequested,
    Bounce,
    Complaint,
    Erasure,
}

/// <summary>applied; superseded (older than the recorded state); blocked (not an explicit enough opt-in).</summary>
public enum ConsentOutcomeView
{
    Applied,
    Superseded,
    Blocked,
}

/// <summary>Marketing needs consent; transactional messages (order confirmations, opt-in requests) do not.</summary>
public enum MessageKindView
{
    Marketing,
    Transactional,
}

/// <summary>Where a message is in the outbox: skipped messages say why in their reason.</summary>
public enum MessageStatusView
{
    Pending,
    Sent,
    Failed,
    Skipped,
}
