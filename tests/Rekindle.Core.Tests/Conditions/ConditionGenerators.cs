using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Rekindle.Core.Conditions;
using Rekindle.Core.Consent;

namespace Rekindle.Core.Tests.Conditions;

/// <summary>Generated condition trees: every node and value form the parser can produce, nested a few levels.</summary>
internal static class ConditionGenerators
{
    private static readonly string[] Texts = ["Berlin", "a \"quoted\" <b>", "naïve ✓", "2026-01-31", "42", " "];

    private static readonly string[] Paths = ["city", "address.city", "items.0.sku", "Total Price", "ünï.côdé"];

    private static readonly string[] EventNames = ["Order Completed", "Product Added", "Émail \"Opened\"", "x"];

    private static readonly Gen<ConditionValue> Text = Gen.Elements(Texts).Select(t => (ConditionValue)new TextValue(t));

    private static readonly Gen<ConditionValue> EmptyText = Gen.Constant((ConditionValue)new TextValue(""));

    private static readonly Gen<decimal> Decimals = Gen.OneOf(
        Gen.Choose(-1_000_000, 1_000_000).Select(n => n / 100m),
        Gen.Choose(0, 50).Select(n => (decimal)n),
        Gen.Elements(decimal.MaxValue, decimal.MinValue, 0.0000001m, 1.10m));

    private static readonly Gen<ConditionValue> Number = Decimals.Select(d => (ConditionValue)new NumberValue(d));

    private static readonly Gen<ConditionValue> Count = Gen.Choose(0, 1000).Select(n => (ConditionValue)new NumberValue(n));

    private static readonly Gen<ConditionValue> Bool = Gen.Elements(true, false).Select(b => (ConditionValue)new BoolValue(b));

    private static readonly Gen<int> Seconds = Gen.OneOf(Gen.Choose(1, 3600), Gen.Choose(1, 3653).Select(d => d * 86400), Gen.Choose(1, int.MaxValue / 1000));

    private static readonly Gen<ConditionValue> Date =
        from days in Gen.Choose(-20000, 20000)
        from second in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 86399))
        from offsetMinutes in Gen.Elements(0, 60, -300, 330, 840)
        select (ConditionValue)new DateValue(
            new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(days).AddSeconds(second).ToOffset(TimeSpan.FromMinutes(offsetMinutes)));

    private static readonly Gen<TimeSpan> Span = Seconds.Select(s => TimeSpan.FromSeconds(Math.Min(s, (long)ConditionTime.MaxSpan.TotalSeconds)));

    private static readonly Gen<ConditionValue> Relative = Gen.OneOf(
        Gen.Constant(TimeSpan.Zero), Span, Span.Select(s => -s)).Select(s => (ConditionValue)new RelativeTimeValue(s));

    private static readonly Gen<ConditionValue> Duration = Span.Select(s => (ConditionValue)new DurationValue(s));

    private static Gen<ConditionValue> List(Gen<ConditionValue> item) =>
        Gen.NonEmptyListOf(item).Select(items => (ConditionValue)new ListValue([.. items.Take(5)]));

    private static Gen<ValueTest> Test(ConditionOperator op, Gen<ConditionValue>? value) =>
        value is null ? Gen.Constant(new ValueTest(op)) : value.Select(v => new ValueTest(op, v));

    /// <summary>A test as a trait or event property has it: any type.</summary>
    private static readonly Gen<ValueTest> AnyTest = Gen.OneOf(
        Test(ConditionOperator.EqualTo, Gen.OneOf(Text, EmptyText, Number, Bool)),
        Test(ConditionOperator.NotEqualTo, Gen.OneOf(Text, Number, Bool)),
        Test(ConditionOperator.In, List(Gen.OneOf(Text, Number, Bool))),
        Test(ConditionOperator.Contains, Gen.OneOf(Text, Number, Bool)),
        Test(ConditionOperator.StartsWith, Text),
        Gen.Elements(ConditionOperator.GreaterThan, ConditionOperator.GreaterOrEqual, ConditionOperator.LessThan, ConditionOperator.LessOrEqual)
            .SelectMany(op => Test(op, Gen.OneOf(Number, Date))),
        Gen.Elements(ConditionOperator.Before, ConditionOperator.After).SelectMany(op => Test(op, Gen.OneOf(Relative, Date))),
        Gen.Elements(ConditionOperator.WithinLast, ConditionOperator.WithinNext).SelectMany(op => Test(op, Duration)),
        Gen.Elements(ConditionOperator.Exists, ConditionOperator.NotExists).SelectMany(op => Test(op, null)));

    private static Gen<ValueTest> NumberTest(Gen<ConditionValue> number) => Gen.OneOf(
        Gen.Elements(ConditionOperator.EqualTo, ConditionOperator.NotEqualTo, ConditionOperator.GreaterThan,
            ConditionOperator.GreaterOrEqual, ConditionOperator.LessThan, ConditionOperator.LessOrEqual).SelectMany(op => Test(op, number)),
        Test(ConditionOperator.In, List(number)),
        Test(ConditionOperator.Exists, null));

    private static readonly Gen<ValueTest> TimeTest = Gen.OneOf(
        Test(ConditionOperator.GreaterOrEqual, Date), Test(ConditionOperator.Before, Gen.OneOf(Relative, Date)),
        Test(ConditionOperator.WithinLast, Duration), Test(ConditionOperator.NotExists, null));

    private static Gen<ValueTest> TextTest(Gen<ConditionValue> text) => Gen.OneOf(
        Test(ConditionOperator.EqualTo, text), Test(ConditionOperator.In, List(text)), Test(ConditionOperator.StartsWith, text));

    private static readonly Gen<Condition> Property =
        from path in Gen.Elements(Paths)
        from test in AnyTest
        select (Condition)new PropertyCondition(path, test);

    private static readonly Gen<Condition> Leaf = Gen.OneOf(
        from path in Gen.Elements(Paths) from test in AnyTest select (Condition)new TraitCondition(path, test),
        Property,
        from tag in Gen.Elements(Texts.Where(t => t.Trim().Length > 0).ToArray()) from has in Gen.Elements(true, false)
        select (Condition)new TagCondition(tag, has),
        from channel in Gen.Elements(ConsentChannels.All.ToArray())
        from states in Gen.NonEmptyListOf(Gen.Elements(Enum.GetValues<ConsentState>()))
        select (Condition)new ConsentCondition(channel, [.. states]),
        Gen.Elements(ProfileField.Orders, ProfileField.Revenue, ProfileField.CartItems).SelectMany(f => NumberTest(Number).Select(t => (Condition)new ProfileCondition(f, t))),
        Gen.Elements(ProfileField.Email, ProfileField.Currency).SelectMany(f => TextTest(Text).Select(t => (Condition)new ProfileCondition(f, t))),
        Gen.Elements(ProfileField.LastOrderAt, ProfileField.CreatedAt).SelectMany(f => TimeTest.Select(t => (Condition)new ProfileCondition(f, t))),
        Gen.Elements(ScoreField.RfmR, ScoreField.PAlive, ScoreField.Clv, ScoreField.ExpectedOrderValue)
            .SelectMany(f => NumberTest(Number).Select(t => (Condition)new ScoreCondition(f, t))),
        TextTest(Text).Select(t => (Condition)new ScoreCondition(ScoreField.RfmSegment, t)),
        TextTest(Gen.Elements("low", "medium", "high").Select(r => (ConditionValue)new TextValue(r)))
            .Select(t => (Condition)new ScoreCondition(ScoreField.ChurnRisk, t)),
        Event,
        from step in Gen.Elements("first-email", "s_2", "a.b") from engagement in Gen.Elements(Enum.GetValues<Engagement>())
        select (Condition)new MessageCondition(new StepMessage(step), engagement),
        from channel in Gen.Elements(ConsentChannels.All.ToArray()) from within in Span from engagement in Gen.Elements(Enum.GetValues<Engagement>())
        select (Condition)new MessageCondition(new RecentMessages(channel, within), engagement));

    private static Gen<Condition> Event =>
        from name in Gen.Elements(EventNames)
        from window in Gen.OneOf(Gen.Constant(EventWindow.AllTime), Gen.Constant(EventWindow.FlowStart), Span.Select(s => (EventWindow)new WithinWindow(s)))
        from measure in Gen.OneOf(
            Gen.Constant((EventMeasure)EventCount.Occurred),
            Gen.Constant((EventMeasure)EventCount.NotOccurred),
            NumberTest(Count).Select(t => (EventMeasure)new EventCount(t)),
            from path in Gen.Elements(Paths) from test in NumberTest(Number) select (EventMeasure)new EventSum(path, test))
        from filter in Gen.OneOf(Gen.Constant((Condition?)null), Tree(Property, 2).Select(c => (Condition?)c))
        select (Condition)new EventCondition(name, window, measure, filter);

    private static Gen<Condition> Tree(Gen<Condition> leaf, int depth) => depth == 0 ? leaf : Gen.Frequency(
        (3, leaf),
        (1, Gen.NonEmptyListOf(Tree(leaf, depth - 1)).Select(items => (Condition)new AllCondition([.. items.Take(4)]))),
        (1, Gen.NonEmptyListOf(Tree(leaf, depth - 1)).Select(items => (Condition)new AnyCondition([.. items.Take(4)]))),
        (1, Tree(leaf, depth - 1).Select(c => (Condition)new NotCondition(c))));

    /// <summary>Conditions of the journey-event scope (every leaf), up to four levels of and/or/not.</summary>
    public static Arbitrary<Condition> Conditions => Arb.From(Tree(Leaf, 4));
}
