using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.DryRun;
using Rekindle.Core.Messaging;

namespace Rekindle.Core.Tests.Flows.DryRun;

public class FlowSimulatorTests
{
    // Friday 2025-03-14 09:30 UTC.
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private static readonly ContactProfile Contact = new() { Id = "c-1", CreatedAt = Start.AddDays(-30), Email = "ada@example.com" };

    private static FlowDefinition Parse(string trigger, string steps, string extra = "")
    {
        var parsed = FlowParser.Parse($$"""{"id": "f", "name": "F", "trigger": {{trigger}}, "steps": [{{steps}}]{{extra}}}""");
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors.Select(e => $"{e.Path} {e.Problem}")));
        return parsed.Flow!;
    }

    private static EventMessage Event(string name, DateTimeOffset at, string properties = "{}") => new()
    {
        MessageId = "given", Type = MessageType.Track, Event = name, UserId = "u-1", Timestamp = at, ReceivedAt = at, Properties = properties,
    };

    private static DryRunResult Run(FlowDefinition flow, params EventMessage[] events) =>
        FlowSimulator.Run(new DryRunInput(flow, Contact, Start, null, events));

    private static string[] PathOf(DryRunResult r) => [.. r.Path.Select(v => $"{v.StepId}:{v.Outcome}{(v.Path is null ? "" : "/" + v.Path)}@{v.At:MM-dd HH:mm}")];

    private const string Mail = """{"id": "mail", "type": "sendEmail", "subject": "Hi {{ contact.first_name }}", "html": "<p>Hi</p>", "next": null}""";

    [Fact]
    public void Run_WaitsThenSends_PathWaitAndMessageAtTheirTimes()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""", """{"id": "later", "type": "wait", "duration": "2d", "next": "mail"}, """ + Mail);

        var r = Run(flow);

        Assert.Equal(["later:waiting@03-14 09:30", "later:next@03-16 09:30", "mail:completed@03-16 09:30"], PathOf(r));
        var wait = Assert.Single(r.Waits);
        Assert.Equal(new DryRunWait("later", "wait", Start, Start.AddDays(2), null, Start.AddDays(2), "timer"), wait);
        var message = Assert.Single(r.Messages);
        Assert.Equal(("mail", Start.AddDays(2), "email"), (message.StepId, message.At, message.Channel));
        Assert.Equal("Hi {{ contact.first_name }}", ((EmailContent)message.Content).Subject);
        Assert.Equal(new DryRunEnd("completed", null, Start.AddDays(2), "mail"), r.End);
        Assert.True(r.SyntheticTrigger);
        Assert.Equal("Signed Up", r.Trigger.Event);
    }

    private const string WaitForOrder =
        """{"id": "bought", "type": "waitForEvent", "event": "Order Completed", "timeout": "3d", "next": "thanks", "timeoutNext": "nudge"}, """
        + """{"id": "thanks", "type": "addTag", "tag": "buyer", "next": null}, {"id": "nudge", "type": "addTag", "tag": "nudged", "next": null}""";

    [Fact]
    public void Run_TheAwaitedEventComes_TakesTheEventPathWhenItHappens()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""", WaitForOrder);

        var r = Run(flow, Event("Order Completed", Start.AddHours(5)));

        Assert.Equal(["bought:waiting@03-14 09:30", "bought:next/event@03-14 14:30", "thanks:completed@03-14 14:30"], PathOf(r));
        Assert.Equal(new DryRunWait("bought", "waitForEvent", Start, Start.AddDays(3), null, Start.AddHours(5), "event:Order Completed"), Assert.Single(r.Waits));
        var change = Assert.Single(r.ProfileChanges);
        Assert.Equal(("thanks", Start.AddHours(5)), (change.StepId, change.At));
        Assert.Equal(["buyer"], change.TagsAdded.ToArray());
        Assert.Equal([new DryRunEventOutcome("Order Completed", Start.AddHours(5), "moved")], r.Events.ToArray());
        Assert.Contains("buyer", r.Profile.Tags);
    }

    [Fact]
    public void Run_TheAwaitedEventComesTooLate_TakesTheTimeoutPath()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""", WaitForOrder);

        var r = Run(flow, Event("Order Completed", Start.AddDays(4)));

        Assert.Equal(["bought:waiting@03-14 09:30", "bought:next/timeout@03-17 09:30", "nudge:completed@03-17 09:30"], PathOf(r));
        Assert.Equal("timer", Assert.Single(r.Waits).EndedBy);
        Assert.Equal([new DryRunEventOutcome("Order Completed", Start.AddDays(4), "after-end")], r.Events.ToArray());
    }

    [Fact]
    public void Run_AGoalEventWhileWaiting_ConvertsTheJourney()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""", """{"id": "later", "type": "wait", "duration": "2d", "next": "mail"}, """ + Mail,
            """, "goals": [{"event": "Order Completed"}]""");

        var r = Run(flow, Event("Order Completed", Start.AddDays(1)));

        Assert.Equal(["later:waiting@03-14 09:30", "later:converted/Order Completed@03-15 09:30"], PathOf(r));
        Assert.Empty(r.Messages);
        Assert.Equal(new DryRunEnd("converted", "goal:Order Completed", Start.AddDays(1), "later"), r.End);
        Assert.Equal("goal:Order Completed", Assert.Single(r.Waits).EndedBy);
    }

    private const string SplitOnViews =
        """{"id": "later", "type": "wait", "duration": "1d", "next": "who"}, """
        + """{"id": "who", "type": "split", "branches": [{"name": "keen", "condition": {"event": "Product Viewed", "within": "7d", "count": {"op": "gte", "value": 3}}, "next": null}], "else": null}""";

    [Fact]
    public void Run_ASplitCountingEventsInAWindow_CountsTheDescribedEventsAndTheHistory()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""", SplitOnViews);

        // One view before the start (history), two after it, one more after the split: three by the time it asks.
        var r = Run(flow, Event("Product Viewed", Start.AddDays(-2)), Event("Product Viewed", Start.AddHours(1)),
            Event("Product Viewed", Start.AddHours(2)), Event("Product Viewed", Start.AddDays(2)));

        Assert.Equal(["later:waiting@03-14 09:30", "later:next@03-15 09:30", "who:exited/keen@03-15 09:30"], PathOf(r));
        Assert.Equal(["history", "applied", "applied", "after-end"], r.Events.Select(e => e.Outcome));
    }

    [Fact]
    public void Run_ASplitCountingEventsInAWindow_OldEventsFallOutOfTheWindow()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""", SplitOnViews);

        var r = Run(flow, Event("Product Viewed", Start.AddDays(-9)), Event("Product Viewed", Start.AddHours(1)), Event("Product Viewed", Start.AddHours(2)));

        Assert.Equal("who:exited/else@03-15 09:30", PathOf(r)[^1]);
    }

    [Fact]
    public void Run_ALocalTimeWaitInTheContactsZone_WakesAtTheLocalTime()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""",
            """{"id": "morning", "type": "wait", "duration": "1d", "until": {"time": "09:00", "days": ["mon"]}, "next": "mail"}, """ + Mail);
        var contact = Contact with { Traits = Contact.Traits.Add("timezone", System.Text.Json.JsonDocument.Parse("\"Europe/Warsaw\"").RootElement.Clone()) };

        var r = FlowSimulator.Run(new DryRunInput(flow, contact, Start, null, []));

        // Friday + 1 day = Saturday; the next Monday 09:00 in Warsaw (CET, UTC+1) is 2025-03-17 08:00 UTC.
        var monday = new DateTimeOffset(2025, 3, 17, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(monday, Assert.Single(r.Waits).Until);
        Assert.Equal(monday, Assert.Single(r.Messages).At);
    }

    [Fact]
    public void Run_ABestTimeWait_EndsAtTheWindowsStartAndSaysSo()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""",
            """{"id": "read", "type": "wait", "duration": "1d", "bestTimeWithin": "1d", "channel": "email", "next": "mail"}, """ + Mail);

        var r = Run(flow);

        var wait = Assert.Single(r.Waits);
        Assert.Equal(Start.AddDays(1), wait.Until);
        Assert.Equal(TimeSpan.FromDays(1), wait.BestTime!.Within);
        Assert.Equal(Start.AddDays(1), Assert.Single(r.Messages).At);
    }

    [Fact]
    public void Run_AFlowThatLoopsForever_StopsAtTheHorizon()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""",
            """{"id": "weekly", "type": "wait", "duration": "7d", "next": "mail"}, {"id": "mail", "type": "sendEmail", "subject": "S", "html": "H", "next": "weekly"}""");

        var r = FlowSimulator.Run(new DryRunInput(flow, Contact, Start, null, [Event("Email Opened", Start.AddDays(31))]) { Horizon = TimeSpan.FromDays(30) });

        Assert.Equal([7, 14, 21, 28], r.Messages.Select(m => (m.At - Start).Days));
        Assert.Equal("beyond-horizon", Assert.Single(r.Events).Outcome);
        Assert.Equal(new DryRunEnd("waiting", "horizon", Start.AddDays(28), "weekly"), r.End);
        Assert.Null(r.Waits[^1].EndedAt);
    }

    [Fact]
    public void Run_AnHourlyLoopOverThreeYears_StopsAtTheRunLimit()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""",
            """{"id": "hourly", "type": "wait", "duration": "1h", "next": "tag"}, {"id": "tag", "type": "addTag", "tag": "t", "next": "hourly"}""");

        var r = FlowSimulator.Run(new DryRunInput(flow, Contact, Start, null, []) { Horizon = FlowSimulator.MaxHorizon });

        Assert.Equal("run-limit", r.End.Reason);
        Assert.Equal(Start.AddHours(FlowSimulator.MaxRuns - 1), r.End.At);   // the start is the first run
    }

    [Fact]
    public void Run_EventsBeforeTheStart_AreHistoryForConditions()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""",
            """{"id": "check", "type": "condition", "condition": {"event": "Order Completed", "within": "30d"}, "then": "mail", "else": null}, """ + Mail);

        var bought = Run(flow, Event("Order Completed", Start.AddDays(-3)));
        var never = Run(flow);

        Assert.Equal(["check:next/then@03-14 09:30", "mail:completed@03-14 09:30"], PathOf(bought));
        Assert.Equal("history", Assert.Single(bought.Events).Outcome);
        Assert.Equal(Start.AddDays(-3), bought.Profile.LastEventAt["Order Completed"]);
        Assert.Equal(["check:exited/else@03-14 09:30"], PathOf(never));
    }

    [Fact]
    public void Run_ASetAttributeBeforeAnEmail_TheChangeNamesItsStepAndTheEmailSeesIt()
    {
        var flow = Parse("""{"events": ["Signed Up"]}""",
            """{"id": "plan", "type": "setAttribute", "trait": "plan", "value": "pro", "next": "mail"}, """ + Mail);

        var r = Run(flow);

        var change = Assert.Single(r.ProfileChanges);
        Assert.Equal(("plan", "\"pro\""), (change.StepId, change.Traits["plan"]!.Value.GetRawText()));
        Assert.Equal("\"pro\"", Assert.Single(r.Messages).Profile.Traits["plan"].GetRawText());
    }

    [Fact]
    public void Run_AGivenTriggerTheFlowDoesNotStartOn_DoesNotStart()
    {
        var flow = Parse("""{"events": ["Order Completed"], "where": {"currency": "EUR"}}""", Mail);

        var r = FlowSimulator.Run(new DryRunInput(flow, Contact, Start, Event("Order Completed", Start, """{"currency": "USD"}"""), []));

        Assert.Equal("not-started", r.End.Status);
        Assert.Empty(r.Path);
    }
}
