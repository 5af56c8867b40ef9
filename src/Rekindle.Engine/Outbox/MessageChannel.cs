using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>
/// A channel's first half: turns a message a flow decided on into its outbox row — rendered, with the channel's
/// consent check done (a refused message is a skipped row that says why), or a failed row when it cannot be rendered.
/// Runs in the contact's grain before the commit, so the row is written with the step that produced it.
/// </summary>
public interface IMessageComposer
{
    /// <summary>The channel name (<see cref="Core.Messaging.MessageChannels"/>) whose content this composer takes.</summary>
    string Channel { get; }

    /// <returns>The row to write, or null when there is nothing to record (the reason is logged).</returns>
    Task<OutboxMessage?> ComposeAsync(string contactId, PendingMessage pending, DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// A channel's second half: delivers one outbox row. The dispatcher calls it at least once per row (a crash after the
/// delivery and before the row is marked sends it again, with the same message id for the receiver to drop the copy).
/// </summary>
public interface IMessageTransport
{
    string Channel { get; }

    /// <summary>
    /// Whether the row goes to the contact, so the contact's consent on the channel is checked again right before each
    /// attempt (docs/consent.md): true for people's channels, false for a webhook or an email to the team.
    /// </summary>
    bool NeedsConsent(OutboxMessage message);

    Task<DeliveryOutcome> DeliverAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>What became of one delivery attempt; <see cref="Log"/> is written with the row's new status.</summary>
public abstract record DeliveryOutcome
{
    public IReadOnlyList<SqlStatement> Log { get; init; } = [];

    /// <param name="Transport">Names what took it ("smtp", "devmailbox", "webhook").</param>
    public sealed record Sent(string Transport) : DeliveryOutcome;

    /// <param name="At">
    /// When to try this row again; null when the channel itself seems down (the SMTP relay), so the dispatcher backs off
    /// its whole round instead of trying every row against it.
    /// </param>
    public sealed record Retry(string Error, DateTimeOffset? At) : DeliveryOutcome;

    /// <summary>Failed for good: the row is marked failed.</summary>
    public sealed record GiveUp(string Error) : DeliveryOutcome;
}
