using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>
/// A trait of the profile (identify traits), by name or dotted path into a nested object:
/// <c>{"trait": "address.city", "op": "equals", "value": "Berlin"}</c>.
/// </summary>
public sealed record TraitCondition(string Path, ValueTest Test) : Condition
{
    internal const string Key = "trait";

    internal static TraitCondition? Read(JsonObjectReader r, ConditionReader c)
    {
        string? path = ValuePath.Read(r, Key);
        ValueTest? test = ValueTestJson.Read(r, ValueRules.Any, c.Errors);
        return path is null || test is null ? null : new TraitCondition(path, test);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key, Path);
        ValueTestJson.Write(w, Test);
        w.WriteEndObject();
    }
}
