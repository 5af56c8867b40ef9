using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Core.Tracking;

namespace Rekindle.Core.Conditions;

/// <summary>
/// Answers a condition over a <see cref="ConditionContext"/>; pure. Missing data answers false: a leaf over scores the
/// contact does not have, history or a journey the context lacks, or an absent event is false (so its "not" is true).
/// Event conditions that only ask "did it occur since X" (no "where", no count other than ≥ 1 or = 0) are answered from
/// the profile's last occurrence of each event, exactly as flows always did, whether or not history is given.
/// </summary>
public static class ConditionEvaluator
{
    public static bool IsTrue(Condition condition, ConditionContext context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        var evaluation = new Evaluation(context);
        JsonElement? properties = context.EventProperties is null ? null : JsonRead.ParseObject(context.EventProperties);
        return evaluation.Eval(condition, properties);
    }

    /// <summary>One evaluation: the context and what it derived once (the opened and clicked message ids).</summary>
    private sealed class Evaluation(ConditionContext context)
    {
        private (HashSet<string> Opened, HashSet<string> Clicked)? engagement;

        /// <param name="properties">The properties property leaves read: the event being matched, or a counted event.</param>
        public bool Eval(Condition condition, JsonElement? properties) => condition switch
        {
            AllCondition all => all.Conditions.All(c => Eval(c, properties)),
            AnyCondition any => any.Conditions.Any(c => Eval(c, properties)),
            NotCondition not => !Eval(not.Condition, properties),
            TraitCondition t => ValueMatch.Matches(t.Test, Trait(t.Path), context.Now),
            ProfileCondition p => ValueMatch.Matches(p.Test, ProfileCondition.ValueOf(p.Field, context.Profile), context.Now),
            PropertyCondition p => properties is { } props && ValueMatch.Matches(p.Test, ValuePath.Find(props, p.Path), context.Now),
            TagCondition t => context.Profile.Tags.Contains(t.Tag) == t.Has,
            ConsentCondition c => c.States.Contains(ConsentPolicy.StateOf(context.Profile.Consent, c.Channel)),
            ScoreCondition s => ValueMatch.Matches(s.Test, ScoreCondition.ValueOf(s.Field, context.Scores), context.Now),
            EventCondition e => Event(e),
            MessageCondition m => Message(m),
            _ => throw new NotSupportedException($"Condition {condition.GetType().Name} is not supported."),
        };

        private JsonElement Trait(string path)
        {
            (string head, string? rest) = ValuePath.Split(path);
            return !context.Profile.Traits.TryGetValue(head, out JsonElement trait) ? default
                : rest is null ? trait
                : ValuePath.Find(trait, rest);
        }

        private bool Event(EventCondition e)
        {
            if (Start(e.Window) is not { } from)
            {
                return false;
            }

            if (e.IsOccurrence(out bool occurred))
            {
                // The last occurrence is at or after the bound exactly when some occurrence is.
                bool any = context.Profile.LastEventAt.TryGetValue(e.Event, out DateTimeOffset last) && last >= from;
                return any == occurred;
            }

            if (context.History is not { } history)
            {
                return false;
            }

            var matching = history.Events.Where(h => h.Name == e.Event && h.At >= from
                && (e.Where is null || Eval(e.Where, JsonRead.ParseObject(h.PropertiesJson))));
            return e.Measure switch
            {
                EventCount count => ValueMatch.Matches(count.Test, ConditionJson.Of(matching.Count()), context.Now),
                EventSum sum => ValueMatch.Matches(sum.Test, ConditionJson.Of(Sum(matching, sum.Property)), context.Now),
                _ => throw new NotSupportedException($"Measure {e.Measure.GetType().Name} is not supported."),
            };
        }

        /// <summary>The window's first instant (included); null when it needs a journey the context lacks.</summary>
        private DateTimeOffset? Start(EventWindow window) => window switch
        {
            AllTimeWindow => DateTimeOffset.MinValue,
            WithinWindow w => context.Now - w.Duration,
            SinceFlowStartWindow => context.Journey?.StartedAt,
            _ => throw new NotSupportedException($"Window {window.GetType().Name} is not supported."),
        };

        private static decimal Sum(IEnumerable<HistoryEvent> events, string property)
        {
            decimal total = 0;
            foreach (HistoryEvent h in events)
            {
                total += JsonRead.Decimal(ValuePath.Find(JsonRead.ParseObject(h.PropertiesJson), property)) ?? 0;
            }

            return total;
        }

        private bool Message(MessageCondition m)
        {
            if (context.History is not { } history)
            {
                return false;
            }

            IEnumerable<SentMessage> messages = m.Message switch
            {
                StepMessage s when context.Journey is { } journey => history.Messages
                    .Where(x => x.InstanceId == journey.InstanceId && x.StepId == s.StepId)
                    .OrderByDescending(x => x.At).Take(1),
                StepMessage => [],
                RecentMessages r => history.Messages.Where(x => x.Channel == r.Channel && x.At >= context.Now - r.Within),
                _ => throw new NotSupportedException($"Selector {m.Message.GetType().Name} is not supported."),
            };
            var delivered = messages.Where(x => x.Status == SentMessage.SentStatus).Select(x => x.MessageId).ToList();
            (HashSet<string> opened, HashSet<string> clicked) = engagement ??= Engaged(history);
            return m.Is switch
            {
                Engagement.Delivered => delivered.Count > 0,
                Engagement.Opened => delivered.Exists(opened.Contains),
                Engagement.Clicked => delivered.Exists(clicked.Contains),
                Engagement.NotOpened => delivered.Count > 0 && !delivered.Exists(opened.Contains),
                Engagement.NotClicked => delivered.Count > 0 && !delivered.Exists(clicked.Contains),
                _ => throw new NotSupportedException($"Engagement {m.Is} is not supported."),
            };
        }

        /// <summary>The ids of the messages opened (a click counts as an open) and clicked, from the tracking events.</summary>
        private static (HashSet<string> Opened, HashSet<string> Clicked) Engaged(ContactHistory history)
        {
            var opened = new HashSet<string>(StringComparer.Ordinal);
            var clicked = new HashSet<string>(StringComparer.Ordinal);
            foreach (HistoryEvent h in history.Events)
            {
                bool isClick = h.Name == EmailEvents.LinkClicked;
                if ((isClick || h.Name == EmailEvents.Opened)
                    && JsonRead.String(JsonRead.ParseObject(h.PropertiesJson), "message_id") is { } id)
                {
                    opened.Add(id);
                    if (isClick)
                    {
                        clicked.Add(id);
                    }
                }
            }

            return (opened, clicked);
        }
    }
}
