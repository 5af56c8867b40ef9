using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>
/// A property of the event being matched (a trigger's event, the event a waitForEvent awaits, an event counted by an
/// event condition's "where"), by name or dotted path: <c>{"property": "total", "op": "gte", "value": 50}</c>.
/// </summary>
public sealed record PropertyCondition(string Path, ValueTest Test) : Condition
{
    internal const string Key = "property";

    internal static PropertyCondition? Read(JsonObjectReader r, ConditionReader c)
    {
        string? path = ValuePath.Read(r, Key);
        ValueTest? test = ValueTestJson.Read(r, ValueRules.Any, c.Errors);
        return path is null || test is null ? null : new PropertyCondition(path, test);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key, Path);
        ValueTestJson.Write(w, Test);
        w.WriteEndObject();
    }
}
