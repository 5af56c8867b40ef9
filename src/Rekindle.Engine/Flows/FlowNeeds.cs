using System.Collections.Immutable;
using Rekindle.Core.Conditions;
using Rekindle.Core.Flows;

namespace Rekindle.Engine.Flows;

/// <summary>
/// What the conditions of all enabled flows need beyond the profile, so that a contact's grain loads it once per call,
/// and only when some flow asks: the contact's scores, and its events (of the names asked about) and messages as far
/// back as the longest look-back.
/// </summary>
/// <param name="AllTime">Some condition looks at every event ever; <paramref name="Window"/> is then moot.</param>
/// <param name="SinceFlowStart">Some condition counts since its journey began: history goes back to the oldest active journey.</param>
public sealed record FlowNeeds(
    bool Scores, ImmutableSortedSet<string> Events, bool Messages, TimeSpan? Window, bool AllTime, bool SinceFlowStart)
{
    public static FlowNeeds None { get; } = new(false, [], false, null, false, false);

    public bool History => Events.Count > 0 || Messages;

    public static FlowNeeds Of(IEnumerable<FlowDefinition> flows)
    {
        var all = flows.SelectMany(f => f.Steps).SelectMany(s => s.Conditions()).Select(ConditionNeeds.Of).ToList();
        if (all.Count == 0)
        {
            return None;
        }

        var windows = all.Select(n => n.Window).OfType<TimeSpan>().ToList();
        return new FlowNeeds(
            all.Any(n => n.Scores),
            [.. all.SelectMany(n => n.Events)],
            all.Any(n => n.Messages),
            windows.Count == 0 ? null : windows.Max(),
            all.Any(n => n.AllTime),
            all.Any(n => n.SinceFlowStart));
    }

    /// <summary>How far back history must go for this contact now; null: all of it.</summary>
    public DateTimeOffset? HistoryFrom(DateTimeOffset now, IEnumerable<DateTimeOffset> activeStarts)
    {
        if (AllTime)
        {
            return null;
        }

        var from = now - (Window ?? TimeSpan.Zero);
        if (SinceFlowStart && activeStarts.DefaultIfEmpty(now).Min() is var oldest && oldest < from)
        {
            from = oldest;
        }

        return from;
    }
}
