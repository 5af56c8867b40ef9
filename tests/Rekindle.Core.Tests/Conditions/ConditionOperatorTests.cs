using static Rekindle.Core.Tests.Conditions.ConditionTestKit;

namespace Rekindle.Core.Tests.Conditions;

/// <summary>Each operator over a trait {"v": …}: the value's type decides how it compares; other types and missing values fail.</summary>
public class ConditionOperatorTests
{
    [Theory]
    [InlineData("\"Berlin\"", "\"Berlin\"", true)]
    [InlineData("\"berlin\"", "\"Berlin\"", false)] // exact, case-sensitive
    [InlineData("42", "42", true)]
    [InlineData("42.0", "42", true)] // numerically
    [InlineData("\"42\"", "42", true)] // a numeric string counts as its number
    [InlineData("\"042\"", "\"42\"", false)] // a text value compares as text: zip codes keep their zeros
    [InlineData("42", "\"42\"", false)]
    [InlineData("true", "true", true)]
    [InlineData("\"true\"", "true", false)]
    [InlineData("null", "\"x\"", false)]
    [InlineData("[\"x\"]", "\"x\"", false)]
    public void Equals_ComparesByTheValuesType(string trait, string value, bool expected) =>
        Assert.Equal(expected, Trait(trait, "equals", value));

    [Theory]
    [InlineData("\"Paris\"", "\"Berlin\"", true)]
    [InlineData("\"Berlin\"", "\"Berlin\"", false)]
    [InlineData("5", "\"Berlin\"", false)] // another type: unknown, so false (as SQL's NULL)
    [InlineData("null", "\"Berlin\"", false)]
    [InlineData("41.99", "42", true)]
    public void NotEquals_NeedsAComparableValue(string trait, string value, bool expected) =>
        Assert.Equal(expected, Trait(trait, "notEquals", value));

    [Fact]
    public void NotEquals_MissingTrait_IsFalse() =>
        Assert.False(Eval("""{"trait":"city","op":"notEquals","value":"Berlin"}""", Profile()));

    [Theory]
    [InlineData("\"b\"", true)]
    [InlineData("2", true)]
    [InlineData("\"2\"", true)]
    [InlineData("\"c\"", false)]
    [InlineData("false", true)]
    public void In_MatchesAnyListedValue(string trait, bool expected) =>
        Assert.Equal(expected, Trait(trait, "in", """["a","b",2,false]"""));

    [Theory]
    [InlineData("\"newsletter-weekly\"", "\"weekly\"", true)]
    [InlineData("\"newsletter-Weekly\"", "\"weekly\"", false)]
    [InlineData("[\"red\",\"blue\"]", "\"blue\"", true)]
    [InlineData("[\"red\",\"blue\"]", "\"green\"", false)]
    [InlineData("[1, 2.5, 3]", "2.50", true)]
    [InlineData("12345", "\"23\"", false)] // a number is no text
    public void Contains_SearchesTextsAndArrays(string trait, string value, bool expected) =>
        Assert.Equal(expected, Trait(trait, "contains", value));

    [Theory]
    [InlineData("\"+49 30 1234\"", true)]
    [InlineData("\"0049 30\"", false)]
    [InlineData("49", false)]
    public void StartsWith_MatchesAPrefix(string trait, bool expected) =>
        Assert.Equal(expected, Trait(trait, "startsWith", "\"+49\""));

    [Theory]
    [InlineData("gt", "49.99", false)]
    [InlineData("gt", "50.00", false)]
    [InlineData("gt", "50.01", true)]
    [InlineData("gte", "50", true)]
    [InlineData("gte", "\"50.0\"", true)]
    [InlineData("gte", "49.999999", false)]
    [InlineData("lt", "49.99", true)]
    [InlineData("lt", "50", false)]
    [InlineData("lte", "50", true)]
    [InlineData("lte", "\"fifty\"", false)]
    [InlineData("lt", "true", false)]
    public void NumericComparisons_AreExactOnDecimals(string op, string trait, bool expected) =>
        Assert.Equal(expected, Trait(trait, op, "50"));

    [Theory]
    [InlineData("gt", "\"2026-01-31T09:00:01+01:00\"", true)]
    [InlineData("gt", "\"2026-01-31T08:00:00Z\"", false)] // the same instant in another offset
    [InlineData("gte", "\"2026-01-31T08:00:00Z\"", true)]
    [InlineData("lt", "\"2026-01-31T03:00:00-05:00\"", false)]
    [InlineData("lt", "\"2026-01-31T02:59:59-05:00\"", true)]
    [InlineData("lte", "\"2026-01-31\"", true)]
    [InlineData("gt", "\"31/01/2026\"", false)] // not ISO: no date
    [InlineData("gt", "1769846400", false)]
    public void DateComparisons_CompareInstants(string op, string trait, bool expected) =>
        Assert.Equal(expected, Trait(trait, op, "\"2026-01-31T09:00:00+01:00\""));

    [Theory]
    [InlineData("exists", "\"x\"", true)]
    [InlineData("exists", "\"\"", true)]
    [InlineData("exists", "null", false)]
    [InlineData("notExists", "null", true)]
    [InlineData("notExists", "0", false)]
    public void Exists_TellsPresentFromNull(string op, string trait, bool expected) =>
        Assert.Equal(expected, Trait(trait, op));

    [Fact]
    public void Exists_MissingTrait_IsFalseAndNotExistsTrue()
    {
        Assert.False(Eval("""{"trait":"city","op":"exists"}""", Profile()));
        Assert.True(Eval("""{"trait":"city","op":"notExists"}""", Profile()));
        Assert.False(Eval("""{"trait":"city","op":"gt","value":1}""", Profile()));
    }

    [Theory]
    [InlineData("address.city", "equals", "\"Berlin\"", true)]
    [InlineData("address.geo.zip", "equals", "\"10115\"", true)]
    [InlineData("address.geo.lat", "gt", "52", true)]
    [InlineData("address.missing", "exists", null, false)]
    [InlineData("address.city.name", "exists", null, false)]
    [InlineData("orders.1.sku", "equals", "\"B-2\"", true)]
    [InlineData("orders.2.sku", "exists", null, false)]
    public void Paths_ReachNestedValues(string path, string op, string? value, bool expected)
    {
        var profile = Profile("""
            {"address":{"city":"Berlin","geo":{"zip":"10115","lat":52.52}},
             "orders":[{"sku":"A-1"},{"sku":"B-2"}]}
            """);
        string json = $$"""{"trait":"{{path}}","op":"{{op}}"{{(value is null ? "" : ",\"value\":" + value)}}}""";

        Assert.Equal(expected, Eval(json, profile));
    }

    [Theory]
    [InlineData("before", "\"-7d\"", "2026-03-03T11:59:59Z", true)]
    [InlineData("before", "\"-7d\"", "2026-03-03T12:00:00Z", false)] // before is strict
    [InlineData("after", "\"+7d\"", "2026-03-17T12:00:01Z", true)]
    [InlineData("after", "\"now\"", "2026-03-10T13:00:00+01:00", false)] // that is now
    [InlineData("before", "\"2026-04-01\"", "2026-03-31T23:59:59Z", true)]
    [InlineData("withinNext", "\"7d\"", "2026-03-17T12:00:00Z", true)] // bounds included
    [InlineData("withinNext", "\"7d\"", "2026-03-17T12:00:01Z", false)]
    [InlineData("withinNext", "\"7d\"", "2026-03-10T11:59:59Z", false)] // already past
    [InlineData("withinLast", "\"30d\"", "2026-02-08T12:00:00Z", true)]
    [InlineData("withinLast", "\"30d\"", "2026-02-08T11:59:59Z", false)]
    [InlineData("withinLast", "\"30d\"", "2026-03-10T12:00:01Z", false)] // in the future
    public void RelativeDates_CountFromNow(string op, string value, string trait, bool expected) =>
        Assert.Equal(expected, Trait($"\"{trait}\"", op, value));
}
