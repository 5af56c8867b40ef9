using Rekindle.Core.Consent;
using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Messages;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Consent;

/// <summary>Consent checked when a flow's sendEmail step runs: a refused email is a skipped row that says why.</summary>
public sealed class ConsentAtPlanningTests()
    : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [CartFlows.Json, ReceiptFlowJson])
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private const string ReceiptFlowJson = """
        {
          "id": "receipt", "name": "Receipt",
          "trigger": { "events": ["Receipt Requested"] },
          "steps": [
            { "id": "wait", "type": "wait", "duration": "1h", "next": "mail" },
            { "id": "mail", "type": "sendEmail", "transactional": true, "subject": "Your receipt", "html": "<p>Thanks</p>" }
          ]
        }
        """;

    [Fact]
    public async Task UnsubscribedDuringTheWait_WaitEnds_NoEmailAndTheSkipSaysWhy()
    {
        var ada = await StartCartAsync("anon-ada", "ada@example.com");
        Engine.Advance(TimeSpan.FromHours(3));
        var unsubscribe = Identify("anon-ada", null, Clock.GetUtcNow(), new { email_consent = "unsubscribed" });
        await Engine.ApplyAsync(unsubscribe);

        Engine.Advance(Day);
        // The barrier: the instance completes in the same commit as the row of its sendEmail step.
        await WaitForStatusAsync(CartFlows.Id, ada, FlowInstanceStatus.Completed);

        var instance = Assert.Single(await Engine.Flows.InstancesAsync(CartFlows.Id, ada, 10, CancellationToken.None));
        var message = Assert.Single(await Engine.Messages.ForContactAsync(ada, CancellationToken.None));
        Assert.Equal((MessageStatus.Skipped, "consent: email unsubscribed", instance.Id, "mail"),
            (message.Status, message.SkipReason, message.InstanceId, message.StepId));
        Assert.Equal(("", ""), (message.Subject, message.Html));
        Assert.Empty(await Engine.Messages.RecentAsync(10, CancellationToken.None));

        var change = Assert.Single(await Engine.Get<ConsentStore>().HistoryAsync(ada, 10, CancellationToken.None));
        Assert.Equal(
            new ConsentChange("email", unsubscribe.Timestamp, ConsentSource.Trait("email_consent"), unsubscribe.MessageId,
                ConsentState.Unknown, ConsentState.Unsubscribed, ConsentOutcome.Applied),
            change.Change);
    }

    [Fact]
    public async Task UnsubscribedContact_TransactionalStep_EmailSent()
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(
            Identify("anon-tom", null, now, new { email = "tom@example.com", email_consent = false }),
            Track("anon-tom", "Receipt Requested", now));
        var tom = await Engine.Contacts.LookupAsync("email", "tom@example.com", CancellationToken.None);

        Engine.Advance(TimeSpan.FromHours(1));
        await WaitForStatusAsync("receipt", tom!, FlowInstanceStatus.Completed);

        var message = Assert.Single(await Engine.Messages.ForContactAsync(tom!, CancellationToken.None));
        Assert.Equal((MessageKind.Transactional, "Your receipt"), (message.Kind, message.Subject));
        await Engine.WaitUntilAsync(async () => (await Engine.Messages.FindAsync(message.Id, CancellationToken.None))!.Status == MessageStatus.Sent,
            "the receipt to be delivered to the dev mailbox");
    }

    [Fact]
    public async Task UnsubscribedThenResubscribedBeforeTheWaitEnds_EmailSent()
    {
        var bea = await StartCartAsync("anon-bea", "bea@example.com");
        Engine.Advance(TimeSpan.FromHours(1));
        await Engine.ApplyAsync(Identify("anon-bea", null, Clock.GetUtcNow(), new { email_consent = "opted_out" }));
        Engine.Advance(TimeSpan.FromHours(1));
        await Engine.ApplyAsync(Identify("anon-bea", null, Clock.GetUtcNow(), new { emailConsent = "Opted_In" }));

        Engine.Advance(Day);
        await WaitForStatusAsync(CartFlows.Id, bea, FlowInstanceStatus.Completed);

        var message = Assert.Single(await Engine.Messages.ForContactAsync(bea, CancellationToken.None));
        Assert.Equal((MessageKind.Marketing, (string?)null), (message.Kind, message.SkipReason));
        Assert.NotEqual(MessageStatus.Skipped, message.Status);
    }

    private async Task<string> StartCartAsync(string anonymousId, string email)
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(ProductAdded(anonymousId, now), Identify(anonymousId, null, now, new { email, first_name = "Ada" }));
        return await Engine.Contacts.LookupAsync("email", email, CancellationToken.None)
            ?? throw new InvalidOperationException($"no contact for {email}");
    }

    private Task WaitForStatusAsync(string flowId, string contactId, FlowInstanceStatus status) =>
        Engine.WaitUntilAsync(
            async () => (await Engine.Flows.InstancesAsync(flowId, contactId, 10, CancellationToken.None)).SingleOrDefault()?.Status == status,
            $"the {flowId} instance of {contactId} to become {status}");
}
