using Rekindle.Core.Contacts;

namespace Rekindle.Core.Flows;

/// <summary>Answers a flow condition from the contact's profile, as it is at the moment of the question.</summary>
public static class FlowConditionEvaluator
{
    public static bool IsTrue(FlowCondition condition, FlowInstance instance, ContactProfile profile) => condition switch
    {
        EventOccurredCondition c => OccurredSince(profile, c.Event, SinceTime(c.Since, instance)),
        EventNotOccurredCondition c => !OccurredSince(profile, c.Event, SinceTime(c.Since, instance)),
        _ => throw new NotSupportedException($"Condition type {condition.GetType().Name} is not supported."),
    };

    // The profile keeps only the last occurrence of each event, which is enough: if the last one is
    // before the bound, every earlier one is too. "At" the bound counts as since: an order stamped the
    // same instant as the cart event must not let the reminder go out.
    private static bool OccurredSince(ContactProfile profile, string eventName, DateTimeOffset since) =>
        profile.LastEventAt.TryGetValue(eventName, out DateTimeOffset last) && last >= since;

    private static DateTimeOffset SinceTime(ConditionSince since, FlowInstance instance) => since switch
    {
        SinceFlowStart => instance.StartedAt,
        _ => throw new NotSupportedException($"Since {since.GetType().Name} is not supported."),
    };
}
