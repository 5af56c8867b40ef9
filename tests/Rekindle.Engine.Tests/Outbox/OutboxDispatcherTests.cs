using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;
using Rekindle.Testing.Server;

namespace Rekindle.Engine.Tests.Outbox;

public sealed class OutboxDispatcherTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 9, 10, 0, 0, TimeSpan.Zero));
    private EngineDatabase? _database;

    public void Dispose() => _database?.Dispose();

    [Fact]
    public async Task NoSmtpConfigured_PendingMessage_DeliveredToTheDevMailbox()
    {
        _database = await EngineDatabase.CreateAsync(_clock);
        await using var engine = await EngineHost.StartAsync(_database, _clock);

        var id = await QueueAsync(engine, "dora@example.com");
        var sent = await WaitForAsync(engine, id, m => m.Status == MessageStatus.Sent, "the message to be sent");

        Assert.Equal(("devmailbox", _clock.GetUtcNow(), 1, (string?)null), (sent.Transport, sent.SentAt, sent.Attempts, sent.LastError));
    }

    [Fact]
    public async Task SmtpRelayDown_EachAttemptRecordedUntilTheLastMarksItFailed()
    {
        _database = await EngineDatabase.CreateAsync(_clock);
        await using var engine = await EngineHost.StartAsync(_database, _clock, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),   // nobody listens there
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Shop <shop@example.com>",
            ["Engine:MaxDeliveryAttempts"] = "3",
        });

        var id = await QueueAsync(engine, "fred@example.com");

        var first = await WaitForAsync(engine, id, m => m.Attempts == 1, "the first attempt");
        Assert.Equal(MessageStatus.Pending, first.Status);
        Assert.Contains("refused", first.LastError, StringComparison.OrdinalIgnoreCase);

        // The dispatcher backs off on the fake clock between attempts; time moves only when the test moves it.
        var second = await RetryUntilAsync(engine, id, attempts: 2);
        Assert.Equal(MessageStatus.Pending, second.Status);
        var last = await RetryUntilAsync(engine, id, attempts: 3);
        Assert.Equal((MessageStatus.Failed, (DateTimeOffset?)null, (string?)null), (last.Status, last.SentAt, last.Transport));
        Assert.Contains("refused", last.LastError, StringComparison.OrdinalIgnoreCase);

        // Failed is final: a later message gets its attempt while the failed one gets none.
        var later = await QueueAsync(engine, "gina@example.com");
        // At least one: a minute of the clock moved after its first attempt may already be its back-off.
        await RetryUntilAsync(engine, later, attempts: 1, exactly: false);
        Assert.Equal(3, (await engine.Messages.FindAsync(id, CancellationToken.None))!.Attempts);
    }

    private async Task<string> QueueAsync(EngineHost engine, string recipient)
    {
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid().ToString("N"),
            ContactId = "contact-" + recipient,
            Recipient = recipient,
            Subject = "Hello",
            Html = "<p>Hello</p>",
            Text = "Hello",
            CreatedAt = _clock.GetUtcNow(),
        };
        await engine.Get<GroupCommitWriter>().WriteAsync(MessageStore.Insert(message));
        engine.Signals.MessagesQueued.Set();
        return message.Id;
    }

    /// <summary>
    /// Moves the clock a minute at a time until the message has been tried <paramref name="attempts"/> times:
    /// the dispatcher may not have started its back-off delay yet when the test sees the last attempt.
    /// </summary>
    private async Task<OutboxMessage> RetryUntilAsync(EngineHost engine, string id, int attempts, bool exactly = true)
    {
        OutboxMessage? seen = null;
        await engine.WaitUntilAsync(async () =>
        {
            seen = await engine.Messages.FindAsync(id, CancellationToken.None);
            if (seen!.Attempts >= attempts)
            {
                return true;
            }

            _clock.Advance(TimeSpan.FromMinutes(1));
            return false;
        }, $"attempt {attempts} of message {id}");
        if (exactly)
        {
            Assert.Equal(attempts, seen!.Attempts);
        }

        return seen!;
    }

    private static async Task<OutboxMessage> WaitForAsync(EngineHost engine, string id, Func<OutboxMessage, bool> done, string what)
    {
        OutboxMessage? seen = null;
        await engine.WaitUntilAsync(async () => (seen = await engine.Messages.FindAsync(id, CancellationToken.None)) is { } m && done(m), what);
        return seen!;
    }
}
