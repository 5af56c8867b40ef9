using Rekindle.Core.Flows.Time;
using Rekindle.Core.Conditions;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Engine.Common;
using Rekindle.Engine.Flows;
using Rekindle.Core.Orders;
using Rekindle.Engine.Orders;
using Rekindle.Engine.Outbox;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Coupons;
using Rekindle.Storage.Events;
using Rekindle.Storage.Flows;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Orders;

namespace Rekindle.Engine.Contacts;

/// <summary>
/// One change to one contact, built up from the core's decisions: the new state, and the statements
/// that persist it (events claimed, profile, identities, instances, timers, outbox rows). Nothing is
/// visible until the grain has committed the statements and adopted <see cref="Result"/>.
/// </summary>
internal sealed partial class ContactUpdate(
    string contactId, ContactState state, FlowCatalog catalog, DateTimeOffset now, string defaultCurrency)
{
    private readonly List<PendingMessage> _pendingMessages = [];
    private readonly List<PendingWake> _pendingWakes = [];
    private readonly List<PendingCoupon> _pendingCoupons = [];

    // Written once per instance at commit, in its final state: a best-time wake moves WakeAt after the run.
    private readonly Dictionary<string, (FlowInstance Instance, int Version)> _instanceWrites = new(StringComparer.Ordinal);
    private readonly List<SqlStatement> _statements = [];
    private readonly List<long> _appliedSeqs = [];
    private readonly List<(string Kind, string Value)> _identities = [];
    private readonly List<ConsentChange> _consentChanges = [];
    private readonly List<FlowInstance> _active = [.. state.Active];
    private readonly HashSet<string> _everRun = new(state.FlowsEverRun, StringComparer.Ordinal);
    private ContactProfile? _profile = state.Profile;

    /// <summary>Everything to commit: the decisions, the consent audit rows, then the events claimed and identities assigned.</summary>
    public IReadOnlyList<SqlStatement> Statements =>
        [.. _statements, .. _instanceWrites.Values.Select(w => FlowStore.UpsertInstance(w.Instance, w.Version)),
         .. ConsentStore.Insert(contactId, _consentChanges, now),
         .. EventStore.AssignContact(_appliedSeqs, contactId), .. ContactStore.AssignIdentities(_identities, contactId)];

    /// <summary>
    /// Messages the flows decided to send, not yet composed: an email with a coupon needs its code first, and issuing it
    /// is I/O the grain does before committing (<see cref="Queue"/>).
    /// </summary>
    public IReadOnlyList<PendingMessage> PendingMessages => _pendingMessages;

    /// <summary>Coupons issueCoupon steps decided on: issuing one is I/O the grain does before committing.</summary>
    public IReadOnlyList<PendingCoupon> PendingCoupons => _pendingCoupons;

    /// <summary>Whether a flow step changed the profile (a trait, a tag), so a wake-up must store it too.</summary>
    public bool ProfileChanged { get; private set; }

    /// <summary>Waits that end at the contact's best send time: the grain picks the time (<see cref="WakeAt"/>).</summary>
    public IReadOnlyList<PendingWake> PendingWakes => _pendingWakes;

    /// <summary>Sets a pending best-time wait's wake-up: the instance's WakeAt and its timer.</summary>
    public void WakeAt(PendingWake pending, DateTimeOffset at)
    {
        var (instance, version) = _instanceWrites[pending.InstanceId];
        var moved = instance with { WakeAt = at };
        _instanceWrites[pending.InstanceId] = (moved, version);
        var i = _active.FindIndex(a => a.Id == pending.InstanceId);
        if (i >= 0)
        {
            _active[i] = moved;
        }

        _statements.Add(FlowStore.InsertTimer(Ids.New(), contactId, pending.InstanceId, at));
        ScheduledTimers = true;
    }

    public bool QueuedMessages { get; private set; }

    public void Queue(Storage.Messages.OutboxMessage message)
    {
        _statements.Add(Storage.Messages.MessageStore.Insert(message));
        QueuedMessages = true;
    }

    public bool ScheduledTimers { get; private set; }

    /// <summary>Flow instances this update starts (for the metrics).</summary>
    public int FlowsStarted { get; private set; }

    public ContactState Result => new(_profile, [.. _active], _everRun, TriggersResult);

    private ContactProfile Profile => _profile ??= new ContactProfile { Id = contactId, CreatedAt = now };

    public void AssignIdentity(string kind, string value) => _identities.Add((kind, value));

    /// <summary>Takes over a merged contact: its aggregates, events, identities, timers and flows.</summary>
    public void Absorb(string loserId, ContactProfile? loser, ContactFlows loserFlows)
    {
        if (loser is not null)
        {
            _profile = _profile is null ? loser with { Id = contactId } : ProfileReducer.Merge(_profile, loser);
        }

        _statements.Add(EventStore.MoveEvents(loserId, contactId));
        _statements.Add(ContactStore.MoveIdentities(loserId, contactId));
        _statements.Add(ConsentStore.MoveHistory(loserId, contactId));
        _statements.Add(FlowStore.MoveTimers(loserId, contactId));
        _statements.Add(OrderStore.MoveOrders(loserId, contactId));
        _statements.Add(ContactStore.MarkMerged(loserId, contactId, now));
        _everRun.UnionWith(loserFlows.EverRun);
        AbsorbTriggers(loserFlows);
        foreach (var instance in loserFlows.Active)
        {
            var version = catalog.Find(instance.FlowId)?.Version ?? 0;
            // Two copies of the same journey would double-send; the survivor's own instance wins.
            var moved = _active.Any(a => a.FlowId == instance.FlowId)
                ? instance with { ContactId = contactId, Status = FlowInstanceStatus.Exited, ExitReason = "merged into a contact already in this flow", UpdatedAt = now, WakeAt = null }
                : instance with { ContactId = contactId, UpdatedAt = now };
            if (moved.Status == FlowInstanceStatus.Active)
            {
                _active.Add(moved);
            }

            _instanceWrites[moved.Id] = (moved, version);
        }
    }

    public void Apply(EventMessage message)
    {
        var before = Profile;
        _profile = ProfileReducer.Apply(before, message, _consentChanges);
        _appliedSeqs.Add(message.Seq);
        if (message.Type != MessageType.Track)
        {
            ApplyTriggers(message, before);
            return;
        }

        if (OrderFromEvent.Map(message, defaultCurrency) is { } order)
        {
            _statements.Add(OrderStore.Insert(order, contactId, now));
            if (order.Coupon is { } code)
            {
                _statements.Add(CouponStore.Redeem(code, order.OrderId, order.Timestamp));
            }
        }
        else if (OrderAdjustment.FromEvent(message) is { } adjustment)
        {
            _statements.Add(OrderStore.Adjust(adjustment));
        }

        if (ImportedOrders.IsImported(message))
        {
            // History from an import updates the profile and the orders, but journeys are for the present.
            MoveTriggerTimers(before);
            return;
        }

        // Running journeys first: an event that converts one (a goal) lets a trigger start the flow afresh.
        Remember(message);
        DeliverToRunning(message);
        ApplyTriggers(message, before);
    }

    /// <summary>A timer fired: resume the instance if it is still active and due.</summary>
    public void Wake(string timerId, string instanceId)
    {
        var instance = _active.FirstOrDefault(a => a.Id == instanceId);
        if (instance?.WakeAt is { } wakeAt && now < wakeAt)
        {
            // Too early by this grain's clock (a node whose clock runs ahead claimed the timer). The
            // interpreter would do nothing, so deleting the row would leave the instance waiting for a
            // wake-up that never comes; keep it for the next round.
            return;
        }

        _statements.Add(FlowStore.DeleteTimer(timerId, contactId));
        var flow = instance is null ? null : catalog.Find(instance.FlowId);
        if (instance is null || flow is null || _profile is null)
        {
            // The instance ended (or its flow was removed) after the timer was set: nothing to wake.
            return;
        }

        _active.Remove(instance);
        Record(flow, FlowInterpreter.Resume(flow.Definition, instance, Input()));
    }

    /// <summary>Offers an event to every running instance of the contact: goals convert, waits for an event go on.</summary>
    private void DeliverToRunning(EventMessage message)
    {
        foreach (var instance in _active.ToList())
        {
            if (catalog.Find(instance.FlowId) is not { } flow)
            {
                continue;
            }

            var result = FlowInterpreter.OnEvent(flow.Definition, instance, message, Input());
            if (result.Changed(instance))
            {
                // The timeout it was waiting with is moot; a new wait schedules its own timer after this.
                _statements.Add(FlowStore.DeleteTimersOf(instance.Id, contactId));
                Record(flow, result);
            }
        }
    }

    /// <summary>The contact's scores and history as far as the flows' conditions need them; the grain loads them first.</summary>
    public FlowFacts Facts { get; set; } = FlowFacts.None;

    private FlowInput Input() => new(Profile, now)
    {
        TimeZone = ContactTimeZone.Resolve(Profile, catalog.DefaultTimeZone),
        Scores = Facts.Scores,
        History = Facts.History,
    };

    /// <summary>Adds an applied track event to the loaded history, so this batch's conditions count it.</summary>
    private void Remember(EventMessage message)
    {
        if (Facts.History is { } history && message.Type == MessageType.Track && message.Event is { } name && catalog.Needs.Events.Contains(name))
        {
            Facts = Facts with { History = history with { Events = history.Events.Add(new HistoryEvent(name, message.Timestamp, message.Properties)) } };
        }
    }

    private void Record(ActiveFlow flow, FlowStepResult result)
    {
        var instance = result.Instance;
        _active.RemoveAll(a => a.Id == instance.Id);
        if (instance.Status == FlowInstanceStatus.Active)
        {
            _active.Add(instance);
        }

        _instanceWrites[instance.Id] = (instance, flow.Version);
        _statements.AddRange(FlowStore.InsertVisits(instance, result.Visits));
        if (result.Profile is { } changed)
        {
            _profile = changed;
            ProfileChanged = true;
        }

        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case ScheduleWake { BestTime: { } best } wake:
                    _pendingWakes.Add(new PendingWake(instance.Id, wake.At, best));
                    break;
                case ScheduleWake wake:
                    _statements.Add(FlowStore.InsertTimer(Ids.New(), contactId, instance.Id, wake.At));
                    ScheduledTimers = true;
                    break;
                case SendMessage send:
                    // Rendered against the profile as it is now, even if later events of this batch change it.
                    _pendingMessages.Add(new PendingMessage(Profile, flow.Definition.Id, instance.Id, PendingMessage.JourneyKey(instance), send));
                    break;
                case IssueCoupon issue:
                    _pendingCoupons.Add(new PendingCoupon(flow.Definition.Id, issue.StepId, issue.Campaign, PendingMessage.JourneyKey(instance)));
                    break;
            }
        }
    }
}

/// <summary>A coupon an issueCoupon step decided on, issued under the journey's key (so the journey's emails show the same code).</summary>
public sealed record PendingCoupon(string FlowId, string StepId, string Campaign, string Journey);

/// <summary>A wait that ends at the contact's best send time in [<paramref name="Earliest"/>, Earliest + Within].</summary>
internal sealed record PendingWake(string InstanceId, DateTimeOffset Earliest, SendTimeWindow Window);
