using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>The batch jobs' scores a condition can compare (<see cref="ContactScores"/>).</summary>
public enum ScoreField
{
    RfmSegment,
    RfmR,
    RfmF,
    RfmM,
    ChurnRisk,
    PurchaseProbability,
    PAlive,
    Clv,
    ExpectedOrderValue,
}

/// <summary>
/// A score of the contact compared with a value. Three JSON keys name the three families:
/// <c>{"rfm": "segment", "op": "in", "value": ["Champions", "Loyal"]}</c>, <c>{"rfm": "r", "op": "gte", "value": 4}</c>,
/// <c>{"churn": "risk", "op": "equals", "value": "high"}</c>, <c>{"churn": "purchaseProbability", "op": "lt", "value": 0.2}</c>,
/// <c>{"clv": "predicted", "op": "gte", "value": 500}</c>. A contact without the score matches nothing but
/// notExists (a contact never scored is not "high risk").
/// </summary>
public sealed record ScoreCondition(ScoreField Field, ValueTest Test) : Condition
{
    internal const string RfmKey = "rfm";
    internal const string ChurnKey = "churn";
    internal const string ClvKey = "clv";

    /// <summary>The churn risk levels, as the scores store and the "Churn Risk Changed" event name them.</summary>
    public static readonly IReadOnlyList<string> RiskLevels = ["low", "medium", "high"];

    private static readonly (ScoreField Field, string Key, string Name, ValueRules Rules)[] Fields =
    [
        (ScoreField.RfmSegment, RfmKey, "segment", ValueRules.Text),
        (ScoreField.RfmR, RfmKey, "r", ValueRules.Number),
        (ScoreField.RfmF, RfmKey, "f", ValueRules.Number),
        (ScoreField.RfmM, RfmKey, "m", ValueRules.Number),
        (ScoreField.ChurnRisk, ChurnKey, "risk", new ValueRules(ValueDomain.Text, RiskLevels)),
        (ScoreField.PurchaseProbability, ChurnKey, "purchaseProbability", ValueRules.Number),
        (ScoreField.PAlive, ChurnKey, "pAlive", ValueRules.Number),
        (ScoreField.Clv, ClvKey, "predicted", ValueRules.Number),
        (ScoreField.ExpectedOrderValue, ClvKey, "expectedOrderValue", ValueRules.Number),
    ];

    internal static ScoreCondition? Read(JsonObjectReader r, ConditionReader c, string key)
    {
        var family = Fields.Where(f => f.Key == key).ToArray();
        (int index, ValueTest? test) = ValueTestJson.ReadField(r, key, key + " score", [.. family.Select(f => (f.Name, f.Rules))], c.Errors);
        return index < 0 || test is null ? null : new ScoreCondition(family[index].Field, test);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        var field = Array.Find(Fields, f => f.Field == Field);
        w.WriteStartObject();
        w.WriteString(field.Key, field.Name);
        ValueTestJson.Write(w, Test);
        w.WriteEndObject();
    }

    /// <summary>The score's value, as a JSON value the comparisons read; Undefined when the contact has none.</summary>
    internal static JsonElement ValueOf(ScoreField field, ContactScores? scores) => scores is null ? default : field switch
    {
        ScoreField.RfmSegment => ConditionJson.Of(scores.RfmSegment),
        ScoreField.RfmR => ConditionJson.Of(scores.R),
        ScoreField.RfmF => ConditionJson.Of(scores.F),
        ScoreField.RfmM => ConditionJson.Of(scores.M),
        ScoreField.ChurnRisk => ConditionJson.Of(scores.ChurnRisk),
        ScoreField.PurchaseProbability => ConditionJson.Of(scores.PurchaseProbability),
        ScoreField.PAlive => ConditionJson.Of(scores.PAlive),
        ScoreField.Clv => ConditionJson.Of(scores.Clv),
        ScoreField.ExpectedOrderValue => ConditionJson.Of(scores.ExpectedOrderValue),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
