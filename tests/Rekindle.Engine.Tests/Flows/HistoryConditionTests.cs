using Rekindle.Engine.Tests.Flows.Triggers;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows;

/// <summary>
/// Splits that need more than the profile, through the engine: the grain loads the contact's messages and events as far
/// back as the flow's conditions look (FlowFactsLoader) — an open of this journey's welcome email, and product views
/// counted over the last week — and each contact takes its own branch a day later.
/// </summary>
public sealed class HistoryConditionTests() : EngineTest(Day0, [Flow])
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private const string Flow = """
        {"id":"follow-up","name":"Follow up on the welcome","trigger":{"events":["Signed Up"]},
         "steps":[{"id":"welcome","type":"sendEmail","subject":"Welcome","html":"<p>Hi</p>","next":"later"},
                  {"id":"later","type":"wait","duration":"1d","next":"who"},
                  {"id":"who","type":"split","branches":[
                     {"name":"reader","condition":{"message":{"step":"welcome"},"is":"opened"},"next":"thanks"},
                     {"name":"browser","condition":{"event":"Product Viewed","within":"7d","count":{"op":"gte","value":2}},"next":"picks"}],
                   "else":"nudge"},
                  {"id":"thanks","type":"sendEmail","subject":"Thanks for reading","html":"<p>1</p>"},
                  {"id":"picks","type":"sendEmail","subject":"Picked for you","html":"<p>2</p>"},
                  {"id":"nudge","type":"sendEmail","subject":"Did you miss this?","html":"<p>3</p>"}]}
        """;

    [Fact]
    public async Task ADayAfterTheWelcome_OpenerBrowserAndSilentOne_EachTakeTheirBranch()
    {
        var people = new[] { "ola", "bo", "cy" };
        foreach (var who in people)
        {
            await Engine.ApplyAsync(Identify("anon-" + who, null, Day0, new { email = who + "@example.com" }),
                Track("anon-" + who, "Signed Up", Day0.AddSeconds(1)));
        }

        var ola = await Engine.ContactAsync("ola@example.com");
        var welcome = Assert.Single(await Engine.MailsAsync(ola, "follow-up"));
        await Engine.ApplyAsync(
            Track("anon-ola", "Email Opened", Day0.AddHours(2),
                new { message_id = welcome.Id, flow_id = "follow-up", step_id = "welcome", instance_id = welcome.InstanceId }),
            // A view eight days before does not count in the last week; two within it do.
            Track("anon-bo", "Product Viewed", Day0.AddDays(-8), new { product_id = "p-0" }),
            Track("anon-bo", "Product Viewed", Day0.AddHours(3), new { product_id = "p-1" }),
            Track("anon-bo", "Product Viewed", Day0.AddHours(4), new { product_id = "p-2" }),
            Track("anon-cy", "Product Viewed", Day0.AddHours(5), new { product_id = "p-3" }));

        Engine.Advance(TimeSpan.FromDays(1));
        foreach (var who in people)
        {
            var contact = await Engine.ContactAsync(who + "@example.com");
            await Engine.WaitUntilAsync(async () => (await Engine.MailsAsync(contact, "follow-up")).Count == 2, $"{who}'s second email");
        }

        Assert.Equal(["Welcome", "Thanks for reading"], (await Engine.MailsAsync(ola, "follow-up")).Select(m => m.Subject));
        Assert.Equal(["Welcome", "Picked for you"], (await Engine.MailsAsync(await Engine.ContactAsync("bo@example.com"), "follow-up")).Select(m => m.Subject));
        Assert.Equal(["Welcome", "Did you miss this?"], (await Engine.MailsAsync(await Engine.ContactAsync("cy@example.com"), "follow-up")).Select(m => m.Subject));
    }

}
