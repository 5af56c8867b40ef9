using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows;

/// <summary>The abandoned cart through the real engine (pump, grain, timers, outbox) on a fake clock.</summary>
public sealed class AbandonedCartTests() : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [CartFlows.Json])
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task CartLeft_WaitEnds_CompletesWithOneMessageOfTheCart()
    {
        // A shopper whose wait ends two minutes before Ada's: once its timer has fired, the timer loop has
        // certainly looked at the clock after the advance, so "Ada is still waiting" means something.
        var early = await StartCartAsync("anon-early", "early@example.com", "Eve");
        Engine.Advance(TimeSpan.FromMinutes(2));
        var start = Clock.GetUtcNow();
        var ada = await StartCartAsync("anon-ada", "ada@example.com", "Ada");

        var waiting = Assert.Single(await InstancesAsync(ada));
        Assert.Equal(FlowInstanceStatus.Active, waiting.Status);
        Assert.Equal("wait", waiting.CurrentStepId);
        Assert.Equal(start + Day, waiting.WakeAt);
        var timer = Assert.Single(await TimersAsync(), t => t.ContactId == ada);
        Assert.Equal((waiting.Id, start + Day), (timer.InstanceId, timer.DueAt));

        Engine.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        await WaitForStatusAsync(early, FlowInstanceStatus.Completed);

        Assert.Equal(FlowInstanceStatus.Active, Assert.Single(await InstancesAsync(ada)).Status);
        Assert.Empty(await Engine.Messages.ForContactAsync(ada, CancellationToken.None));
        Assert.Single(await TimersAsync(), t => t.ContactId == ada);

        Engine.Advance(TimeSpan.FromMinutes(1));
        await WaitForStatusAsync(ada, FlowInstanceStatus.Completed);

        var done = Assert.Single(await InstancesAsync(ada));
        Assert.Equal((waiting.Id, "mail", (DateTimeOffset?)null), (done.Id, done.CurrentStepId, done.WakeAt));
        var message = Assert.Single(await Engine.Messages.ForContactAsync(ada, CancellationToken.None));
        Assert.Equal(("ada@example.com", "Ada, you left 1 item(s) behind"), (message.Recipient, message.Subject));
        Assert.Equal("<ul><li>Brass Reading Lamp x 1 at 129.50</li></ul>", message.Html);
        Assert.Equal((CartFlows.Id, waiting.Id, "mail", start + Day), (message.FlowId, message.InstanceId, message.StepId, message.CreatedAt));
        Assert.Empty(await TimersAsync());
        Assert.Empty(Engine.Problems);
    }

    [Fact]
    public async Task OrderCompletedDuringTheWait_WaitEnds_ExitsWithoutMessage()
    {
        var start = Clock.GetUtcNow();
        var bob = await StartCartAsync("anon-bob", "bob@example.com", "Bob");
        Engine.Advance(TimeSpan.FromHours(3));
        await Engine.ApplyAsync(OrderCompleted("anon-bob", Clock.GetUtcNow()));

        Engine.Advance(Day);
        await WaitForStatusAsync(bob, FlowInstanceStatus.Exited);

        var exited = Assert.Single(await InstancesAsync(bob));
        Assert.Equal(FlowExitReasons.For(FlowExitReasons.ConditionFalse, "check"), exited.ExitReason);
        Assert.Equal((start, "check"), (exited.StartedAt, exited.CurrentStepId));
        Assert.Empty(await Engine.Messages.ForContactAsync(bob, CancellationToken.None));
        Assert.Empty(await TimersAsync());
    }

    [Fact]
    public async Task SecondProductAddedDuringTheWait_WaitEnds_OneInstanceAndTheMailShowsQuantityTwo()
    {
        var carol = await StartCartAsync("anon-carol", "carol@example.com", "Carol");
        var first = Assert.Single(await InstancesAsync(carol));
        Engine.Advance(TimeSpan.FromHours(5));

        await Engine.ApplyAsync(ProductAdded("anon-carol", Clock.GetUtcNow()));

        Assert.Equal(first, Assert.Single(await InstancesAsync(carol)));
        Assert.Single(await TimersAsync());

        Engine.Advance(Day);
        await WaitForStatusAsync(carol, FlowInstanceStatus.Completed);

        Assert.Equal(first.Id, Assert.Single(await InstancesAsync(carol)).Id);
        var message = Assert.Single(await Engine.Messages.ForContactAsync(carol, CancellationToken.None));
        Assert.Equal("Carol, you left 2 item(s) behind", message.Subject);
        Assert.Equal("Brass Reading Lamp x 2 at 129.50\n", message.Text);
    }

    [Fact]
    public async Task ProductAddedThatLeavesTheCartEmpty_StartsNoFlow()
    {
        // Accepted by ingestion (with warnings), but the price and the quantity are unusable: nothing enters the cart.
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(
            ProductAdded("anon-dan", now, new { product_id = "lamp-7", price = "five", quantity = -1 }),
            Identify("anon-dan", null, now, new { email = "dan@example.com", first_name = "Dan" }));
        var dan = await Engine.Contacts.LookupAsync("email", "dan@example.com", CancellationToken.None)
            ?? throw new InvalidOperationException("no contact for dan@example.com");

        Assert.Empty((await Engine.Contacts.FindLiveAsync(dan, CancellationToken.None))!.Cart);
        Assert.Empty(await InstancesAsync(dan));
        Assert.Empty(await TimersAsync());
    }

    [Fact]
    public async Task CartEmptiedDuringTheWait_WaitEnds_ExitsWithoutMessage()
    {
        var fay = await StartCartAsync("anon-fay", "fay@example.com", "Fay");
        Engine.Advance(TimeSpan.FromHours(2));
        await Engine.ApplyAsync(Track("anon-fay", "Product Removed", Clock.GetUtcNow(), new { product_id = "lamp-7" }));

        Engine.Advance(Day);
        await WaitForStatusAsync(fay, FlowInstanceStatus.Exited);

        var exited = Assert.Single(await InstancesAsync(fay));
        Assert.Equal((FlowExitReasons.For(FlowExitReasons.CartEmpty, "mail"), "mail"), (exited.ExitReason, exited.CurrentStepId));
        Assert.Empty(await Engine.Messages.ForContactAsync(fay, CancellationToken.None));
        Assert.Empty(await TimersAsync());
    }

    /// <summary>An anonymous shopper adds the lamp and leaves an email; returns the contact's id.</summary>
    private async Task<string> StartCartAsync(string anonymousId, string email, string firstName)
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(ProductAdded(anonymousId, now), Identify(anonymousId, null, now, new { email, first_name = firstName }));
        return await Engine.Contacts.LookupAsync("email", email, CancellationToken.None)
            ?? throw new InvalidOperationException($"no contact for {email}");
    }

    private Task<IReadOnlyList<FlowInstance>> InstancesAsync(string contactId) =>
        Engine.Flows.InstancesAsync(CartFlows.Id, contactId, 10, CancellationToken.None);

    private Task<IReadOnlyList<Storage.Flows.DueTimer>> TimersAsync() =>
        Engine.Flows.DueTimersAsync(Clock.GetUtcNow().AddYears(10), 100, CancellationToken.None);

    private Task WaitForStatusAsync(string contactId, FlowInstanceStatus status) =>
        Engine.WaitUntilAsync(async () => (await InstancesAsync(contactId)).SingleOrDefault()?.Status == status,
            $"the instance of {contactId} to become {status}");
}
