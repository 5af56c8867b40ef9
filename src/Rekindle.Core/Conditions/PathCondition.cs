using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>A value found by a dotted path (<see cref="ValuePath"/>) compared by a test: the shape of trait and property leaves.</summary>
public abstract record PathCondition(string Path, ValueTest Test) : Condition
{
    private protected abstract string Key { get; }

    internal static T? Read<T>(JsonObjectReader r, ConditionReader c, string key, Func<string, ValueTest, T> create)
        where T : PathCondition
    {
        string? path = ValuePath.Read(r, key);
        ValueTest? test = ValueTestJson.Read(r, ValueRules.Any, c.Errors);
        return path is null || test is null ? null : create(path, test);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key, Path);
        ValueTestJson.Write(w, Test);
        w.WriteEndObject();
    }
}

/// <summary>
/// A trait of the profile (identify traits), by name or dotted path into a nested object:
/// <c>{"trait": "address.city", "op": "equals", "value": "Berlin"}</c>.
/// </summary>
public sealed record TraitCondition(string Path, ValueTest Test) : PathCondition(Path, Test)
{
    internal const string KeyName = "trait";

    private protected override string Key => KeyName;

    internal static TraitCondition? Read(JsonObjectReader r, ConditionReader c) => Read(r, c, KeyName, (p, t) => new TraitCondition(p, t));
}

/// <summary>
/// A property of the event being matched (a trigger's event, the event a waitForEvent awaits, an event counted by an
/// event condition's "where"), by name or dotted path: <c>{"property": "total", "op": "gte", "value": 50}</c>.
/// </summary>
public sealed record PropertyCondition(string Path, ValueTest Test) : PathCondition(Path, Test)
{
    internal const string KeyName = "property";

    private protected override string Key => KeyName;

    internal static PropertyCondition? Read(JsonObjectReader r, ConditionReader c) => Read(r, c, KeyName, (p, t) => new PropertyCondition(p, t));
}
