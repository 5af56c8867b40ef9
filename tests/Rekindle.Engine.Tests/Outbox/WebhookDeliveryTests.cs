using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using Rekindle.Core.Messaging;
using Rekindle.Engine.Outbox;
using Rekindle.Engine.Outbox.Webhooks;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;
using Rekindle.Testing.Webhooks;

namespace Rekindle.Engine.Tests.Outbox;

/// <summary>
/// Webhooks through the engine's outbox to a real HTTP receiver on loopback (so private targets are allowed here,
/// except where the refusal is under test): signed with the flow's secret, retried after the back-off on the fake clock
/// while other messages go on, final on a 4xx, each attempt in the delivery log.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string FlowId = "order-hook";
    private const string Body = """{"contact": "{{ contact.id }}", "name": "{{ contact.first_name }}", "orders": {{ contact.orders }}}""";
    private static readonly Dictionary<string, string?> AllowLoopback = new() { ["Webhooks:AllowPrivateTargets"] = "true" };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero));
    private EngineDatabase? _database;

    public async Task InitializeAsync() => _database = await EngineDatabase.CreateAsync(_clock);

    public Task DisposeAsync()
    {
        _database?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Deliver_ReceiverAnswers200_SignedJsonWithTheFlowSecretAndLogged()
    {
        await using var receiver = WebhookReceiver.Start(200);
        await using var engine = await EngineHost.StartAsync(_database!, _clock, AllowLoopback);

        var message = await QueueAsync(engine, receiver.Url, Contact("c-jo", "Jo \"JJ\" \\ O'Neil"));
        var sent = await WaitForAsync(engine, message.Id, m => m.Status == MessageStatus.Sent, "the webhook to be delivered");

        var request = Assert.Single(receiver.Received);
        var secret = await engine.Get<WebhookSecrets>().GetAsync(FlowId, CancellationToken.None);
        Assert.True(request.SignatureVerifies(secret.Secret), $"the signature {request.Header("X-Rekindle-Signature")} does not verify");
        Assert.Equal(("POST", "/hooks/orders", "application/json; charset=utf-8"), (request.Method, request.Path, request.ContentType));
        Assert.Equal((_clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), message.Id, "yes"),
            (request.Header("X-Rekindle-Timestamp"), request.Header("X-Rekindle-Message-Id"), request.Header("X-Shop-Test")));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(("c-jo", "Jo \"JJ\" \\ O'Neil", 3),
            (json.RootElement.GetProperty("contact").GetString(), json.RootElement.GetProperty("name").GetString(), json.RootElement.GetProperty("orders").GetInt32()));
        Assert.Equal(("webhook", 1, receiver.Url), (sent.Transport, sent.Attempts, sent.Recipient));
        var attempt = Assert.Single(await engine.Get<WebhookDeliveryStore>().ForMessageAsync(message.Id, CancellationToken.None));
        Assert.Equal((1, 200, (string?)null, WebhookAttemptOutcome.Delivered, _clock.GetUtcNow(), FlowId, "c-jo"),
            (attempt.Attempt, attempt.StatusCode, attempt.Error, attempt.Outcome, attempt.AttemptedAt, attempt.FlowId, attempt.ContactId));
    }

    [Fact]
    public async Task Deliver_500Then200_DeliveredOnTheSecondAttemptAfterTheBackOffWhileOthersGoOn()
    {
        await using var receiver = WebhookReceiver.Start(500, 200, 200);
        await using var engine = await EngineHost.StartAsync(_database!, _clock, AllowLoopback);
        var t0 = _clock.GetUtcNow();

        var first = await QueueAsync(engine, receiver.Url, Contact("c-1", "Ann"));
        var failed = await WaitForAsync(engine, first.Id, m => m.Attempts == 1, "the first attempt");
        Assert.Equal((MessageStatus.Pending, "HTTP 500 InternalServerError", t0 + TimeSpan.FromSeconds(30)),
            (failed.Status, failed.LastError, failed.NextAttemptAt));

        // Waiting out its back-off, the first message holds up no other: a second one goes at once.
        var second = await QueueAsync(engine, receiver.Url, Contact("c-2", "Bob"));
        await WaitForAsync(engine, second.Id, m => m.Status == MessageStatus.Sent, "the second message to be delivered");
        Assert.Equal(1, (await engine.Messages.FindAsync(first.Id, CancellationToken.None))!.Attempts);

        engine.Advance(TimeSpan.FromSeconds(30));
        var sent = await WaitForAsync(engine, first.Id, m => m.Status == MessageStatus.Sent, "the retry after the back-off");

        Assert.Equal((2, (string?)null), (sent.Attempts, sent.LastError));
        var log = await engine.Get<WebhookDeliveryStore>().ForMessageAsync(first.Id, CancellationToken.None);
        Assert.Equal(
            [(1, (int?)500, WebhookAttemptOutcome.Retrying, t0), (2, 200, WebhookAttemptOutcome.Delivered, t0 + TimeSpan.FromSeconds(30))],
            log.Select(a => (a.Attempt, a.StatusCode, a.Outcome, a.AttemptedAt)));
        Assert.Equal(["c-1", "c-2", "c-1"], receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("contact").GetString()));
    }

    [Fact]
    public async Task Deliver_429WithRetryAfter_NextAttemptWhenTheReceiverAsked()
    {
        await using var receiver = WebhookReceiver.Start((429, "120"));
        await using var engine = await EngineHost.StartAsync(_database!, _clock, AllowLoopback);
        var t0 = _clock.GetUtcNow();

        var message = await QueueAsync(engine, receiver.Url, Contact("c-1", "Ann"));
        var waiting = await WaitForAsync(engine, message.Id, m => m.Attempts == 1, "the first attempt");

        Assert.Equal((MessageStatus.Pending, (DateTimeOffset?)(t0 + TimeSpan.FromSeconds(120))), (waiting.Status, waiting.NextAttemptAt));
    }

    [Fact]
    public async Task Deliver_404_FailedAtOnceAndNeverTriedAgain()
    {
        await using var receiver = WebhookReceiver.Start(404);
        await using var engine = await EngineHost.StartAsync(_database!, _clock, AllowLoopback);

        var message = await QueueAsync(engine, receiver.Url, Contact("c-1", "Ann"));
        var failed = await WaitForAsync(engine, message.Id, m => m.Status == MessageStatus.Failed, "the webhook to fail");
        engine.Advance(TimeSpan.FromHours(2));
        var later = await QueueAsync(engine, receiver.Url, Contact("c-2", "Bob"));
        await WaitForAsync(engine, later.Id, m => m.Status == MessageStatus.Sent, "a later message to be delivered");

        Assert.Equal((1, "HTTP 404 NotFound", (DateTimeOffset?)null), (failed.Attempts, failed.LastError, failed.NextAttemptAt));
        Assert.Equal(2, receiver.Received.Count);
        var attempt = Assert.Single(await engine.Get<WebhookDeliveryStore>().ForMessageAsync(message.Id, CancellationToken.None));
        Assert.Equal((404, WebhookAttemptOutcome.Failed), (attempt.StatusCode, attempt.Outcome));
    }

    [Fact]
    public async Task Deliver_LastAttemptFails_MarkedFailedSayingItGaveUp()
    {
        await using var receiver = WebhookReceiver.Start(503, 503);
        await using var engine = await EngineHost.StartAsync(_database!, _clock, new Dictionary<string, string?>(AllowLoopback)
        {
            ["Webhooks:MaxAttempts"] = "2",
        });

        var message = await QueueAsync(engine, receiver.Url, Contact("c-1", "Ann"));
        await WaitForAsync(engine, message.Id, m => m.Attempts == 1, "the first attempt");
        engine.Advance(TimeSpan.FromSeconds(30));
        var failed = await WaitForAsync(engine, message.Id, m => m.Status == MessageStatus.Failed, "the last attempt");

        Assert.Equal((2, "HTTP 503 ServiceUnavailable (attempt 2 of 2: giving up)"), (failed.Attempts, failed.LastError));
        Assert.Equal([WebhookAttemptOutcome.Retrying, WebhookAttemptOutcome.Failed],
            (await engine.Get<WebhookDeliveryStore>().ForMessageAsync(message.Id, CancellationToken.None)).Select(a => a.Outcome));
    }

    [Fact]
    public async Task Deliver_LoopbackTargetWithoutTheOption_RefusedAndLoggedAndNothingReachesTheReceiver()
    {
        await using var receiver = WebhookReceiver.Start(200);
        await using var engine = await EngineHost.StartAsync(_database!, _clock);

        var message = await QueueAsync(engine, receiver.Url, Contact("c-1", "Ann"));
        var failed = await WaitForAsync(engine, message.Id, m => m.Status == MessageStatus.Failed, "the webhook to be refused");

        const string Refusal = "webhook target 127.0.0.1 is a loopback, private or link-local address; refused (set Webhooks:AllowPrivateTargets=true to allow it)";
        Assert.Equal((1, Refusal), (failed.Attempts, failed.LastError));
        var attempt = Assert.Single(await engine.Get<WebhookDeliveryStore>().ForMessageAsync(message.Id, CancellationToken.None));
        Assert.Equal(((int?)null, Refusal, WebhookAttemptOutcome.Failed), (attempt.StatusCode, attempt.Error, attempt.Outcome));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Compose_BodyThatIsNotJsonOnceRendered_FailedRowSayingSo()
    {
        await using var engine = await EngineHost.StartAsync(_database!, _clock, AllowLoopback);

        var rows = await Compose(engine, new WebhookContent("https://hooks.example/x", """{"name": {{ contact.first_name }}}"""), Contact("c-1", "Ann"));

        var row = Assert.Single(rows);
        Assert.Equal((MessageStatus.Failed, "webhook", "https://hooks.example/x", (string?)null), (row.Status, row.Channel, row.Recipient, row.Payload));
        Assert.StartsWith("webhook body is not valid JSON once rendered: ", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_UrlThatIsNotHttp_FailedRowNamingIt()
    {
        await using var engine = await EngineHost.StartAsync(_database!, _clock, AllowLoopback);

        var row = Assert.Single(await Compose(engine, new WebhookContent("ftp://hooks.example/x", "{}"), Contact("c-1", "Ann")));

        Assert.Equal((MessageStatus.Failed, "webhook url 'ftp://hooks.example/x' must use http or https (was ftp)"), (row.Status, row.LastError));
    }

    private static ContactProfile Contact(string id, string firstName) => new()
    {
        Id = id,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Orders = 3,
        Traits = ContactProfileTraits(("first_name", firstName)),
    };

    internal static System.Collections.Immutable.ImmutableSortedDictionary<string, JsonElement> ContactProfileTraits(params (string Key, string Value)[] traits) =>
        System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            traits.Select(t => KeyValuePair.Create(t.Key, JsonSerializer.SerializeToElement(t.Value))));

    private Task<IReadOnlyList<OutboxMessage>> Compose(EngineHost engine, MessageContent content, ContactProfile contact) =>
        engine.Get<FlowMessages>().ComposeAsync(contact.Id,
            [new PendingMessage(contact, FlowId, "i-" + contact.Id, FlowId + ":m-" + contact.Id, new SendMessage("hook", content))], _clock.GetUtcNow());

    /// <summary>Composes the message as the grain does for a flow's step, and queues its row.</summary>
    private async Task<OutboxMessage> QueueAsync(EngineHost engine, string url, ContactProfile contact)
    {
        var headers = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(
            StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create("X-Shop-Test", "yes"), KeyValuePair.Create("X-Rekindle-Signature", "forged")]);
        var row = Assert.Single(await Compose(engine, new WebhookContent(url, Body, headers), contact));
        Assert.Equal(MessageStatus.Pending, row.Status);
        await engine.Get<GroupCommitWriter>().WriteAsync(MessageStore.Insert(row));
        engine.Signals.MessagesQueued.Set();
        return row;
    }

    private static async Task<OutboxMessage> WaitForAsync(EngineHost engine, string id, Func<OutboxMessage, bool> done, string what)
    {
        OutboxMessage? seen = null;
        await engine.WaitUntilAsync(async () => (seen = await engine.Messages.FindAsync(id, CancellationToken.None)) is { } m && done(m), what);
        return seen!;
    }
}
