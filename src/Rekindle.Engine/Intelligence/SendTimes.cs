using Microsoft.Extensions.DependencyInjection;
using Rekindle.Core.Intelligence.SendTime;
using Rekindle.Engine.Clock;
using Rekindle.Storage.Events;

namespace Rekindle.Engine.Intelligence;

/// <summary>
/// Best send time from the events table: the contact's engagements of the last year against the shop's of the
/// last 90 days (cached for ten minutes — the shop's rhythm does not change between two requests).
/// </summary>
public sealed class SendTimes(EventStore events, [FromKeyedServices(RekindleClock.Key)] TimeProvider time)
{
    private const int MaxEvents = 200_000;
    private static readonly TimeSpan ShopCacheFor = TimeSpan.FromMinutes(10);
    private (double[] Counts, DateTimeOffset At)? _shop;

    public async Task<SendTimeChoice> ChooseAsync(string contactId, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var contact = HourOfWeek.Histogram(await events.EngagementTimesAsync(contactId, now.AddDays(-365), MaxEvents, ct));
        return SendTimeChooser.Choose(contact, await ShopAsync(now, ct), earliest, latest);
    }

    private async Task<double[]> ShopAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (_shop is { } cached && now - cached.At < ShopCacheFor)
        {
            return cached.Counts;
        }

        var counts = HourOfWeek.Histogram(await events.EngagementTimesAsync(null, now.AddDays(-90), MaxEvents, ct));
        _shop = (counts, now);
        return counts;
    }
}
