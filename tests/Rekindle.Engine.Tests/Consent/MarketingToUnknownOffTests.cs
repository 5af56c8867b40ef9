using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.Messages;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Consent;

/// <summary>With Consent:MarketingToUnknown off, marketing goes only to contacts who said yes.</summary>
public sealed class MarketingToUnknownOffTests()
    : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [CartFlows.Json],
        new Dictionary<string, string?> { ["Consent:MarketingToUnknown"] = "false" })
{
    [Fact]
    public async Task UnknownAndSubscribedContacts_WaitEnds_OnlyTheSubscribedOneMailed()
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(
            ProductAdded("anon-uma", now), Identify("anon-uma", null, now, new { email = "uma@example.com" }),
            ProductAdded("anon-sam", now), Identify("anon-sam", null, now, new { email = "sam@example.com", email_consent = "granted" }));
        var uma = (await Engine.Contacts.LookupAsync("email", "uma@example.com", CancellationToken.None))!;
        var sam = (await Engine.Contacts.LookupAsync("email", "sam@example.com", CancellationToken.None))!;

        Engine.Advance(TimeSpan.FromHours(24));
        foreach (var contact in (string[])[uma, sam])
        {
            await Engine.WaitUntilAsync(
                async () => (await Engine.Flows.InstancesAsync(CartFlows.Id, contact, 10, CancellationToken.None)).Single().Status == FlowInstanceStatus.Completed,
                $"the journey of {contact} to complete");
        }

        var skipped = Assert.Single(await Engine.Messages.ForContactAsync(uma, CancellationToken.None));
        Assert.Equal((MessageStatus.Skipped, "consent: email unknown"), (skipped.Status, skipped.SkipReason));
        var mailed = Assert.Single(await Engine.Messages.ForContactAsync(sam, CancellationToken.None));
        Assert.Null(mailed.SkipReason);
        Assert.NotEqual(MessageStatus.Skipped, mailed.Status);
    }
}
