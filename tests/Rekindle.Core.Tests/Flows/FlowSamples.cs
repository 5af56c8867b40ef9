using Rekindle.Core.Conditions;
using System.Collections.Immutable;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Tests.Flows;

/// <summary>Documents, definitions, events and profiles shared by the flow tests.</summary>
internal static class FlowSamples
{
    /// <summary>The abandoned-cart document, exactly as the flow language is specified.</summary>
    public const string AbandonedCartJson = """
        {"id":"abandoned-cart","name":"Abandoned cart","trigger":{"events":["Product Added","Checkout Started"]},"reentry":"whileNotActive",
         "steps":[{"id":"wait","type":"wait","duration":"24h","next":"check"},
                  {"id":"check","type":"condition","condition":{"type":"eventNotOccurred","event":"Order Completed","since":"flowStart"},"then":"email","else":null},
                  {"id":"email","type":"sendEmail","subject":"{{ contact.first_name }}, your cart is waiting","html":"...","text":"..."}]}
        """;

    public static readonly SendEmailStep CartEmail =
        new("email", null, "{{ contact.first_name }}, your cart is waiting", "...", "...");

    /// <summary>The definition <see cref="AbandonedCartJson"/> describes.</summary>
    public static readonly FlowDefinition AbandonedCart = new(
        "abandoned-cart",
        "Abandoned cart",
        new EventTrigger(["Product Added", "Checkout Started"]),
        ReentryPolicy.WhileNotActive,
        "wait",
        [
            new WaitStep("wait", "check", TimeSpan.FromHours(24)),
            new ConditionStep("check", new EventCondition("Order Completed", EventWindow.FlowStart, EventCount.NotOccurred), "email", null),
            CartEmail,
        ]);

    public static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public static EventMessage Track(string eventName, DateTimeOffset timestamp, string messageId = "m-1") => new()
    {
        MessageId = messageId,
        Type = MessageType.Track,
        Event = eventName,
        UserId = "u-1",
        Timestamp = timestamp,
        ReceivedAt = timestamp,
    };

    public static readonly CartItem Lamp = new("lamp-1", null, "Brass Reading Lamp", 129.50m, 1, null, null, null);

    /// <summary>A contact with these last events and <see cref="Lamp"/> in the cart (cart flows need a cart).</summary>
    public static ContactProfile Profile(params (string Event, DateTimeOffset At)[] lastEvents) => new()
    {
        Id = "c-1",
        CreatedAt = T0.AddDays(-30),
        LastEventAt = lastEvents.ToImmutableSortedDictionary(e => e.Event, e => e.At, StringComparer.Ordinal),
        Cart = [Lamp],
    };

    /// <summary>A definition with the given steps; the first one starts it.</summary>
    public static FlowDefinition Flow(params FlowStep[] steps) => new(
        "f", "F", new EventTrigger(["Product Added"]), ReentryPolicy.WhileNotActive, steps[0].Id, [.. steps]);
}
