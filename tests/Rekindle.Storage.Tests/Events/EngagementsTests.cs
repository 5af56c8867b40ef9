using Rekindle.Core.Events;
using Rekindle.Core.Intelligence.SendTime;
using Rekindle.Storage.Events;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Events;

/// <summary>EventStore.EngagementsAsync: what the send-time choice reads, on both providers.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class EngagementsTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<EngagementKind> Email = EngagementWeights.Counted(SendChannel.Email);

    private static EventMessage Event(string messageId, MessageType type, string? name, DateTimeOffset at, string context = "{}") => new()
    {
        MessageId = messageId,
        Type = type,
        Event = type == MessageType.Track ? name : null,
        Name = type == MessageType.Track ? null : name,
        AnonymousId = "a-1",
        Timestamp = at,
        ReceivedAt = at,
        Context = context,
    };

    /// <summary>Every kind of event a contact's timeline holds, one minute apart, all applied to c-1 but the last.</summary>
    private static async Task<EventStore> SeedAsync(StorageBackend backend)
    {
        var store = new EventStore(backend.Database);
        await backend.Writer.WriteAsync([.. EventStore.Insert([
            Event("page", MessageType.Page, "Home", T0.AddMinutes(1)),
            Event("screen", MessageType.Screen, "Cart", T0.AddMinutes(2)),
            Event("order", MessageType.Track, "Order Completed", T0.AddMinutes(3)),
            Event("imported-order", MessageType.Track, "Order Completed", T0.AddDays(-30), """{"rekindle":{"imported":true}}"""),
            Event("open", MessageType.Track, "Email Opened", T0.AddMinutes(5), """{"rekindle":{"tracking":"email"}}"""),
            Event("click", MessageType.Track, "Email Link Clicked", T0.AddMinutes(6), """{"rekindle":{"tracking":"email"}}"""),
            Event("rfm", MessageType.Track, "RFM Segment Changed", T0.AddMinutes(7), """{"rekindle":{"source":"rfm"}}"""),
            Event("churn", MessageType.Track, "Churn Risk Changed", T0.AddMinutes(8), """{"rekindle":{"source":"churn"}}"""),
            Event("viewed", MessageType.Track, "Product Viewed", T0.AddMinutes(9)),
            Event("identify", MessageType.Identify, null, T0.AddMinutes(10)),
            Event("old-page", MessageType.Page, "Home", T0.AddDays(-400)),
            Event("unapplied", MessageType.Page, "Home", T0.AddMinutes(11)),
        ])]);
        var stored = await store.ReadUnprocessedAsync(0, 100, default);
        await backend.Writer.WriteAsync([.. EventStore.AssignContact(stored.Where(e => e.MessageId != "unapplied").Select(e => e.Seq).ToList(), "c-1")]);
        return store;
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Engagements_EmailKinds_VisitsPurchasesIncludingImportedAndEmailEventsNewestFirst(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = await SeedAsync(backend);

        var found = await store.EngagementsAsync("c-1", Email, T0.AddDays(-365), 100, default);

        // Not the batch jobs' RFM Segment Changed and Churn Risk Changed (scoring time, not the shopper's), nor other
        // track events, identifies, events older than the window or not applied to the contact yet.
        Assert.Equal([
            new Engagement("c-1", T0.AddMinutes(6), EngagementKind.EmailClick),
            new Engagement("c-1", T0.AddMinutes(5), EngagementKind.EmailOpen),
            new Engagement("c-1", T0.AddMinutes(3), EngagementKind.Purchase),
            new Engagement("c-1", T0.AddMinutes(2), EngagementKind.Visit),
            new Engagement("c-1", T0.AddMinutes(1), EngagementKind.Visit),
            new Engagement("c-1", T0.AddDays(-30), EngagementKind.Purchase),
        ], found);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Engagements_SmsKinds_NoEmailEvents(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = await SeedAsync(backend);

        var found = await store.EngagementsAsync("c-1", EngagementWeights.Counted(SendChannel.Sms), T0.AddDays(-365), 100, default);

        Assert.Equal([
            new Engagement("c-1", T0.AddMinutes(3), EngagementKind.Purchase),
            new Engagement("c-1", T0.AddMinutes(2), EngagementKind.Visit),
            new Engagement("c-1", T0.AddMinutes(1), EngagementKind.Visit),
            new Engagement("c-1", T0.AddDays(-30), EngagementKind.Purchase),
        ], found);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Engagements_WholeShopWithLimitAndSince_OnlyAppliedEventsNewestFirst(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = await SeedAsync(backend);

        var newest = await store.EngagementsAsync(null, Email, T0.AddDays(-365), 2, default);
        var lastDay = await store.EngagementsAsync(null, Email, T0.AddDays(-1), 100, default);
        var purchasesOnly = await store.EngagementsAsync(null, [EngagementKind.Purchase], T0.AddDays(-365), 100, default);

        Assert.Equal([EngagementKind.EmailClick, EngagementKind.EmailOpen], newest.Select(e => e.Kind));
        Assert.Equal(5, lastDay.Count);
        Assert.Equal([T0.AddMinutes(3), T0.AddDays(-30)], purchasesOnly.Select(e => e.At));
        Assert.Empty(await store.EngagementsAsync(null, [], T0.AddDays(-365), 100, default));
        Assert.Empty(await store.EngagementsAsync("c-other", Email, T0.AddDays(-365), 100, default));
    }
}
