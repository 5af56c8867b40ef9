using Rekindle.Core.Conditions;
using Rekindle.Core.Tracking;
using static Rekindle.Core.Tests.Conditions.ConditionTestKit;

namespace Rekindle.Core.Tests.Conditions;

public class MessageConditionTests
{
    private static readonly JourneyInfo ThisInstance = new("welcome", "i-1", Now.AddDays(-3));

    private static SentMessage Sent(string id, string? instance, string? step, int daysAgo, string status = "sent", string channel = "email") =>
        new(id, "welcome", instance, step, channel, Now.AddDays(-daysAgo), status);

    private static HistoryEvent Open(string messageId, int daysAgo) =>
        Event(EmailEvents.Opened, Now.AddDays(-daysAgo), $$"""{"message_id":"{{messageId}}","flow_id":"welcome","step_id":"first-email"}""");

    private static HistoryEvent Click(string messageId, int daysAgo) =>
        Event(EmailEvents.LinkClicked, Now.AddDays(-daysAgo), $$"""{"message_id":"{{messageId}}","link_index":0}""");

    private static bool Step(string engagement, ContactHistory history) =>
        Eval($$"""{"message":{"step":"first-email"},"is":"{{engagement}}"}""", Profile(), history: history, journey: ThisInstance);

    [Fact]
    public void Step_AnotherInstancesOpen_DoesNotCount()
    {
        // The same step sent in an earlier instance was opened; this instance's message was not.
        var history = new ContactHistory(
            [Open("m-old", 20)],
            [Sent("m-old", "i-0", "first-email", 21), Sent("m-new", "i-1", "first-email", 2)]);

        Assert.True(Step("delivered", history));
        Assert.False(Step("opened", history));
        Assert.True(Step("notOpened", history));
    }

    [Fact]
    public void Step_ThisInstancesMessageOpened_IsOpened()
    {
        var history = new ContactHistory(
            [Open("m-new", 1)],
            [Sent("m-old", "i-0", "first-email", 21), Sent("m-new", "i-1", "first-email", 2), Sent("m-other", "i-1", "second-email", 1)]);

        Assert.True(Step("opened", history));
        Assert.False(Step("notOpened", history));
        Assert.False(Step("clicked", history));
        Assert.True(Step("notClicked", history));
    }

    [Fact]
    public void Step_AClickWithoutThePixel_CountsAsOpenedAndClicked()
    {
        var history = new ContactHistory([Click("m-new", 1)], [Sent("m-new", "i-1", "first-email", 2)]);

        Assert.True(Step("opened", history));
        Assert.True(Step("clicked", history));
        Assert.False(Step("notOpened", history));
        Assert.False(Step("notClicked", history));
    }

    [Theory]
    [InlineData("skipped")]
    [InlineData("failed")]
    [InlineData("pending")]
    public void Step_NotSent_IsNeitherDeliveredNorNotOpened(string status)
    {
        var history = new ContactHistory([], [Sent("m-new", "i-1", "first-email", 2, status)]);

        Assert.False(Step("delivered", history));
        Assert.False(Step("opened", history));
        Assert.False(Step("notOpened", history));
    }

    [Fact]
    public void Step_SentTwiceByALoop_AsksTheLatest()
    {
        var history = new ContactHistory([Open("m-1", 2)], [Sent("m-1", "i-1", "first-email", 3), Sent("m-2", "i-1", "first-email", 1)]);

        Assert.True(Step("notOpened", history));
    }

    [Fact]
    public void Step_WithoutJourneyOrHistory_IsFalse()
    {
        var history = new ContactHistory([], [Sent("m-new", "i-1", "first-email", 2)]);

        Assert.False(Eval("""{"message":{"step":"first-email"},"is":"notOpened"}""", Profile(), history: history));
        Assert.False(Eval("""{"message":{"step":"first-email"},"is":"notOpened"}""", Profile(), journey: ThisInstance));
    }

    [Fact]
    public void Recent_LooksAtEveryMessageOfTheChannelInTheWindow()
    {
        var history = new ContactHistory(
            [Open("m-40", 39), Click("m-sms", 1)],
            [Sent("m-40", null, null, 40), Sent("m-10", null, null, 10), Sent("m-5", "i-9", "x", 5), Sent("m-sms", null, null, 1, channel: "sms")]);

        bool Recent(string within, string engagement) =>
            Eval($$"""{"message":{"channel":"email","within":"{{within}}"},"is":"{{engagement}}"}""", Profile(), history: history);

        Assert.True(Recent("30d", "delivered"));
        Assert.False(Recent("30d", "opened")); // the opened one was sent 40 days ago
        Assert.True(Recent("30d", "notOpened"));
        Assert.True(Recent("40d", "opened")); // sent exactly 40 days ago: the window includes its start
        Assert.False(Recent("40d", "notOpened")); // one of them was opened
        Assert.False(Recent("3d", "delivered"));
        Assert.False(Recent("3d", "notOpened")); // nothing was delivered to ignore
        Assert.True(Eval("""{"message":{"channel":"sms","within":"3d"},"is":"clicked"}""", Profile(), history: history));
    }
}
