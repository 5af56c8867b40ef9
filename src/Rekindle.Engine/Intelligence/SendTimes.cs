using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Rekindle.Core.Intelligence.SendTime;
using Rekindle.Engine.Clock;
using Rekindle.Storage.Events;

namespace Rekindle.Engine.Intelligence;

/// <summary>
/// Best send time from the events table: the contact's engagements of the last year against the shop's of the
/// last 90 days, both counted for the channel by <see cref="EngagementWeights"/> (the shop's pattern is cached
/// for ten minutes per channel — the shop's rhythm does not change between two requests).
/// </summary>
public sealed class SendTimes(EventStore events, [FromKeyedServices(RekindleClock.Key)] TimeProvider time)
{
    private const int MaxEvents = 200_000;
    private static readonly TimeSpan ShopCacheFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<SendChannel, (double[] Counts, DateTimeOffset At)> _shop = new();

    public async Task<SendTimeChoice> ChooseAsync(string contactId, SendChannel channel, DateTimeOffset earliest, DateTimeOffset latest,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var kinds = EngagementWeights.Counted(channel);
        var contact = EngagementWeights.Histogram(await events.EngagementsAsync(contactId, kinds, now.AddDays(-365), MaxEvents, ct), channel);
        return SendTimeChooser.Choose(contact, await ShopAsync(channel, now, ct), earliest, latest);
    }

    private async Task<double[]> ShopAsync(SendChannel channel, DateTimeOffset now, CancellationToken ct)
    {
        if (_shop.TryGetValue(channel, out var cached) && now - cached.At < ShopCacheFor)
        {
            return cached.Counts;
        }

        var engagements = await events.EngagementsAsync(null, EngagementWeights.Counted(channel), now.AddDays(-90), MaxEvents, ct);
        var counts = EngagementWeights.Histogram(engagements, channel);
        _shop[channel] = (counts, now);
        return counts;
    }
}
