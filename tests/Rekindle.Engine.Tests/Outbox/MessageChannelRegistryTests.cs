using Microsoft.Extensions.Logging.Abstractions;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using Rekindle.Core.Messaging;
using Rekindle.Engine.Outbox;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Tests.Outbox;

/// <summary>How a channel plugs in: one composer and one transport under its name, nothing else to change.</summary>
public sealed class MessageChannelRegistryTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ComposeAsync_NewChannelRegistered_ItsComposerMakesTheRow()
    {
        var registry = new MessageChannelRegistry([new SmsComposer()], [new SmsTransport()]);

        var row = Assert.Single(await new FlowMessages(registry, NullLogger<FlowMessages>.Instance).ComposeAsync("c-1", [Pending()], Now));

        Assert.Equal(("sms", "+15550100", "Hi"), (row.Channel, row.Recipient, row.Text));
        Assert.IsType<SmsTransport>(registry.Transport("sms"));
    }

    [Fact]
    public async Task ComposeAsync_ChannelNotRegistered_FailedRowSayingSo()
    {
        var registry = new MessageChannelRegistry([], []);

        var row = Assert.Single(await new FlowMessages(registry, NullLogger<FlowMessages>.Instance).ComposeAsync("c-1", [Pending()], Now));

        Assert.Equal((MessageStatus.Failed, "channel 'sms' is not available on this server", "sms", "text-1"),
            (row.Status, row.LastError, row.Channel, row.StepId));
    }

    [Fact]
    public void Constructor_ChannelWithOnlyOneHalf_RefusedNamingIt()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new MessageChannelRegistry([new SmsComposer()], []));

        Assert.Equal("channel(s) sms need both a composer and a transport", refused.Message);
    }

    [Fact]
    public void Constructor_SecondComposerForAChannel_RefusedNamingIt()
    {
        var refused = Assert.Throws<InvalidOperationException>(
            () => new MessageChannelRegistry([new SmsComposer(), new SmsComposer()], [new SmsTransport()]));

        Assert.Equal("channel 'sms' has a second composer (SmsComposer)", refused.Message);
    }

    private static PendingMessage Pending() => new(
        new ContactProfile { Id = "c-1", CreatedAt = Now, Phone = "+15550100" }, "welcome", "i-1", "welcome:m-1", new SendMessage("text-1", new SmsContent("Hi")));

    private sealed record SmsContent(string Text) : MessageContent
    {
        public override string Channel => MessageChannels.Sms;
    }

    private sealed class SmsComposer : IMessageComposer
    {
        public string Channel => MessageChannels.Sms;

        public Task<OutboxMessage?> ComposeAsync(string contactId, PendingMessage pending, DateTimeOffset now, CancellationToken ct) =>
            Task.FromResult<OutboxMessage?>(new OutboxMessage
            {
                Id = "m-1", ContactId = contactId, Channel = Channel, Recipient = pending.Profile.Phone!, Subject = "", Html = "",
                Text = ((SmsContent)pending.Send.Content).Text, CreatedAt = now,
            });
    }

    private sealed class SmsTransport : IMessageTransport
    {
        public string Channel => MessageChannels.Sms;

        public bool NeedsConsent(OutboxMessage message) => true;

        public Task<DeliveryOutcome> DeliverAsync(OutboxMessage message, CancellationToken ct) =>
            Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Sent("sms-gateway"));
    }
}
