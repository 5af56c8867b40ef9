using System.Collections.Immutable;
using Rekindle.Core.Tracking;

namespace Rekindle.Core.Conditions;

/// <summary>
/// The data a condition needs beyond the profile, so the engine loads exactly that before calling the pure
/// <see cref="ConditionEvaluator"/>: the history of some event names back to a lookback, the messages, the scores,
/// the journey and the event being matched. "Did it occur since X" event leaves need no history (the profile's last
/// occurrence answers them) and add nothing here.
/// </summary>
/// <param name="Events">The event names whose history rows (<see cref="ContactHistory.Events"/>) the condition reads.</param>
/// <param name="Window">The longest "last N" window read (history from now − N); null when none.</param>
/// <param name="SinceFlowStart">History since the instance's start is read.</param>
/// <param name="AllTime">The whole history of <paramref name="Events"/> is read (an event leaf without a window).</param>
/// <param name="Messages">The messages (<see cref="ContactHistory.Messages"/>) are read, over the same lookback.</param>
/// <param name="MessageSteps">The step ids whose message is asked about: a flow validator checks they exist.</param>
/// <param name="Scores">Scores (<see cref="ContactScores"/>) are read.</param>
/// <param name="Journey">The journey (<see cref="JourneyInfo"/>) is read.</param>
/// <param name="EventProperties">The properties of the event being matched are read.</param>
public sealed record ConditionNeeds(
    ImmutableSortedSet<string> Events,
    TimeSpan? Window,
    bool SinceFlowStart,
    bool AllTime,
    bool Messages,
    ImmutableSortedSet<string> MessageSteps,
    bool Scores,
    bool Journey,
    bool EventProperties)
{
    /// <summary>Whether any history (events or messages) must be loaded.</summary>
    public bool NeedsHistory => Events.Count > 0 || Messages;

    /// <summary>
    /// The earliest instant of history to load; null for all of it. Meaningful when <see cref="NeedsHistory"/>.
    /// Windows include their start, so a row exactly at the returned instant must be loaded.
    /// </summary>
    /// <param name="flowStartedAt">The instance's start, when the condition runs in one.</param>
    public DateTimeOffset? HistoryFrom(DateTimeOffset now, DateTimeOffset? flowStartedAt)
    {
        if (AllTime || (SinceFlowStart && flowStartedAt is null))
        {
            return null;
        }

        DateTimeOffset from = now;
        if (Window is { } window)
        {
            from = now - window;
        }

        if (SinceFlowStart && flowStartedAt < from)
        {
            from = flowStartedAt.Value;
        }

        return from;
    }

    public bool Equals(ConditionNeeds? other) =>
        other is not null && Events.SetEquals(other.Events) && Window == other.Window && SinceFlowStart == other.SinceFlowStart
        && AllTime == other.AllTime && Messages == other.Messages && MessageSteps.SetEquals(other.MessageSteps)
        && Scores == other.Scores && Journey == other.Journey && EventProperties == other.EventProperties;

    public override int GetHashCode() => HashCode.Combine(Events.Count, Window, SinceFlowStart, AllTime, Messages, Scores, Journey, EventProperties);

    public static ConditionNeeds Of(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var collector = new Collector();
        collector.Visit(condition, inEvent: false);
        return new ConditionNeeds(
            collector.Events.ToImmutable(), collector.Window, collector.SinceFlowStart, collector.AllTime, collector.Messages,
            collector.Steps.ToImmutable(), collector.Scores, collector.Journey, collector.EventProperties);
    }

    private sealed class Collector
    {
        public ImmutableSortedSet<string>.Builder Events { get; } = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);

        public ImmutableSortedSet<string>.Builder Steps { get; } = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);

        public TimeSpan? Window { get; private set; }

        public bool SinceFlowStart { get; private set; }

        public bool AllTime { get; private set; }

        public bool Messages { get; private set; }

        public bool Scores { get; private set; }

        public bool Journey { get; private set; }

        public bool EventProperties { get; private set; }

        /// <param name="inEvent">Inside an event leaf's "where": property leaves read the history's events, not the matched one.</param>
        public void Visit(Condition condition, bool inEvent)
        {
            switch (condition)
            {
                case AllCondition all:
                    all.Conditions.ToList().ForEach(c => Visit(c, inEvent));
                    break;
                case AnyCondition any:
                    any.Conditions.ToList().ForEach(c => Visit(c, inEvent));
                    break;
                case NotCondition not:
                    Visit(not.Condition, inEvent);
                    break;
                case PropertyCondition:
                    EventProperties |= !inEvent;
                    break;
                case ScoreCondition:
                    Scores = true;
                    break;
                case EventCondition e:
                    Event(e);
                    break;
                case MessageCondition m:
                    Messages = true;
                    Events.Add(EmailEvents.Opened);
                    Events.Add(EmailEvents.LinkClicked);
                    if (m.Message is StepMessage step)
                    {
                        Steps.Add(step.StepId);
                        Journey = SinceFlowStart = true;
                    }
                    else if (m.Message is RecentMessages recent)
                    {
                        Widen(recent.Within);
                    }

                    break;
                case TraitCondition or ProfileCondition or TagCondition or ConsentCondition:
                    break; // the profile answers them
                default:
                    throw new NotSupportedException($"Condition {condition.GetType().Name} is not supported.");
            }
        }

        private void Event(EventCondition e)
        {
            if (e.Window is SinceFlowStartWindow)
            {
                Journey = true;
            }

            if (e.IsOccurrence(out _))
            {
                return;
            }

            Events.Add(e.Event);
            switch (e.Window)
            {
                case AllTimeWindow:
                    AllTime = true;
                    break;
                case WithinWindow w:
                    Widen(w.Duration);
                    break;
                case SinceFlowStartWindow:
                    SinceFlowStart = true;
                    break;
            }

            if (e.Where is not null)
            {
                Visit(e.Where, inEvent: true);
            }
        }

        private void Widen(TimeSpan window) => Window = Window is { } w && w >= window ? w : window;
    }
}
