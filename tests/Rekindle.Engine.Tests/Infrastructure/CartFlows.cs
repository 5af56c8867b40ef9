namespace Rekindle.Engine.Tests.Infrastructure;

/// <summary>The abandoned-cart flow the engine tests run: wait 24 hours, then mail the cart unless an order came in.</summary>
public static class CartFlows
{
    public const string Id = "abandoned-cart";

    public const string Json = """
        {
          "id": "abandoned-cart",
          "name": "Abandoned cart",
          "trigger": { "events": ["Product Added"] },
          "reentry": "whileNotActive",
          "steps": [
            { "id": "wait", "type": "wait", "duration": "24h", "next": "check" },
            { "id": "check", "type": "condition",
              "condition": { "type": "eventNotOccurred", "event": "Order Completed", "since": "flowStart" },
              "then": "mail", "else": null },
            { "id": "mail", "type": "sendEmail",
              "subject": "{{ contact.first_name }}, you left {{ cart.item_count }} item(s) behind",
              "html": "<ul>{% for item in cart.items %}<li>{{ item.name }} x {{ item.quantity }} at {{ item.price | money }}</li>{% endfor %}</ul>",
              "text": "{% for item in cart.items %}{{ item.name }} x {{ item.quantity }} at {{ item.price | money }}\n{% endfor %}" }
          ]
        }
        """;
}
