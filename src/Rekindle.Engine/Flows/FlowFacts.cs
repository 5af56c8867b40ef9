using System.Collections.Immutable;
using Rekindle.Core.Conditions;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.Messages;
using Rekindle.Storage.Scores;

namespace Rekindle.Engine.Flows;

/// <summary>What a contact's flow conditions may ask beyond the profile: its scores and its recent history.</summary>
public sealed record FlowFacts(ContactScores? Scores, ContactHistory? History)
{
    public static FlowFacts None { get; } = new(null, null);
}

/// <summary>
/// Loads a contact's <see cref="FlowFacts"/> as far as the enabled flows need them (<see cref="FlowNeeds"/>): nothing
/// at all when no condition asks about scores or history, which keeps the common path (waits, sends, occurrence
/// checks the profile answers) free of extra queries.
/// </summary>
public sealed class FlowFactsLoader(RekindleDatabase database, EventStore events, MessageStore messages, ScoreStore scores)
{
    public async Task<FlowFacts> LoadAsync(string contactId, FlowNeeds needs, IEnumerable<DateTimeOffset> activeStarts, DateTimeOffset now, CancellationToken ct)
    {
        if (!needs.Scores && !needs.History)
        {
            return FlowFacts.None;
        }

        ContactScores? contactScores = null;
        if (needs.Scores)
        {
            var rfm = await scores.RfmAsync(contactId, ct);
            var churn = await ChurnScores.ForContactAsync(database, contactId, ct);
            contactScores = new ContactScores(rfm?.Segment, rfm?.R, rfm?.F, rfm?.M, churn?.Risk, churn?.PurchaseProbability, churn?.PAlive,
                churn?.Clv, churn?.ExpectedOrderValue);
        }

        ContactHistory? history = null;
        if (needs.History)
        {
            var from = needs.HistoryFrom(now, activeStarts);
            var found = await events.HistoryAsync(contactId, needs.Events, from, ct);
            var sent = needs.Messages ? await messages.ForContactSinceAsync(contactId, from ?? DateTimeOffset.UnixEpoch, ct) : [];
            history = new ContactHistory(
                [.. found.Select(e => new HistoryEvent(e.Event!, e.Timestamp, e.Properties))],
                [.. sent.Select(m => new SentMessage(m.Id, m.FlowId, m.InstanceId, m.StepId, m.Channel, m.SentAt ?? m.CreatedAt,
                    m.Status.ToString().ToLowerInvariant()))]);
        }

        return new FlowFacts(contactScores, history);
    }
}
