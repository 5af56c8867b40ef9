using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Coupons;
using Rekindle.Core.Templates;

namespace Rekindle.Core.Tests.Templates;

/// <summary>The shape flows are checked against is the model emails are rendered with: same names, all the way down.</summary>
public sealed class TemplateModelShapeTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_FullModel_SameNamesAsTheBuiltModel()
    {
        var profile = new ContactProfile
        {
            Id = "c1",
            CreatedAt = T0,
            Traits = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create("plan", JsonDocument.Parse("\"pro\"").RootElement.Clone())]),
            Cart = [new CartItem("p1", "S1", "Hat", 19.99m, 1, "Hats", null, null)],
        };
        var coupon = new IssuedCoupon("BACK-1", "winback", "all", CouponValue.PercentOff(10m), "c1", T0, T0.AddDays(7));
        var model = TemplateModel.Build(profile, coupon, [new TemplateProduct("p2", "Scarf", 5m, "EUR", null, null, "best-seller")]);

        var shape = TemplateModelShape.For(hasCoupon: true, hasRecommendations: true, seenTraits: ["plan"]);

        Assert.Equal(Paths(model), Paths(shape));
    }

    [Fact]
    public void For_StepWithoutCouponOrRecommendations_SaysWhyTheyAreEmpty()
    {
        var shape = TemplateModelShape.For(hasCoupon: false, hasRecommendations: false, seenTraits: []);

        Assert.IsType<UnavailableShape>(shape.Members["coupon"]);
        Assert.IsType<UnavailableShape>(shape.Members["recommendations"]);
    }

    [Theory]
    [InlineData("frist_name", "first_name")]
    [InlineData("Email", "email")]
    [InlineData("firstname", "first_name")]
    [InlineData("itmes", "items")]
    [InlineData("zzz", null)]
    [InlineData("id", null)]
    public void Closest_Misspelling_NearestKnownName(string name, string? expected) =>
        Assert.Equal(expected, NameSuggestion.Closest(name, ["email", "first_name", "items", "ip"]));

    /// <summary>Every dotted path of the model's dictionaries (list elements as []), traits' own values not followed.</summary>
    private static SortedSet<string> Paths(IReadOnlyDictionary<string, object?> model)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(string prefix, object? value)
        {
            switch (value)
            {
                case IReadOnlyDictionary<string, object?> members:
                    foreach (var (name, member) in members)
                    {
                        paths.Add(prefix + name);
                        if (prefix + name != "contact.traits")
                        {
                            Walk(prefix + name + ".", member);
                        }
                    }

                    break;
                case List<object?> list when list.Count > 0:
                    Walk(prefix.TrimEnd('.') + "[].", list[0]);
                    break;
            }
        }

        Walk("", model);
        return paths;
    }

    private static SortedSet<string> Paths(TemplateShape shape)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(string prefix, TemplateShape node)
        {
            switch (node)
            {
                case ObjectShape obj:
                    foreach (var (name, member) in obj.Members)
                    {
                        paths.Add(prefix + name);
                        Walk(prefix + name + ".", member);
                    }

                    break;
                case ListShape list:
                    Walk(prefix.TrimEnd('.') + "[].", list.Element);
                    break;
            }
        }

        Walk("", shape);
        return paths;
    }
}
