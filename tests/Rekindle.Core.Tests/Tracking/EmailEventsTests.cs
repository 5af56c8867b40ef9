using System.Text.Json;
using Rekindle.Core.Events;
using Rekindle.Core.Tracking;

namespace Rekindle.Core.Tests.Tracking;

public sealed class EmailEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 20, 15, 30, TimeSpan.Zero);

    [Fact]
    public void ToEvent_Click_TrackEventWithMessageFlowStepAndLink()
    {
        var hit = new EmailHit(new TrackingToken("m1", 2), "winback", "mail", "https://shop.example/p?a=1&b=2", At, "Mozilla/5.0") { InstanceId = "i7" };

        var message = EmailEvents.ToEvent(hit, "user-7", "anon-7");

        Assert.Equal(MessageType.Track, message.Type);
        Assert.Equal("Email Link Clicked", message.Event);
        Assert.Equal("user-7", message.UserId);
        Assert.Null(message.AnonymousId);
        Assert.Equal(At, message.Timestamp);
        Assert.Equal(At, message.ReceivedAt);
        Assert.Equal($"email-click:m1:2:{At.ToUnixTimeSeconds() / 60}", message.MessageId);
        using var properties = JsonDocument.Parse(message.Properties);
        Assert.Equal("""{"message_id":"m1","flow_id":"winback","step_id":"mail","instance_id":"i7","link_index":2,"link_url":"https://shop.example/p?a=1&b=2"}""",
            JsonSerializer.Serialize(properties.RootElement, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        using var context = JsonDocument.Parse(message.Context);
        Assert.Equal("email", context.RootElement.GetProperty("rekindle").GetProperty("tracking").GetString());
        Assert.Equal("Mozilla/5.0", context.RootElement.GetProperty("userAgent").GetString());
    }

    [Fact]
    public void ToEvent_OpenOfAnAnonymousContact_AddressedByAnonymousIdWithoutLink()
    {
        var hit = new EmailHit(new TrackingToken("m1", null), null, null, null, At, null);

        var message = EmailEvents.ToEvent(hit, null, "anon-7");

        Assert.Equal("Email Opened", message.Event);
        Assert.Null(message.UserId);
        Assert.Equal("anon-7", message.AnonymousId);
        Assert.Equal("""{"message_id":"m1","flow_id":null,"step_id":null,"instance_id":null}""", message.Properties);
        Assert.Equal("""{"rekindle":{"tracking":"email"}}""", message.Context);
    }

    [Fact]
    public void MessageIdOf_SameMinute_SameIdSoTheReplayIsDropped()
    {
        var open = new TrackingToken("m1", null);
        var minute = new DateTimeOffset(2026, 11, 24, 20, 15, 0, TimeSpan.Zero);

        Assert.Equal(EmailEvents.MessageIdOf(open, minute), EmailEvents.MessageIdOf(open, minute.AddSeconds(59.999)));
        Assert.NotEqual(EmailEvents.MessageIdOf(open, minute), EmailEvents.MessageIdOf(open, minute.AddMinutes(1)));
        Assert.NotEqual(EmailEvents.MessageIdOf(new TrackingToken("m1", 0), minute), EmailEvents.MessageIdOf(new TrackingToken("m1", 1), minute));
        Assert.NotEqual(EmailEvents.MessageIdOf(open, minute), EmailEvents.MessageIdOf(new TrackingToken("m2", null), minute));
    }

    [Fact]
    public void ToEvent_VeryLongUserAgent_CutTo512()
    {
        var hit = new EmailHit(new TrackingToken("m1", null), null, null, null, At, new string('x', 2_000));

        var message = EmailEvents.ToEvent(hit, "u", null);

        using var context = JsonDocument.Parse(message.Context);
        Assert.Equal(512, context.RootElement.GetProperty("userAgent").GetString()!.Length);
    }

    [Fact]
    public void ToEvent_NoAddress_Throws()
    {
        var hit = new EmailHit(new TrackingToken("m1", null), null, null, null, At, null);

        Assert.Throws<ArgumentException>(() => EmailEvents.ToEvent(hit, null, null));
    }
}
