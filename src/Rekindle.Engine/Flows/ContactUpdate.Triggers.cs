using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;
using Rekindle.Engine.Common;
using Rekindle.Engine.Flows;
using Rekindle.Storage.Flows;

namespace Rekindle.Engine.Contacts;

/// <summary>
/// Triggers and re-entry, the contact's side: which flows an applied event starts (event, trait and consent
/// triggers), how it moves the contact's trigger timers (inactivity, date trait), and what a fired trigger timer does.
/// The core decides (<see cref="FlowStartDecision"/>, <see cref="TimedTrigger"/>); this maps the decisions to rows.
/// </summary>
internal sealed partial class ContactUpdate
{
    private Dictionary<string, ArmedTrigger>? _armed;
    private Dictionary<string, DateTimeOffset>? _lastStarted;

    private Dictionary<string, ArmedTrigger> Armed =>
        _armed ??= new(state.Triggers?.Armed ?? new Dictionary<string, ArmedTrigger>(), StringComparer.Ordinal);

    private Dictionary<string, DateTimeOffset> LastStarted =>
        _lastStarted ??= new(state.Triggers?.LastStarted ?? new Dictionary<string, DateTimeOffset>(), StringComparer.Ordinal);

    private ContactTriggers? TriggersResult =>
        _armed is null && _lastStarted is null ? state.Triggers : new ContactTriggers(Armed, LastStarted);

    private TriggerClock Clock => new(now, catalog.DefaultTimeZone);

    /// <summary>After an event was applied (profile <paramref name="before"/> → now): start flows and move trigger timers.</summary>
    private void ApplyTriggers(EventMessage message, ContactProfile before)
    {
        MoveTriggerTimers(before);
        foreach (var flow in catalog.Flows)
        {
            // The trigger first: the history is built only for the few events that fire one.
            if (flow.Definition.Trigger.OnEvent(message, before, _profile!) is { } trigger
                && FlowStartDecision.Admit(flow.Definition, trigger, HistoryOf(flow.Definition)) is { } start)
            {
                StartFlow(flow, start);
            }
        }
    }

    /// <summary>
    /// Arms, moves or disarms the contact's timed-trigger timers after an event. Imported history counts too: a
    /// win-back on orders arms from the last imported order, exactly as the backfill would for a flow saved later.
    /// </summary>
    private void MoveTriggerTimers(ContactProfile before)
    {
        foreach (var flow in catalog.Flows)
        {
            if (flow.Definition.Trigger is TimedTrigger timed)
            {
                var armed = Armed.TryGetValue(flow.Definition.Id, out var a) ? a : null;
                var plan = timed.OnApplied(before, _profile!, armed?.DueAt, Clock);
                if (plan.Change)
                {
                    Rearm(flow.Definition.Id, plan.ArmAt);
                }
            }
        }
    }

    /// <summary>
    /// A trigger timer of <paramref name="flowId"/> fell due. Only the armed timer counts: another one (carried over
    /// from a merged contact) is deleted without effect, as is one whose flow is gone or no longer timed.
    /// </summary>
    public void FireTrigger(string timerId, string flowId)
    {
        if (!Armed.TryGetValue(flowId, out var armed) || armed.TimerId != timerId)
        {
            _statements.Add(FlowStore.DeleteTimer(timerId, contactId));
            return;
        }

        if (now < armed.DueAt)
        {
            // Too early by this grain's clock (a node whose clock runs ahead claimed it): keep it for the next round.
            return;
        }

        _statements.Add(FlowStore.DeleteTimer(timerId, contactId));
        Armed.Remove(flowId);
        var flow = catalog.Find(flowId);
        if (flow?.Definition.Trigger is not TimedTrigger timed || _profile is null)
        {
            return;
        }

        var fired = timed.OnTimer(timerId, armed.DueAt, _profile, Clock);
        if (fired.Start is { } trigger && FlowStartDecision.Admit(flow.Definition, trigger, HistoryOf(flow.Definition)) is { } start)
        {
            StartFlow(flow, start);
        }

        if (fired.RearmAt is { } at)
        {
            Rearm(flowId, at);
        }
    }

    /// <summary>
    /// Arms the timed trigger of <paramref name="flowId"/> for this contact if nothing is armed (the backfill of a flow
    /// saved after the contact's events). Returns whether it armed one.
    /// </summary>
    public bool ArmTrigger(string flowId)
    {
        if (Armed.ContainsKey(flowId) || _profile is null
            || catalog.Find(flowId)?.Definition.Trigger is not TimedTrigger timed
            || timed.ArmFor(_profile, Clock) is not { } at)
        {
            return false;
        }

        // Already started for this silence (or occasion): arming again would start it twice.
        if (LastStarted.TryGetValue(flowId, out var started) && started >= at)
        {
            return false;
        }

        Rearm(flowId, at);
        return true;
    }

    /// <summary>Takes over a merged contact's trigger timers (moved with its timers) and last starts.</summary>
    private void AbsorbTriggers(ContactFlows loserFlows)
    {
        foreach (var (flowId, armed) in loserFlows.Armed ?? new Dictionary<string, ArmedTrigger>())
        {
            Armed.TryAdd(flowId, armed);
        }

        foreach (var (flowId, at) in loserFlows.LastStarted ?? new Dictionary<string, DateTimeOffset>())
        {
            LastStarted[flowId] = LastStarted.TryGetValue(flowId, out var mine) && mine > at ? mine : at;
        }
    }

    private FlowHistory HistoryOf(FlowDefinition flow)
    {
        var active = _active.Where(a => a.FlowId == flow.Id).ToList();
        return new FlowHistory(
            HasActiveInstance: active.Count > 0,
            HasEverStarted: _everRun.Contains(flow.Id),
            LastStartedAt: LastStarted.TryGetValue(flow.Id, out var last) ? last : null,
            ActiveKeys: flow.Reentry.Policy == ReentryPolicy.PerKey
                ? active.Select(a => a.EntryKey).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : null);
    }

    private void StartFlow(ActiveFlow flow, TriggerStart start)
    {
        var result = FlowInterpreter.Start(flow.Definition, Ids.New(), contactId, start.Trigger, Input());
        _everRun.Add(flow.Definition.Id);
        var startedAt = result.Instance.StartedAt;
        LastStarted[flow.Definition.Id] = LastStarted.TryGetValue(flow.Definition.Id, out var last) && last > startedAt ? last : startedAt;
        FlowsStarted++;
        Record(flow, result with { Instance = result.Instance with { EntryKey = start.EntryKey } });
    }

    /// <summary>Replaces the contact's trigger timer of a flow (delete and insert in this commit), or only deletes it.</summary>
    private void Rearm(string flowId, DateTimeOffset? at)
    {
        if (Armed.Remove(flowId, out var old))
        {
            _statements.Add(FlowStore.DeleteTimer(old.TimerId, contactId));
        }

        if (at is { } due)
        {
            var id = Ids.New();
            _statements.Add(FlowStore.InsertTriggerTimer(id, contactId, flowId, due));
            Armed[flowId] = new ArmedTrigger(id, due);
            ScheduledTimers = true;
        }
    }
}
