using System.Collections;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Channels.Email;

namespace Rekindle.Channels.Tests.Email;

public sealed class LiquidRendererTests
{
    private readonly LiquidRenderer _renderer = new(new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero)));

    private static Dictionary<string, object?> Model() => new()
    {
        ["contact"] = new Dictionary<string, object?>
        {
            ["first_name"] = "Ann",
            ["traits"] = new Dictionary<string, object?> { ["tier"] = "gold", ["orders"] = 3, ["points"] = 1200L, ["vip"] = true },
        },
        ["cart"] = new Dictionary<string, object?>
        {
            ["currency"] = "EUR",
            ["items"] = new List<object?>
            {
                new Dictionary<string, object?> { ["name"] = "Hat", ["price"] = 19.99m },
                new Dictionary<string, object?> { ["name"] = "Scarf", ["price"] = 5m },
            },
        },
        ["sent_at"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Fact]
    public void Render_NestedTraits_RendersEveryLeafType()
    {
        var result = _renderer.Render(
            "{{ contact.first_name }}|{{ contact.traits.tier }}|{{ contact.traits.orders }}|{{ contact.traits.points }}|{{ contact.traits.vip }}|{{ sent_at | date: '%Y-%m-%d %H:%M' }}",
            Model(),
            TemplateFormat.Text);

        Assert.Equal("Ann|gold|3|1200|true|2025-01-02 03:04", result);
    }

    [Fact]
    public void Render_CartLoop_RendersEachItemInOrder()
    {
        var result = _renderer.Render(
            "{% for item in cart.items %}{{ item.name }} {{ item.price }};{% endfor %}{{ cart.items.size }}",
            Model(),
            TemplateFormat.Text);

        Assert.Equal("Hat 19.99;Scarf 5;2", result);
    }

    [Fact]
    public void Render_ReadOnlyDictionaryThatIsNotADictionary_ReadsItsMembers()
    {
        var model = new Dictionary<string, object?>
        {
            ["contact"] = new ReadOnlyOnly(new Dictionary<string, object?>
            {
                ["first_name"] = "Bo",
                ["address"] = new ReadOnlyOnly(new Dictionary<string, object?> { ["city"] = "Oslo" }),
            }),
        };

        var result = _renderer.Render("{{ contact.first_name }} in {{ contact.address.city }}", model, TemplateFormat.Text);

        Assert.Equal("Bo in Oslo", result);
    }

    [Fact]
    public void Render_MissingValue_RendersEmpty()
    {
        var result = _renderer.Render("[{{ contact.last_name }}][{{ nothing.at.all }}]", Model(), TemplateFormat.Text);

        Assert.Equal("[][]", result);
    }

    [Fact]
    public void Render_HtmlFormat_EncodesValuesButKeepsTemplateMarkup()
    {
        var model = new Dictionary<string, object?> { ["name"] = "<script>alert('x')</script> & Zoë" };

        var result = _renderer.Render("<p>Hi {{ name }}</p>", model, TemplateFormat.Html);

        Assert.Equal("<p>Hi &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Zoë</p>", result);
    }

    [Fact]
    public void Render_TextFormat_DoesNotEncodeValues()
    {
        var model = new Dictionary<string, object?> { ["name"] = "<b>Tom & Jerry</b>" };

        var result = _renderer.Render("Hi {{ name }}", model, TemplateFormat.Text);

        Assert.Equal("Hi <b>Tom & Jerry</b>", result);
    }

    [Theory]
    [InlineData("{{ item.price | money }}", "19.99")]
    [InlineData("{{ item.price | money: 'EUR' }}", "€19.99")]
    [InlineData("{{ item.price | money: 'usd' }}", "$19.99")]
    [InlineData("{{ item.price | money: 'CHF' }}", "19.99 CHF")]
    [InlineData("{{ item.price | money: cart.currency }}", "€19.99")]
    [InlineData("{{ 1234.5 | money: 'GBP' }}", "£1,234.50")]
    [InlineData("{{ 0.005 | money }}", "0.01")]
    [InlineData("{{ -5 | money: 'USD' }}", "-$5.00")]
    [InlineData("{{ 1999.5 | money: 'JPY' }}", "¥2,000")]
    [InlineData("{{ '7.1' | money }}", "7.10")]
    [InlineData("{{ 'soon' | money }}", "soon")]
    [InlineData("[{{ nothing | money }}]", "[]")]
    public void Render_MoneyFilter_FormatsInvariantly(string template, string expected)
    {
        var model = new Dictionary<string, object?>
        {
            ["item"] = new Dictionary<string, object?> { ["price"] = 19.99m },
            ["cart"] = new Dictionary<string, object?> { ["currency"] = "EUR" },
        };

        Assert.Equal(expected, _renderer.Render(template, model, TemplateFormat.Text));
    }

    [Fact]
    public void Render_NowDate_UsesInjectedClock()
    {
        var result = _renderer.Render("{{ 'now' | date: '%Y-%m-%d' }}", Model(), TemplateFormat.Text);

        Assert.Equal("2025-03-04", result);
    }

    [Fact]
    public void Render_BadTemplate_ThrowsWithPosition()
    {
        var ex = Assert.Throws<LiquidTemplateException>(() => _renderer.Render("Hello {{ name ", Model(), TemplateFormat.Text));

        Assert.Equal("End of tag '}}' was expected at line 1, column 14", ex.Message);
    }

    [Fact]
    public void Render_RunawayLoop_ThrowsLiquidTemplateException()
    {
        var ex = Assert.Throws<LiquidTemplateException>(
            () => _renderer.Render("{% for i in (1..10000000) %}x{% endfor %}", Model(), TemplateFormat.Text));

        Assert.StartsWith("Template failed to render:", ex.Message);
    }

    [Fact]
    public void TryParse_ValidTemplate_ReturnsTrueWithoutError()
    {
        var ok = _renderer.TryParse("{% if contact.traits.vip %}VIP{% endif %}", out var error);

        Assert.True(ok);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_UnclosedForOnThirdLine_NamesLineAndColumn()
    {
        var ok = _renderer.TryParse("Hi\nthere\n{% for x in cart.items %}", out var error);

        Assert.False(ok);
        Assert.Equal("'{% endfor %}' was expected at line 3, column 26", error);
    }

    [Fact]
    public void TryParse_UnknownClosingTag_NamesTheTag()
    {
        var ok = _renderer.TryParse("line1\nline2 {% endif %}", out var error);

        Assert.False(ok);
        Assert.Equal("Unknown tag 'endif' at line 2, column 15", error);
    }

    [Fact]
    public async Task Render_ManyThreadsSameTemplate_AllGetTheirOwnModel()
    {
        const string Template = "{{ n }}:{% for i in list %}{{ i }}{% endfor %}";
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(n => Task.Run(() => _renderer.Render(
            Template,
            new Dictionary<string, object?> { ["n"] = n, ["list"] = new List<object?> { n, n } },
            TemplateFormat.Text))));

        Assert.Equal(Enumerable.Range(0, 64).Select(n => $"{n}:{n}{n}"), results);
    }

    [Fact]
    public void Render_CacheCapacityExceeded_StillRendersEveryTemplate()
    {
        var renderer = new LiquidRenderer(TimeProvider.System, cacheCapacity: 2);
        var model = new Dictionary<string, object?> { ["x"] = "v" };

        var results = Enumerable.Range(0, 5).Select(i => renderer.Render($"{i}{{{{ x }}}}", model, TemplateFormat.Text)).ToList();

        Assert.Equal(["0v", "1v", "2v", "3v", "4v"], results);
    }

    /// <summary>Only the read-only interface, as an immutable model type would be.</summary>
    private sealed class ReadOnlyOnly(Dictionary<string, object?> inner) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => inner[key];

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<object?> Values => inner.Values;

        public int Count => inner.Count;

        public bool ContainsKey(string key) => inner.ContainsKey(key);

        public bool TryGetValue(string key, out object? value) => inner.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => inner.GetEnumerator();
    }
}
