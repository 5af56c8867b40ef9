using System.Globalization;
using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.Messages;
using Rekindle.Testing.Server;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Consent;

/// <summary>
/// Consent checked again right before sending: an unsubscribe that arrives after the flow planned the email but
/// before the dispatcher delivered it stops it. The relay is down (nobody listens on its port), so the planned email
/// waits in the outbox between attempts while the test sends the unsubscribe.
/// </summary>
public sealed class ConsentAtDispatchTests()
    : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [CartFlows.Json], new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Shop <shop@example.com>",
    })
{
    [Fact]
    public async Task UnsubscribedAfterTheEmailWasPlanned_NextAttempt_SkippedWithTheReason()
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(ProductAdded("anon-ida", now), Identify("anon-ida", null, now, new { email = "ida@example.com", email_consent = true }));
        var ida = (await Engine.Contacts.LookupAsync("email", "ida@example.com", CancellationToken.None))!;
        Engine.Advance(TimeSpan.FromHours(24));
        await Engine.WaitUntilAsync(
            async () => (await Engine.Flows.InstancesAsync(CartFlows.Id, ida, 10, CancellationToken.None)).Single().Status == FlowInstanceStatus.Completed,
            "the cart email to be planned");
        var planned = Assert.Single(await Engine.Messages.ForContactAsync(ida, CancellationToken.None));
        await Engine.WaitUntilAsync(async () => (await Engine.Messages.FindAsync(planned.Id, CancellationToken.None))!.Attempts == 1,
            "the first delivery attempt to fail");

        await Engine.ApplyAsync(Identify("anon-ida", null, Clock.GetUtcNow(), new { email_consent = "unsubscribed" }));

        OutboxMessage? seen = null;
        await Engine.WaitUntilAsync(async () =>
        {
            seen = await Engine.Messages.FindAsync(planned.Id, CancellationToken.None);
            if (seen!.Status != MessageStatus.Pending)
            {
                return true;
            }

            // The dispatcher backs off on the fake clock: move it until the next round comes.
            Clock.Advance(TimeSpan.FromMinutes(1));
            return false;
        }, "the dispatcher's next round");

        Assert.Equal((MessageStatus.Skipped, "consent: email unsubscribed", 1, (DateTimeOffset?)null),
            (seen!.Status, seen.SkipReason, seen.Attempts, seen.SentAt));
    }
}
