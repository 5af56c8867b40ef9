using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>The parsed condition, or null when there is at least one error; every error found.</summary>
public sealed record ConditionParseResult(Condition? Condition, IReadOnlyList<FlowError> Errors)
{
    public bool Succeeded => Condition is not null;
}

/// <summary>
/// Reads and validates the JSON condition language (docs/flows.md, "Conditions"). Every problem is reported with the
/// JSON path of the offending value, so an editor can show them all at once; unknown keys, operators and fields are
/// errors that list what is allowed. A condition object has exactly one kind key ("all", "trait", "event", …).
/// </summary>
public static class ConditionParser
{
    /// <summary>Deeper nesting than a person writes; the bound keeps evaluation and SQL compilation shallow.</summary>
    public const int MaxDepth = 12;

    /// <summary>More conditions in one all/any than a person writes.</summary>
    public const int MaxChildren = 100;

    /// <summary>
    /// Reads the condition at <paramref name="path"/> (e.g. "steps[2].condition"), adding every problem to
    /// <paramref name="errors"/>; null when there was at least one.
    /// </summary>
    public static Condition? Read(JsonElement value, string path, List<FlowError> errors, ConditionScope scope)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(scope);
        int before = errors.Count;
        Condition? condition = new ConditionReader(errors, scope).Read(value, path, 0);
        return errors.Count == before ? condition : null;
    }

    /// <summary>Reads a whole JSON document holding one condition (paths start at the root, "").</summary>
    public static ConditionParseResult Parse(string json, ConditionScope scope)
    {
        var (condition, errors) = JsonObjectReader.ReadDocument(json, (root, errs) => Read(root, "", errs, scope));
        return new(condition, errors);
    }
}

/// <summary>The parser's state while it descends one condition: where the errors go, and the scope.</summary>
internal sealed class ConditionReader(List<FlowError> errors, ConditionScope scope)
{
    /// <summary>
    /// The kind keys of a condition object, the keys an object of that kind may hold, and their readers. A new leaf adds
    /// its line here.
    /// </summary>
    private static readonly (string Key, ConditionLeaves Leaf, string[] Keys, Func<JsonObjectReader, ConditionReader, int, Condition?> Read)[] Kinds =
    [
        ("all", ConditionLeaves.None, ["all"], (r, c, depth) => c.ReadList(r, "all", depth, list => new AllCondition(list))),
        ("any", ConditionLeaves.None, ["any"], (r, c, depth) => c.ReadList(r, "any", depth, list => new AnyCondition(list))),
        ("not", ConditionLeaves.None, ["not"], (r, c, depth) => c.Read(r.Get("not"), r.PathOf("not"), depth + 1) is { } inner ? new NotCondition(inner) : null),
        (TraitCondition.KeyName, ConditionLeaves.Trait, [TraitCondition.KeyName, "op", "value"], (r, c, _) => TraitCondition.Read(r, c)),
        (ProfileCondition.Key, ConditionLeaves.Profile, [ProfileCondition.Key, "op", "value"], (r, c, _) => ProfileCondition.Read(r, c)),
        (PropertyCondition.KeyName, ConditionLeaves.Property, [PropertyCondition.KeyName, "op", "value"], (r, c, _) => PropertyCondition.Read(r, c)),
        (TagCondition.Key, ConditionLeaves.Tag, [TagCondition.Key, "has"], (r, c, _) => TagCondition.Read(r)),
        (ConsentCondition.Key, ConditionLeaves.Consent, [ConsentCondition.Key, "state"], (r, c, _) => ConsentCondition.Read(r, c)),
        (ScoreCondition.RfmKey, ConditionLeaves.Score, [ScoreCondition.RfmKey, "op", "value"], (r, c, _) => ScoreCondition.Read(r, c, ScoreCondition.RfmKey)),
        (ScoreCondition.ChurnKey, ConditionLeaves.Score, [ScoreCondition.ChurnKey, "op", "value"], (r, c, _) => ScoreCondition.Read(r, c, ScoreCondition.ChurnKey)),
        (ScoreCondition.ClvKey, ConditionLeaves.Score, [ScoreCondition.ClvKey, "op", "value"], (r, c, _) => ScoreCondition.Read(r, c, ScoreCondition.ClvKey)),
        (EventCondition.Key, ConditionLeaves.Event, EventCondition.Keys, (r, c, depth) => EventCondition.Read(r, c, depth)),
        (EventCondition.LegacyKey, ConditionLeaves.Event, [EventCondition.LegacyKey, EventCondition.Key, "since"], (r, c, _) => EventCondition.ReadLegacy(r, c)),
        (MessageCondition.Key, ConditionLeaves.Message, [MessageCondition.Key, "is"], (r, c, _) => MessageCondition.Read(r, c)),
    ];

    private static readonly string KindList = string.Join(", ", Kinds.Select(k => k.Key == EventCondition.LegacyKey ? "(legacy) type" : k.Key));

    public List<FlowError> Errors => errors;

    public ConditionScope Scope => scope;

    public Condition? Read(JsonElement value, string path, int depth)
    {
        if (depth > ConditionParser.MaxDepth)
        {
            errors.Add(new(path, $"nests deeper than {ConditionParser.MaxDepth} levels"));
            return null;
        }

        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(new(path, "is required"));
            return null;
        }

        JsonObjectReader? r = JsonObjectReader.Open(value, path, errors);
        if (r is null)
        {
            return null;
        }

        var present = Kinds.Where(k => value.TryGetProperty(k.Key, out _)).ToList();
        if (present.Exists(k => k.Key == EventCondition.LegacyKey))
        {
            // The legacy form {"type": "eventOccurred", "event": …} has an "event" key too: "type" decides.
            present.RemoveAll(k => k.Key == EventCondition.Key);
        }

        if (present.Count == 0)
        {
            errors.Add(new(path, $"must have one of the keys: {KindList}"));
            return null;
        }

        if (present.Count > 1)
        {
            errors.Add(new(path, $"has both '{present[0].Key}' and '{present[1].Key}'; a condition has exactly one of: {KindList}"));
            return null;
        }

        var kind = present[0];
        if (kind.Leaf != ConditionLeaves.None && !scope.Allows(kind.Leaf))
        {
            string allowed = string.Join(", ", Kinds
                .Where(k => k.Key != EventCondition.LegacyKey && (k.Leaf == ConditionLeaves.None || scope.Allows(k.Leaf)))
                .Select(k => k.Key));
            r.Error(kind.Key, $"a '{kind.Key}' condition is not allowed in {scope.Name}; allowed here: {allowed}");
            return null;
        }

        Condition? condition = kind.Read(r, this, depth);
        RejectUnknown(value, path, kind.Keys);
        return condition;
    }

    /// <summary>Reports each property of the object <paramref name="value"/> that is not one of <paramref name="keys"/>, listing them.</summary>
    public void RejectUnknown(JsonElement value, string path, IReadOnlyList<string> keys)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in value.EnumerateObject())
        {
            if (!keys.Contains(p.Name) && reported.Add(p.Name))
            {
                errors.Add(new(JsonObjectReader.Join(path, p.Name), $"unknown property; expected {FlowJsonNames.OneOf(keys)}"));
            }
        }
    }

    /// <summary>A reference to the running journey is allowed only in a journey scope; false (with the error) otherwise.</summary>
    public bool RequireJourney(JsonObjectReader r, string name, string what)
    {
        if (scope.InJourney)
        {
            return true;
        }

        r.Error(name, $"{what} is only for conditions inside a flow, not in {scope.Name}");
        return false;
    }

    /// <summary>A reader of the same errors for another scope (an event's "where" is an event filter).</summary>
    public ConditionReader In(ConditionScope other) => new(errors, other);

    private Condition? ReadList(JsonObjectReader r, string key, int depth, Func<ImmutableArray<Condition>, Condition> create)
    {
        JsonElement value = r.Get(key);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > ConditionParser.MaxChildren)
        {
            r.Error(key, $"must be a list of 1 to {ConditionParser.MaxChildren} conditions");
            return null;
        }

        var items = ImmutableArray.CreateBuilder<Condition>();
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (Read(item, $"{r.PathOf(key)}[{i++}]", depth + 1) is { } condition)
            {
                items.Add(condition);
            }
        }

        return items.Count == value.GetArrayLength() ? create(items.ToImmutable()) : null;
    }
}
