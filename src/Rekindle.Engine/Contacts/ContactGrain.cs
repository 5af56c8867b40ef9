using Microsoft.Extensions.DependencyInjection;
using Rekindle.Core.Intelligence.SendTime;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Coupons;
using Rekindle.Engine.Flows;
using Rekindle.Engine.Intelligence;
using Rekindle.Engine.Outbox;
using Rekindle.Engine.Telemetry;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Flows;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Engine.Contacts;

/// <summary>
/// Thin by design: load the contact once, let <see cref="ContactUpdate"/> (over the pure core) decide,
/// commit through the group-commit writer, then adopt the new state. If the commit fails the cached
/// state is dropped, so the next call starts again from what the database holds.
/// </summary>
public sealed class ContactGrain(
    ContactStore contacts,
    FlowStore flows,
    FlowCatalog catalog,
    FlowMessages messages,
    CouponIssuer coupons,
    FlowFactsLoader facts,
    SendTimes sendTimes,
    GroupCommitWriter writer,
    EngineSignals signals,
    EngineOptions options,
    EngineMetrics metrics,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    IGrainFactory grains) : Grain, IContactGrain
{
    private ContactState? _state;

    private string Id => this.GetPrimaryKeyString();

    public async Task ApplyAsync(ContactWork work)
    {
        if (work.IsNew && _state is null)
        {
            // Most events of a busy shop come from shoppers seen for the first time; skip two queries.
            _state = new ContactState(null, [], new HashSet<string>(StringComparer.Ordinal));
        }

        var update = await NewUpdateAsync();
        foreach (var loserId in work.MergeFrom)
        {
            await grains.GetGrain<IContactGrain>(loserId).SurrenderAsync(Id);
            var loser = await contacts.FindAsync(loserId, CancellationToken.None);
            var loserFlows = await flows.LoadForContactAsync(loserId, CancellationToken.None);
            update.Absorb(loserId, loser?.Profile, loserFlows);
        }

        foreach (var identity in work.Identities)
        {
            update.AssignIdentity(identity.Kind, identity.Value);
        }

        foreach (var message in work.Events)
        {
            update.Apply(message);
        }

        await CommitAsync(update, profileChanged: true);
        metrics.EventsApplied(work.Events, time.GetUtcNow());
    }

    public async Task WakeAsync(string timerId, string instanceId)
    {
        var update = await NewUpdateAsync();
        update.Wake(timerId, instanceId);
        await CommitAsync(update, profileChanged: update.ProfileChanged);
    }

    public async Task TriggerAsync(string timerId, string flowId)
    {
        var update = await NewUpdateAsync();
        update.FireTrigger(timerId, flowId);
        await CommitAsync(update, profileChanged: update.ProfileChanged);
    }

    public async Task<bool> ArmTriggerAsync(string flowId)
    {
        var update = await NewUpdateAsync(withFacts: false);
        var armed = update.ArmTrigger(flowId);
        if (armed)
        {
            await CommitAsync(update, profileChanged: false);
        }

        return armed;
    }

    /// <summary>A change to this contact, with the scores and history its flows' conditions need (none when none asks).</summary>
    /// <param name="withFacts">False for a call that runs no flow (arming a trigger timer): it needs no history.</param>
    private async Task<ContactUpdate> NewUpdateAsync(bool withFacts = true)
    {
        var state = await LoadAsync();
        var now = time.GetUtcNow();
        var update = new ContactUpdate(Id, state, catalog, now, options.DefaultCurrency);
        if (!withFacts)
        {
            return update;
        }

        if (state.Profile is not null)
        {
            update.Facts = await facts.LoadAsync(Id, catalog.Needs, state.Active.Select(a => a.StartedAt), now, CancellationToken.None);
        }
        else if (catalog.Needs.History)
        {
            // A contact seen for the first time has no stored history; what this call applies is all of it.
            update.Facts = new FlowFacts(null, Core.Conditions.ContactHistory.Empty);
        }

        return update;
    }

    public Task SurrenderAsync(string survivorId)
    {
        _state = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Ends each best-time wait at the contact's most engaged hour inside its window (see SendTimes).</summary>
    private async Task ChooseWakeTimesAsync(ContactUpdate update)
    {
        foreach (var pending in update.PendingWakes)
        {
            // The flow parser only admits known channels.
            var channel = SendChannelNames.Parse(pending.Window.Channel) ?? SendChannel.Email;
            var choice = await sendTimes.ChooseAsync(Id, channel, pending.Earliest, pending.Earliest + pending.Window.Within, CancellationToken.None);
            update.WakeAt(pending, choice.SendAt);
        }
    }

    /// <summary>Issues the coupons issueCoupon steps decided on, before commit (a retried commit gets the same codes back).</summary>
    private async Task IssueCouponsAsync(ContactUpdate update)
    {
        foreach (var pending in update.PendingCoupons)
        {
            // Null is logged by the issuer (an unknown campaign, an empty pool); the journey goes on without a code.
            await coupons.IssueAsync(pending.Campaign, Id, pending.Journey, time.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary>Renders the emails the flows decided on (coupon, recommendations, templates) into outbox rows.</summary>
    private async Task ComposeEmailsAsync(ContactUpdate update)
    {
        foreach (var message in await messages.ComposeAsync(Id, update.PendingMessages, time.GetUtcNow()))
        {
            update.Queue(message);
        }
    }

    private async Task<ContactState> LoadAsync()
    {
        if (_state is not null)
        {
            return _state;
        }

        var stored = await contacts.FindAsync(Id, CancellationToken.None);
        var contactFlows = await flows.LoadForContactAsync(Id, CancellationToken.None);
        _state = new ContactState(stored?.Profile, contactFlows.Active, contactFlows.EverRun,
            new ContactTriggers(contactFlows.Armed ?? new Dictionary<string, ArmedTrigger>(), contactFlows.LastStarted ?? new Dictionary<string, DateTimeOffset>()));
        return _state;
    }

    private async Task CommitAsync(ContactUpdate update, bool profileChanged)
    {
        await ChooseWakeTimesAsync(update);
        await IssueCouponsAsync(update);
        await ComposeEmailsAsync(update);
        var next = update.Result;
        var statements = new List<SqlStatement>(update.Statements);
        if (profileChanged && next.Profile is not null)
        {
            statements.Add(ContactStore.Upsert(next.Profile, time.GetUtcNow()));
        }

        try
        {
            await writer.WriteAsync(statements);
        }
        catch
        {
            _state = null;
            throw;
        }

        _state = next;
        metrics.FlowsStarted(update.FlowsStarted);
        if (update.QueuedMessages)
        {
            signals.MessagesQueued.Set();
        }

        if (update.ScheduledTimers)
        {
            signals.TimersChanged.Set();
        }
    }
}
