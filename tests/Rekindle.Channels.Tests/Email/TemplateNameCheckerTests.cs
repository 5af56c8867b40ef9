using Microsoft.Extensions.Time.Testing;
using Rekindle.Channels.Email;
using Rekindle.Core.Templates;

namespace Rekindle.Channels.Tests.Email;

/// <summary>Unknown variable paths found in the parsed template's syntax tree, against the template model's shape.</summary>
public sealed class TemplateNameCheckerTests
{
    private readonly LiquidRenderer _renderer = new(new FakeTimeProvider());

    private IReadOnlyList<string> Check(string template, bool coupon = false, bool recommendations = false, params string[] traits) =>
        _renderer.UnknownNames(template, TemplateModelShape.For(coupon, recommendations, traits));

    [Theory]
    [InlineData("Hi {{ contact.first_name }}, {{ contact.traits.firstName }} {{ contact.traits.plan }}")]
    [InlineData("{% for item in cart.items %}{{ item.name }} {{ item.price | money: cart.currency }} {{ forloop.index }}{% endfor %}")]
    [InlineData("{% if cart.items.size > 0 and cart.items.first.name != empty %}{{ cart.items[0].url }}{% endif %}")]
    [InlineData("{% assign n = contact.first_name | default: 'there' %}{{ n }} {{ n.size }}{% capture c %}x{% endcapture %}{{ c }}")]
    [InlineData("{{ coupon.code }} {{ coupon.value }} {% for p in recommendations %}{{ p.image_url }}{% endfor %}", true, true)]
    [InlineData("{% for i in (1..3) %}{{ i }}{% endfor %}{{ contact.traits['first_name'] }} {{ contact.traits.address.city }}")]
    [InlineData("{% tablerow item in cart.items cols: 2 %}{{ item.sku }} {{ tablerowloop.col }}{% endtablerow %}")]
    [InlineData("{% case contact.email %}{% when 'a' %}{{ contact.phone }}{% else %}{{ 'now' | date: '%Y' }}{% endcase %}")]
    public void UnknownNames_NamesTheModelHas_None(string template, bool coupon = false, bool recommendations = false) =>
        Assert.Empty(Check(template, coupon, recommendations, "plan"));

    [Fact]
    public void UnknownNames_MisspeltContactField_SuggestsTheRightOne() =>
        Assert.Equal(["contact.frist_name is not in the template model; did you mean contact.first_name?"],
            Check("Hi {{ contact.frist_name }}, {{ contact.frist_name | upcase }}"));

    [Theory]
    [InlineData("{{ contcat.email }}", "contcat is not in the template model; did you mean contact?")]
    [InlineData("{{ cart.itmes.size }}", "cart.itmes is not in the template model; did you mean cart.items?")]
    [InlineData("{{ cart.total.amount }}", "cart.total.amount is not in the template model")]
    [InlineData("{{ customer.name }}", "customer is not in the template model")]
    [InlineData("{% for item in cart.items %}{{ item.nmae }}{% endfor %}", "item.nmae is not in the template model; did you mean item.name?")]
    [InlineData("{{ cart.items[0].prce }}", "cart.items[…].prce is not in the template model; did you mean cart.items[…].price?")]
    [InlineData("{% if contact.Email %}x{% endif %}", "contact.Email is not in the template model; did you mean contact.email?")]
    [InlineData("{{ contact.traits.firstname }}", "contact.traits.firstname is not in the template model; did you mean contact.traits.firstName?")]
    [InlineData("{{ contact.traits.plna }}", "contact.traits.plna is not in the template model; did you mean contact.traits.plan?")]
    [InlineData("{{ item.name }}", "item is not in the template model")]
    [InlineData("{{ x | money: cart.curency }}", "x is not in the template model")]
    public void UnknownNames_UnknownPath_OneMessageNamingIt(string template, string expected) =>
        Assert.Equal(expected, Check(template, traits: "plan")[0]);

    [Fact]
    public void UnknownNames_FilterArgumentsAndConditions_Checked() =>
        Assert.Equal(
            ["cart.curency is not in the template model; did you mean cart.currency?",
             "contact.ordrs is not in the template model; did you mean contact.orders?"],
            Check("{{ cart.total | money: cart.curency }}{% if contact.ordrs > 1 %}again{% endif %}"));

    [Fact]
    public void UnknownNames_LoopVariableOutsideItsLoop_Reported() =>
        Assert.Equal(["item is not in the template model"],
            Check("{% for item in cart.items %}{{ item.name }}{% endfor %}{{ item.name }}"));

    [Theory]
    [InlineData("{{ coupon.code }}", "coupon.code is empty here: this step names no coupon campaign (\"coupon\")")]
    [InlineData("{% for p in recommendations %}{{ p.name }}{% endfor %}", "recommendations is empty here: this step asks for no \"recommendations\"")]
    public void UnknownNames_SectionTheStepDoesNotAskFor_SaysWhy(string template, string expected) =>
        Assert.Equal([expected], Check(template));
}
