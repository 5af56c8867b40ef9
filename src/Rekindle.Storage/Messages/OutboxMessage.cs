using Rekindle.Core.Consent;

namespace Rekindle.Storage.Messages;

public enum MessageStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>Not sent, on purpose: see <see cref="OutboxMessage.SkipReason"/> (e.g. "consent: email unsubscribed").</summary>
    Skipped,
}

/// <summary>A rendered message waiting in (or delivered from) the outbox.</summary>
public sealed record OutboxMessage
{
    public required string Id { get; init; }

    public required string ContactId { get; init; }

    public string? FlowId { get; init; }

    public string? InstanceId { get; init; }

    public string? StepId { get; init; }

    public string Channel { get; init; } = ConsentChannels.Email;

    /// <summary>Marketing or transactional: which consent states the message may go to (checked again at dispatch).</summary>
    public MessageKind Kind { get; init; } = MessageKind.Marketing;

    public required string Recipient { get; init; }

    public required string Subject { get; init; }

    public required string Html { get; init; }

    public required string Text { get; init; }

    public MessageStatus Status { get; init; } = MessageStatus.Pending;

    /// <summary>
    /// The channel's rendered content as JSON, for channels whose content has no columns of its own (a webhook's url,
    /// body and headers); null for an ordinary email (<see cref="Subject"/>, <see cref="Html"/>, <see cref="Text"/>).
    /// </summary>
    public string? Payload { get; init; }

    /// <summary>When a pending message whose last attempt failed may be tried again; null: at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Which transport delivered it ("smtp", "devmailbox", "webhook").</summary>
    public string? Transport { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public int Attempts { get; init; }

    public string? LastError { get; init; }

    /// <summary>Why a <see cref="MessageStatus.Skipped"/> message was not sent.</summary>
    public string? SkipReason { get; init; }

    /// <summary>
    /// The original address of each tracked link, by link index: where a click URL (which names only the message and
    /// the index) redirects. Empty when the HTML was sent without click tracking.
    /// </summary>
    public IReadOnlyList<string> Links { get; init; } = [];
}
