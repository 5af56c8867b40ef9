using Rekindle.Core.Events;
using Rekindle.Storage.Events;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Events;

[Collection(PostgresFixture.Collection)]
public sealed class EventStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 15, 123, TimeSpan.Zero);

    public static EventMessage Track(string messageId, string anonymousId, string name, DateTimeOffset at, string properties = "{}") => new()
    {
        MessageId = messageId,
        Type = MessageType.Track,
        Event = name,
        AnonymousId = anonymousId,
        Timestamp = at,
        ReceivedAt = at.AddMilliseconds(250),
        OriginalTimestamp = at.AddHours(-1),
        SentAt = at.AddHours(-1).AddSeconds(2),
        Properties = properties,
        Context = """{"ip":"127.0.0.1"}""",
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Insert_SameMessageIdTwice_StoresOneRow(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new EventStore(backend.Database);

        await backend.Writer.WriteAsync([EventStore.Insert(Track("m-1", "a-1", "Product Added", T0))]);
        await backend.Writer.WriteAsync([EventStore.Insert(Track("m-1", "a-1", "Product Added", T0.AddMinutes(5)))]);

        Assert.Equal(1, await store.CountAsync(default));
        var stored = Assert.Single(await store.ReadUnprocessedAsync(0, 10, default));
        Assert.Equal(T0, stored.Timestamp);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ReadUnprocessed_AfterAssigningContact_ReturnsOnlyTheRestInOrderWithEveryField(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new EventStore(backend.Database);
        var big = """{"order_id":"o-9","shopify_id":9007199254740993123,"price":19.99}""";
        await backend.Writer.WriteAsync([
            EventStore.Insert(Track("m-1", "a-1", "Product Viewed", T0)),
            EventStore.Insert(Track("m-2", "a-1", "Product Added", T0.AddSeconds(1), big)),
            EventStore.Insert(Track("m-3", "a-2", "Cart Viewed", T0.AddSeconds(2))),
        ]);
        var all = await store.ReadUnprocessedAsync(0, 10, default);

        await backend.Writer.WriteAsync([.. EventStore.AssignContact([all[0].Seq], "c-1")]);
        var rest = await store.ReadUnprocessedAsync(0, 10, default);
        var afterSecond = await store.ReadUnprocessedAsync(all[1].Seq, 10, default);

        Assert.Equal(["m-2", "m-3"], rest.Select(e => e.MessageId));
        Assert.Equal(["m-3"], afterSecond.Select(e => e.MessageId));
        var second = rest[0];
        Assert.Equal(MessageType.Track, second.Type);
        Assert.Equal("Product Added", second.Event);
        Assert.Equal("a-1", second.AnonymousId);
        Assert.Null(second.UserId);
        Assert.Equal(T0.AddSeconds(1), second.Timestamp);
        Assert.Equal(T0.AddSeconds(1).AddMilliseconds(250), second.ReceivedAt);
        Assert.Equal(T0.AddSeconds(1).AddHours(-1), second.OriginalTimestamp);
        Assert.Equal(T0.AddSeconds(1).AddHours(-1).AddSeconds(2), second.SentAt);
        using var properties = System.Text.Json.JsonDocument.Parse(second.Properties);
        Assert.Equal("9007199254740993123", properties.RootElement.GetProperty("shopify_id").GetRawText());
        Assert.Equal(19.99m, properties.RootElement.GetProperty("price").GetDecimal());
        var timeline = await store.TimelineAsync("c-1", 10, default);
        Assert.Equal("m-1", Assert.Single(timeline).MessageId);
    }

    [Theory]
    [InlineData("Sqlite", 1)]
    [InlineData("Sqlite", 101)]
    [InlineData("Postgres", 101)]
    public async Task Insert_ManyRowsInChunks_StoresEachOnceAndAssignsThemAll(string provider, int count)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new EventStore(backend.Database);
        var messages = Enumerable.Range(0, count).Select(i => Track($"m-{i}", "a-1", "Page", T0.AddSeconds(i))).ToList();

        // The second insert repeats every messageId: de-duplication must hold inside chunks too.
        await backend.Writer.WriteAsync([.. EventStore.Insert(messages)]);
        await backend.Writer.WriteAsync([.. EventStore.Insert(messages)]);
        var stored = await store.ReadUnprocessedAsync(0, 1000, default);
        await backend.Writer.WriteAsync([.. EventStore.AssignContact(stored.Take(count - 1).Select(e => e.Seq).ToList(), "c-1")]);

        Assert.Equal(messages.Select(m => m.MessageId), stored.Select(e => e.MessageId));
        Assert.Equal(count - 1, (await store.TimelineAsync("c-1", 1000, default)).Count);
        Assert.Equal($"m-{count - 1}", Assert.Single(await store.ReadUnprocessedAsync(0, 1000, default)).MessageId);
    }
}
