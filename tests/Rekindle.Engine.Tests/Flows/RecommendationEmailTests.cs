using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows;

/// <summary>An email step with recommendations: products chosen around the cart and the orders when the email is rendered.</summary>
public sealed class RecommendationEmailTests() : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [FlowJson])
{
    private const string FlowJson = """
        {
          "id": "goes-well-with", "name": "Goes well with your cart", "trigger": { "events": ["Product Added"] },
          "steps": [
            { "id": "mail", "type": "sendEmail", "subject": "You might also like",
              "recommendations": { "kind": "bought-together", "limit": 3 },
              "html": "{% for p in recommendations %}{{ p.product_id }}:{{ p.source }};{% endfor %}" }
          ]
        }
        """;

    [Fact]
    public async Task CartWithA_MailListsWhatIsBoughtWithAThenBestSellers_NeverA()
    {
        var at = Clock.GetUtcNow().AddDays(-10);
        // A is in 4 orders, B and C in 2 each, always with A; D in one order alone.
        // cos(A,B) = cos(A,C) = 2/√(4·2) = 0.707: a tie, broken by id (B first). D has no neighbour in two orders,
        // so it only comes as the best-seller filler; A is in the cart, so it is never offered.
        await Engine.ApplyAsync(
            Order("u1", "o1", at, "A", "B"), Order("u2", "o2", at, "A", "B"),
            Order("u3", "o3", at, "A", "C"), Order("u4", "o4", at, "A", "C"), Order("u1", "o5", at, "D"));

        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(Identify("anon-ada", null, now, new { email = "ada@example.com" }));
        await Engine.ApplyAsync(ProductAdded("anon-ada", now, new { product_id = "A", name = "Anchor", price = 10m, quantity = 1 }));
        var ada = await Engine.Contacts.LookupAsync("email", "ada@example.com", CancellationToken.None);
        await Engine.WaitUntilAsync(async () => (await Engine.Messages.ForContactAsync(ada!, CancellationToken.None)).Count == 1, "the mail");

        var message = Assert.Single(await Engine.Messages.ForContactAsync(ada!, CancellationToken.None));
        Assert.Equal("B:bought-together;C:bought-together;D:best-seller;", message.Html);
    }

    private static Core.Events.EventMessage Order(string userId, string orderId, DateTimeOffset at, params string[] products) =>
        Track("anon-" + userId, "Order Completed", at,
            new { order_id = orderId, revenue = 10m * products.Length, currency = "EUR", products = products.Select(p => new { product_id = p, price = 10m, quantity = 1 }) },
            userId: userId);
}
