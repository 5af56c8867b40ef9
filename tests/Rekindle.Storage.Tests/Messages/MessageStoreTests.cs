using Rekindle.Core.Consent;
using Rekindle.Storage.Messages;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Messages;

[Collection(PostgresFixture.Collection)]
public sealed class MessageStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 15, 123, TimeSpan.Zero);

    private static OutboxMessage Message(string id, IReadOnlyList<string> links) => new()
    {
        Id = id,
        ContactId = "c-1",
        FlowId = "winback",
        InstanceId = "i-1",
        StepId = "mail",
        Recipient = "ada@example.com",
        Subject = "We miss you",
        Html = "<p>Hi</p>",
        Text = "Hi",
        Links = links,
        CreatedAt = T0,
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Insert_WithTrackedLinks_FindReturnsThemInOrder(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new MessageStore(backend.Database);
        string[] links = ["https://shop.example/p?a=1&b=2", "https://shop.example/café", "https://shop.example/p?a=1&b=2"];

        await backend.Writer.WriteAsync(MessageStore.Insert(Message("m-1", links)));
        await backend.Writer.WriteAsync(MessageStore.Insert(Message("m-2", [])));

        var tracked = await store.FindAsync("m-1", default);
        var untracked = await store.FindAsync("m-2", default);
        Assert.Equal(links, tracked!.Links);
        Assert.Equal("winback", tracked.FlowId);
        Assert.Equal("mail", tracked.StepId);
        Assert.Empty(untracked!.Links);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MarkSkipped_PendingMessage_SkippedWithReasonAndLeftOutOfTheMailbox(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new MessageStore(backend.Database);
        await backend.Writer.WriteAsync(MessageStore.Insert(Message("m-1", []) with { Kind = MessageKind.Transactional }));
        await backend.Writer.WriteAsync(MessageStore.Insert(Message("m-2", [])));
        await backend.Writer.WriteAsync(MessageStore.MarkSent("m-2", "smtp", T0));

        await backend.Writer.WriteAsync(MessageStore.MarkSkipped("m-1", "consent: email suppressed"));
        await backend.Writer.WriteAsync(MessageStore.MarkSkipped("m-2", "consent: email unsubscribed"));

        var skipped = await store.FindAsync("m-1", default);
        var sent = await store.FindAsync("m-2", default);
        Assert.Equal((MessageStatus.Skipped, "consent: email suppressed", MessageKind.Transactional), (skipped!.Status, skipped.SkipReason, skipped.Kind));
        Assert.Equal((MessageStatus.Sent, (string?)null, MessageKind.Marketing), (sent!.Status, sent.SkipReason, sent.Kind));
        Assert.Equal(["m-2"], (await store.RecentAsync(10, default)).Select(m => m.Id));
        Assert.Empty(await store.PendingAsync(10, T0, default));
        Assert.Equal(["m-1", "m-2"], (await store.ForInstancesAsync(["i-1", "i-other"], default)).Select(m => m.Id).Order());
    }
}
