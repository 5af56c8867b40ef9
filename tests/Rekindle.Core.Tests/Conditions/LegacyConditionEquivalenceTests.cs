using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using static Rekindle.Core.Tests.Conditions.ConditionTestKit;

namespace Rekindle.Core.Tests.Conditions;

/// <summary>
/// Today's flow conditions ({"type": "eventOccurred" | "eventNotOccurred", "since": "flowStart"}) read by the condition
/// language answer exactly as the flow evaluator before the language did, over generated profiles and flow starts: the
/// event's last occurrence (the profile keeps only that) at or after the flow's start.
/// </summary>
public class LegacyConditionEquivalenceTests
{
    private static readonly string[] Names = ["Order Completed", "Product Added", "Checkout Started"];

    /// <summary>A case: the legacy condition, the instance's start and the profile's last occurrences around it (at it included).</summary>
    private sealed record Case(bool Occurred, string Event, DateTimeOffset StartedAt, ImmutableArray<(string Name, int Offset)> Last, int NowAfter);

    private static readonly Gen<Case> Cases =
        from occurred in Gen.Elements(true, false)
        from name in Gen.Elements(Names)
        from start in Gen.Choose(0, 1000).Select(s => Now.AddMinutes(-s))
        from last in Gen.ListOf(Gen.Zip(Gen.Elements(Names), Gen.OneOf(Gen.Constant(0), Gen.Choose(-3, 3), Gen.Choose(-100000, 100000))))
        from nowAfter in Gen.Choose(0, 100000)
        select new Case(occurred, name, start, [.. last.Select(t => (t.Item1, t.Item2))], nowAfter);

    [Fact]
    public void Legacy_AnswersAsTheFlowEvaluator_OverGeneratedInputs()
    {
        Property property = Prop.ForAll(Arb.From(Cases), c =>
        {
            string type = c.Occurred ? "eventOccurred" : "eventNotOccurred";
            Condition parsed = Parse($$"""{"type":"{{type}}","event":"{{c.Event}}","since":"flowStart"}""", ConditionScope.Journey);
            var lastAt = ImmutableSortedDictionary.CreateBuilder<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach ((string name, int offset) in c.Last)
            {
                lastAt[name] = c.StartedAt.AddSeconds(offset);
            }

            ContactProfile profile = Profile() with { LastEventAt = lastAt.ToImmutable() };
            var context = new ConditionContext(profile, c.StartedAt.AddSeconds(c.NowAfter), Journey: new JourneyInfo("f", "i-1", c.StartedAt),
                History: ContactHistory.Empty);

            // Before the condition language: occurred = the profile's last occurrence is at or after the start.
            bool occurredSince = profile.LastEventAt.TryGetValue(c.Event, out DateTimeOffset last) && last >= c.StartedAt;
            return (c.Occurred == occurredSince) == ConditionEvaluator.IsTrue(parsed, context);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }
}
