using Rekindle.Core.Conditions;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Tests.Flows;

public class FlowSerializerTests
{
    [Fact]
    public void ToJson_AbandonedCart_WritesTheLanguage()
    {
        string json = FlowSerializer.ToJson(FlowSamples.AbandonedCart);

        Assert.Equal(
            """
            {
              "id": "abandoned-cart",
              "name": "Abandoned cart",
              "trigger": {
                "events": [
                  "Product Added",
                  "Checkout Started"
                ]
              },
              "reentry": "whileNotActive",
              "steps": [
                {
                  "id": "wait",
                  "type": "wait",
                  "duration": "1d",
                  "next": "check"
                },
                {
                  "id": "check",
                  "type": "condition",
                  "condition": {
                    "event": "Order Completed",
                    "since": "flowStart",
                    "occurred": false
                  },
                  "then": "email",
                  "else": null
                },
                {
                  "id": "email",
                  "type": "sendEmail",
                  "subject": "{{ contact.first_name }}, your cart is waiting",
                  "html": "...",
                  "text": "..."
                }
              ]
            }
            """,
            json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToJson_ThenParse_RoundTripsEveryStepKind()
    {
        FlowDefinition flow = new(
            "all-kinds",
            "Every kind of step",
            new EventTrigger(["Order Completed"], [new PropertyFilter("currency", ["EUR", "GBP"]), new PropertyFilter("first", ["true"])]),
            ReentryPolicy.Once,
            "thanks",
            [
                new ConditionStep("check", new EventCondition("Order Refunded", EventWindow.FlowStart, EventCount.Occurred), "bye", "pause"),
                new SendEmailStep("thanks", "check", "Thanks & <welcome>", "<p>Thank you, \"friend\" 😊</p>", null, "winback", new EmailRecommendations("upsell", 6), Transactional: true),
                new WaitStep("pause", "thanks", TimeSpan.FromSeconds(129_601), new SendTimeWindow(TimeSpan.FromHours(36), "push")),
                new ExitStep("bye"),
            ]);

        FlowParseResult result = FlowParser.Parse(FlowSerializer.ToJson(flow));

        Assert.Empty(result.Errors);
        Assert.Equal(flow, result.Flow);
    }

    [Fact]
    public void ToJson_HtmlTemplate_StaysReadable()
    {
        FlowDefinition flow = FlowSamples.Flow(new SendEmailStep("m", null, "Ça va?", "<p>{{ a & b }}</p>", null));

        string json = FlowSerializer.ToJson(flow);

        Assert.Contains("\"html\": \"<p>{{ a & b }}</p>\"", json, StringComparison.Ordinal);
        Assert.Contains("\"subject\": \"Ça va?\"", json, StringComparison.Ordinal);
    }
}
