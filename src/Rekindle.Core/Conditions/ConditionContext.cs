using System.Collections.Immutable;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Conditions;

/// <summary>
/// Everything a condition is evaluated against. The engine fills what <see cref="ConditionNeeds"/> says the condition
/// needs; whatever is left null is missing data, and a leaf over missing data is false (see <see cref="ConditionEvaluator"/>).
/// </summary>
/// <param name="Now">The moment of evaluation: windows ("within": "30d") and relative times ("-7d") count from it.</param>
/// <param name="EventProperties">The JSON properties of the event being matched (trigger, waitForEvent, goal), for property leaves.</param>
public sealed record ConditionContext(
    ContactProfile Profile,
    DateTimeOffset Now,
    ContactScores? Scores = null,
    ContactHistory? History = null,
    JourneyInfo? Journey = null,
    string? EventProperties = null);

/// <summary>
/// The batch jobs' scores of one contact (contact_scores); null where the contact has none (not scored, no orders).
/// </summary>
/// <param name="ChurnRisk">"low", "medium" or "high" (<see cref="ScoreCondition.RiskLevels"/>).</param>
/// <param name="Clv">The predicted customer lifetime value.</param>
public sealed record ContactScores(
    string? RfmSegment = null,
    int? R = null,
    int? F = null,
    int? M = null,
    string? ChurnRisk = null,
    double? PurchaseProbability = null,
    double? PAlive = null,
    double? Clv = null,
    double? ExpectedOrderValue = null);

/// <summary>One track event of the contact.</summary>
/// <param name="PropertiesJson">The event's properties object as JSON ("{}" when it had none).</param>
public sealed record HistoryEvent(string Name, DateTimeOffset At, string PropertiesJson);

/// <summary>One message to the contact, as the outbox keeps it.</summary>
/// <param name="Status">"sent", "skipped", "failed" or "pending"; only "sent" counts as delivered.</param>
public sealed record SentMessage(
    string MessageId, string? FlowId, string? InstanceId, string? StepId, string Channel, DateTimeOffset At, string Status)
{
    public const string SentStatus = "sent";
}

/// <summary>
/// The contact's events and messages the engine loaded for a condition (<see cref="ConditionNeeds"/>): complete for
/// the event names and the lookback the needs name. Opens and clicks are the events "Email Opened" / "Email Link
/// Clicked" whose property message_id names the message.
/// </summary>
public sealed record ContactHistory(ImmutableArray<HistoryEvent> Events, ImmutableArray<SentMessage> Messages)
{
    public static ContactHistory Empty { get; } = new([], []);

    public bool Equals(ContactHistory? other) =>
        other is not null && Events.AsSpan().SequenceEqual(other.Events.AsSpan()) && Messages.AsSpan().SequenceEqual(other.Messages.AsSpan());

    public override int GetHashCode() => HashCode.Combine(ConditionHash.Of(Events), ConditionHash.Of(Messages));
}

/// <summary>The journey instance a condition is asked in.</summary>
/// <param name="StartedAt">The instance's start (its trigger event's time): "since": "flowStart" counts from it.</param>
public sealed record JourneyInfo(string FlowId, string InstanceId, DateTimeOffset StartedAt);
