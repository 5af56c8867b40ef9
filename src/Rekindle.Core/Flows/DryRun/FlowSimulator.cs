using System.Collections.Immutable;
using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows.Time;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Flows.DryRun;

/// <summary>
/// Runs one contact through one flow over simulated time, with the interpreter the engine uses, and says what would
/// happen: the path, the waits, the messages, the coupons, the profile changes and the end. Pure: nothing is sent or
/// stored, no clock is read.
/// </summary>
/// <remarks>
/// Time moves from event to wake-up: at each turn the earliest of the next described event and the instance's wake-up
/// happens (an event at the very moment of the wake-up first, as the engine would see it, but past its wake-up a wait
/// is the timer's). An event is applied to the profile (<see cref="ProfileReducer"/>), joins the history conditions
/// count, and is offered to the instance (<see cref="FlowInterpreter.OnEvent"/>). A wait that ends at the best send
/// time ends at its window's start here: the engine's choice needs the contact's engagement. Re-entry is not asked:
/// the journey starts.
/// </remarks>
public static class FlowSimulator
{
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(365);

    /// <summary>The longest simulation: the longest wait a flow may hold (<see cref="FlowDuration.Max"/>).</summary>
    public static readonly TimeSpan MaxHorizon = FlowDuration.Max;

    /// <summary>Interpreter runs one simulation may take: a flow that loops every hour stops here, not after 26 000 runs.</summary>
    public const int MaxRuns = 1000;

    public const string InstanceId = "dry-run";

    /// <summary>
    /// The trigger made up when none is given, at <paramref name="at"/>: for an event trigger a track event of its first
    /// event name with no properties; for the others the event the engine starts their instances with ("Trait Changed",
    /// "Consent Changed", "Contact Inactive", "Date Reached") with no properties.
    /// </summary>
    public static EventMessage SyntheticTrigger(FlowDefinition flow, ContactProfile profile, DateTimeOffset at)
    {
        string name = flow.Trigger switch
        {
            EventTrigger e => e.Events[0],
            TraitChangedTrigger => TriggerEvents.TraitChanged,
            ConsentChangedTrigger => TriggerEvents.ConsentChanged,
            InactivityTrigger => TriggerEvents.Inactive,
            _ => TriggerEvents.DateReached,
        };
        return TriggerEvents.Synthesise("dry-run-trigger", name, at, _ => { }, profile.UserId);
    }

    public static DryRunResult Run(DryRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Horizon <= TimeSpan.Zero || input.Horizon > MaxHorizon)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Horizon, $"the horizon must be positive and at most {FlowDuration.Format(MaxHorizon)}");
        }

        var run = new Simulation(input);
        return run.Execute();
    }

    private sealed class Simulation(DryRunInput input)
    {
        private readonly FlowDefinition _flow = input.Flow;
        private readonly DateTimeOffset _horizonEnd = input.Start + input.Horizon;
        private readonly ImmutableArray<StepVisit>.Builder _path = ImmutableArray.CreateBuilder<StepVisit>();
        private readonly List<DryRunWait> _waits = [];
        private readonly ImmutableArray<DryRunMessage>.Builder _messages = ImmutableArray.CreateBuilder<DryRunMessage>();
        private readonly ImmutableArray<DryRunCoupon>.Builder _coupons = ImmutableArray.CreateBuilder<DryRunCoupon>();
        private readonly ImmutableArray<DryRunProfileChange>.Builder _changes = ImmutableArray.CreateBuilder<DryRunProfileChange>();
        private readonly ImmutableArray<DryRunEventOutcome>.Builder _events = ImmutableArray.CreateBuilder<DryRunEventOutcome>();
        private ContactProfile _profile = input.Profile;
        private ContactHistory _history = input.History ?? ContactHistory.Empty;

        public DryRunResult Execute()
        {
            // Stable by time: two events at the same moment happen in the order given.
            var timeline = input.Events.Select((e, i) => (Event: e with { MessageId = $"dry-run-event-{i + 1}" }, Index: i))
                .OrderBy(x => x.Event.Timestamp).ThenBy(x => x.Index).Select(x => x.Event).ToList();
            var future = new Queue<EventMessage>(timeline.Where(e => e.Timestamp >= input.Start));
            foreach (var past in timeline.Where(e => e.Timestamp < input.Start))
            {
                Apply(past);
                _events.Add(new DryRunEventOutcome(Name(past), past.Timestamp, "history"));
            }

            bool synthetic = input.Trigger is null;
            EventMessage? trigger = input.Trigger ?? SyntheticTrigger(_flow, _profile, input.Start);
            if (!synthetic || _flow.Trigger is EventTrigger)
            {
                // A given event (or a made-up event of an event trigger) is something the contact did: the profile takes it.
                ContactProfile before = _profile;
                Apply(trigger);
                if (!synthetic && _flow.Trigger is not TimedTrigger)
                {
                    trigger = _flow.Trigger.OnEvent(trigger, before, _profile);
                    if (trigger is null)
                    {
                        return Result(input.Trigger!, false, new DryRunEnd("not-started", "the flow's trigger does not fire for the given trigger event", input.Start, null),
                            future, "after-end");
                    }
                }
            }

            var instance = Record(FlowInterpreter.Start(_flow, InstanceId, _profile.Id, trigger, Input(input.Start)), input.Start, null);
            for (int runs = 1; instance.Status == FlowInstanceStatus.Active; runs++)
            {
                EventMessage? next = future.Count > 0 ? future.Peek() : null;
                DateTimeOffset? due = next is not null && (instance.WakeAt is null || next.Timestamp <= instance.WakeAt) ? next.Timestamp : instance.WakeAt;
                if (due is null || due > _horizonEnd || runs >= MaxRuns)
                {
                    string reason = due is null ? "no-wake-up" : runs >= MaxRuns ? "run-limit" : "horizon";
                    return Result(trigger, synthetic, new DryRunEnd("waiting", reason, instance.UpdatedAt, instance.CurrentStepId), future, "beyond-horizon");
                }

                if (next is not null && next.Timestamp == due)
                {
                    future.Dequeue();
                    Apply(next);
                    FlowStepResult result = FlowInterpreter.OnEvent(_flow, instance, next, Input(next.Timestamp));
                    bool moved = result.Changed(instance);
                    _events.Add(new DryRunEventOutcome(Name(next), next.Timestamp, moved ? "moved" : "applied"));
                    if (moved)
                    {
                        EndWait(next.Timestamp, result.Instance.Status == FlowInstanceStatus.Converted ? $"goal:{Name(next)}" : $"event:{Name(next)}");
                        instance = Record(result, next.Timestamp, instance);
                    }
                }
                else
                {
                    EndWait(due.Value, "timer");
                    instance = Record(FlowInterpreter.Resume(_flow, instance, Input(due.Value)), due.Value, instance);
                }
            }

            return Result(trigger, synthetic, End(instance), future, "after-end");
        }

        private FlowInput Input(DateTimeOffset now) => new(_profile, now)
        {
            TimeZone = ContactTimeZone.Resolve(_profile, input.DefaultTimeZone),
            Scores = input.Scores,
            History = _history,
        };

        private void Apply(EventMessage e)
        {
            _profile = ProfileReducer.Apply(_profile, e);
            if (e.Type == MessageType.Track && e.Event is { } name)
            {
                _history = _history with { Events = _history.Events.Add(new HistoryEvent(name, e.Timestamp, e.Properties)) };
            }
        }

        private FlowInstance Record(FlowStepResult result, DateTimeOffset now, FlowInstance? before)
        {
            _path.AddRange(result.Visits);
            if (result.Profile is { } changed)
            {
                _changes.Add(Change(now, result.Visits.LastOrDefault(v => ChangesProfile(v.StepId))?.StepId, _profile, changed));
                _profile = changed;
            }

            foreach (var effect in result.Effects)
            {
                switch (effect)
                {
                    case SendMessage send:
                        _messages.Add(new DryRunMessage(send.StepId, now, send.Content, _profile));
                        _history = _history with
                        {
                            Messages = _history.Messages.Add(new SentMessage(
                                $"dry-run-message-{_messages.Count}", _flow.Id, InstanceId, send.StepId, send.Channel, now, SentMessage.SentStatus)),
                        };
                        break;
                    case IssueCoupon issue:
                        _coupons.Add(new DryRunCoupon(issue.StepId, issue.Campaign, now));
                        break;
                    case ScheduleWake wake:
                        _waits.Add(new DryRunWait(result.Instance.CurrentStepId, StepType(result.Instance.CurrentStepId), now, wake.At, wake.BestTime, null, null));
                        break;
                }
            }

            // A wait that only an event ends (a waitForEvent with no timeout) schedules nothing.
            if (result.Instance.Status == FlowInstanceStatus.Active && result.Instance.WakeAt is null && result.Instance != before)
            {
                _waits.Add(new DryRunWait(result.Instance.CurrentStepId, StepType(result.Instance.CurrentStepId), now, null, null, null, null));
            }

            return result.Instance;
        }

        private void EndWait(DateTimeOffset at, string by)
        {
            if (_waits.Count > 0 && _waits[^1].EndedAt is null)
            {
                _waits[^1] = _waits[^1] with { EndedAt = at, EndedBy = by };
            }
        }

        /// <summary>The kinds of steps that change the profile: the interpreter reports the change per run, not per step.</summary>
        private bool ChangesProfile(string stepId) =>
            _flow.TryGetStep(stepId, out FlowStep? step) && (step.Kind == SetAttributeStep.Type || step.Kind == AddTagStep.Type || step.Kind == RemoveTagStep.Type);

        private string StepType(string stepId) => _flow.TryGetStep(stepId, out FlowStep? step) ? step.Kind.Name : "unknown";

        private static DryRunEnd End(FlowInstance instance) => new(
            instance.Status switch
            {
                FlowInstanceStatus.Completed => "completed",
                FlowInstanceStatus.Exited => "exited",
                _ => "converted",
            },
            instance.ExitReason, instance.UpdatedAt, instance.CurrentStepId);

        private DryRunResult Result(EventMessage trigger, bool synthetic, DryRunEnd end, Queue<EventMessage> unused, string unusedOutcome)
        {
            _events.AddRange(unused.Select(e => new DryRunEventOutcome(Name(e), e.Timestamp, e.Timestamp > _horizonEnd ? "beyond-horizon" : unusedOutcome)));
            return new DryRunResult(InstanceId, input.Start, _horizonEnd, trigger, synthetic, _path.ToImmutable(), [.. _waits], _messages.ToImmutable(),
                _coupons.ToImmutable(), _changes.ToImmutable(), _events.ToImmutable(), end, _profile);
        }

        private static string Name(EventMessage e) => e.Event ?? e.Name ?? e.Type.ToString().ToLowerInvariant();

        private static DryRunProfileChange Change(DateTimeOffset at, string? stepId, ContactProfile before, ContactProfile after)
        {
            var traits = ImmutableSortedDictionary.CreateBuilder<string, System.Text.Json.JsonElement?>(StringComparer.Ordinal);
            foreach (var (name, value) in after.Traits)
            {
                if (!before.Traits.TryGetValue(name, out var was) || was.GetRawText() != value.GetRawText())
                {
                    traits[name] = value;
                }
            }

            foreach (var name in before.Traits.Keys.Where(n => !after.Traits.ContainsKey(n)))
            {
                traits[name] = null;
            }

            return new DryRunProfileChange(at, stepId, traits.ToImmutable(), [.. after.Tags.Except(before.Tags)], [.. before.Tags.Except(after.Tags)]);
        }
    }
}
