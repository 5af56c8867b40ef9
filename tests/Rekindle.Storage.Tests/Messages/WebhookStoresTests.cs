using Rekindle.Storage.Messages;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Messages;

/// <summary>Migration 0011 on both databases: message payloads and retry times, webhook secrets, the delivery log.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class WebhookStoresTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 15, TimeSpan.Zero);

    private static OutboxMessage Webhook(string id, DateTimeOffset createdAt) => new()
    {
        Id = id,
        ContactId = "c-1",
        FlowId = "order-hook",
        Channel = "webhook",
        Recipient = "https://hooks.example/orders",
        Subject = "",
        Html = "",
        Text = "",
        Payload = """{"url":"https://hooks.example/orders","body":"{\"name\": \"Jo \\\"JJ\\\"\"}","headers":{}}""",
        CreatedAt = createdAt,
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task PendingAsync_MessageWaitingOutItsRetryDelay_NotDueUntilItsTime(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new MessageStore(backend.Database);
        await backend.Writer.WriteAsync([MessageStore.Insert(Webhook("m-1", T0)), MessageStore.Insert(Webhook("m-2", T0.AddSeconds(1)))]);

        await backend.Writer.WriteAsync(MessageStore.MarkAttemptFailed("m-1", "HTTP 500 InternalServerError", giveUp: false, T0.AddSeconds(30)));

        Assert.Equal(["m-2"], (await store.PendingAsync(10, T0.AddSeconds(29), default)).Select(m => m.Id));
        Assert.Equal(["m-1", "m-2"], (await store.PendingAsync(10, T0.AddSeconds(30), default)).Select(m => m.Id));
        var waiting = await store.FindAsync("m-1", default);
        Assert.Equal((T0.AddSeconds(30), 1, "HTTP 500 InternalServerError"), (waiting!.NextAttemptAt, waiting.Attempts, waiting.LastError));
        using var payload = System.Text.Json.JsonDocument.Parse(waiting.Payload!);
        Assert.Equal("{\"name\": \"Jo \\\"JJ\\\"\"}", payload.RootElement.GetProperty("body").GetString());
        // The dev mailbox lists mail only.
        Assert.Empty(await store.RecentAsync(10, default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task GetOrAddAsync_SecondCall_KeepsTheFirstSecretUntilReplaced(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new WebhookSecretStore(backend.Database);

        var first = await store.GetOrAddAsync("order-hook", "secret-a", T0, default);
        var again = await store.GetOrAddAsync("order-hook", "secret-b", T0.AddHours(1), default);
        var other = await store.GetOrAddAsync("welcome", "secret-c", T0, default);
        var rotated = await store.ReplaceAsync("order-hook", "secret-d", T0.AddDays(1), default);
        var afterRotation = await store.GetOrAddAsync("order-hook", "secret-e", T0.AddDays(2), default);

        Assert.Equal(new WebhookSecret("order-hook", "secret-a", T0), first);
        Assert.Equal(first, again);
        Assert.Equal("secret-c", other.Secret);
        Assert.Equal(new WebhookSecret("order-hook", "secret-d", T0.AddDays(1)), rotated);
        Assert.Equal(rotated, afterRotation);
        Assert.DoesNotContain("secret-a", first.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ForFlowAsync_Attempts_NewestFirstWithStatusOrError(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new WebhookDeliveryStore(backend.Database);
        WebhookAttempt[] attempts =
        [
            new("m-1", "order-hook", "c-1", 1, T0, TimeSpan.FromMilliseconds(12), "https://hooks.example/a", 500, "HTTP 500 InternalServerError", WebhookAttemptOutcome.Retrying),
            new("m-1", "order-hook", "c-1", 2, T0.AddSeconds(30), TimeSpan.FromMilliseconds(8), "https://hooks.example/a", 200, null, WebhookAttemptOutcome.Delivered),
            new("m-2", "order-hook", "c-2", 1, T0.AddSeconds(31), TimeSpan.Zero, "http://10.0.0.7/", null, "refused", WebhookAttemptOutcome.Failed),
            new("m-3", "other", "c-2", 1, T0.AddSeconds(32), TimeSpan.Zero, "https://hooks.example/b", 201, null, WebhookAttemptOutcome.Delivered),
        ];

        await backend.Writer.WriteAsync([.. attempts.Select(WebhookDeliveryStore.Insert)]);

        Assert.Equal([attempts[2], attempts[1], attempts[0]], await store.ForFlowAsync("order-hook", 10, default));
        Assert.Equal([attempts[2], attempts[1]], await store.ForFlowAsync("order-hook", 2, default));
        Assert.Equal([attempts[0], attempts[1]], await store.ForMessageAsync("m-1", default));
    }
}
