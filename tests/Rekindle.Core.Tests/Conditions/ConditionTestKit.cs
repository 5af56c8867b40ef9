using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Tests.Conditions;

/// <summary>Shared inputs of the condition tests: a fixed "now", profiles and one-line parse/evaluate helpers.</summary>
internal static class ConditionTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static ContactProfile Profile(string traitsJson = "{}") => new()
    {
        Id = "c-1",
        CreatedAt = Now.AddDays(-100),
        Traits = JsonDocument.Parse(traitsJson).RootElement.EnumerateObject()
            .ToImmutableSortedDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
    };

    /// <summary>Parses <paramref name="json"/> and asserts it had no error.</summary>
    public static Condition Parse(string json, ConditionScope? scope = null)
    {
        ConditionParseResult result = ConditionParser.Parse(json, scope ?? ConditionScope.JourneyEvent);
        Assert.Empty(result.Errors);
        return result.Condition!;
    }

    /// <summary>The errors of <paramref name="json"/>, as "path: problem" lines.</summary>
    public static string[] Errors(string json, ConditionScope? scope = null) =>
        [.. ConditionParser.Parse(json, scope ?? ConditionScope.JourneyEvent).Errors.Select(e => e.ToString())];

    public static bool Eval(string json, ContactProfile profile, ContactScores? scores = null, ContactHistory? history = null,
        JourneyInfo? journey = null, string? properties = null, DateTimeOffset? now = null) =>
        ConditionEvaluator.IsTrue(Parse(json), new ConditionContext(profile, now ?? Now, scores, history, journey, properties));

    /// <summary>A trait test on {"v": <paramref name="traitValue"/>}.</summary>
    public static bool Trait(string traitValue, string op, string? value = null) =>
        Eval($$"""{"trait":"v","op":"{{op}}"{{(value is null ? "" : ",\"value\":" + value)}}}""", Profile($$"""{"v":{{traitValue}}}"""));

    public static HistoryEvent Event(string name, DateTimeOffset at, string properties = "{}") => new(name, at, properties);
}
