using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Channels.Email;

namespace Rekindle.Channels.Tests.Webhooks;

/// <summary>Webhook bodies: values are escaped for the JSON string the template puts them in.</summary>
public sealed class JsonTemplateTests
{
    private readonly LiquidRenderer _renderer = new(new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero)));

    [Fact]
    public void Render_JsonValuesWithQuotesBackslashesAndNewlines_ValidJsonKeepingThem()
    {
        const string Name = "Jo \"JJ\" O'Neil \\ <b>é</b>\n\ttab";
        var model = new Dictionary<string, object?> { ["contact"] = new Dictionary<string, object?> { ["first_name"] = Name, ["orders"] = 3 } };

        var body = _renderer.Render("""{"name": "{{ contact.first_name }}", "orders": {{ contact.orders }}}""", model, TemplateFormat.Json);

        using var json = JsonDocument.Parse(body);
        Assert.Equal((Name, 3), (json.RootElement.GetProperty("name").GetString(), json.RootElement.GetProperty("orders").GetInt32()));
        Assert.Contains("O'Neil", body, StringComparison.Ordinal);
        Assert.Contains("<b>é</b>", body, StringComparison.Ordinal);
    }
}
