namespace Rekindle.Core.Flows;

/// <summary>
/// The start of the time range a condition looks at. A record hierarchy rather than an enum so that
/// later forms can carry data (e.g. "in the last 7 days").
/// </summary>
public abstract record ConditionSince
{
    /// <summary>Since the instance's <see cref="FlowInstance.StartedAt"/>.</summary>
    public static ConditionSince FlowStart { get; } = new SinceFlowStart();
}

/// <summary>See <see cref="ConditionSince.FlowStart"/>.</summary>
public sealed record SinceFlowStart : ConditionSince;

/// <summary>A yes/no question about the contact, asked by a <see cref="ConditionStep"/>.</summary>
public abstract record FlowCondition;

/// <summary>True when a track event with this name occurred at or after <paramref name="Since"/>.</summary>
public sealed record EventOccurredCondition(string Event, ConditionSince Since) : FlowCondition;

/// <summary>True when no track event with this name occurred at or after <paramref name="Since"/>.</summary>
public sealed record EventNotOccurredCondition(string Event, ConditionSince Since) : FlowCondition;
