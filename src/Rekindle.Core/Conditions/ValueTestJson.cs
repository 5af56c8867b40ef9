using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>What a leaf compares: anything (traits, event properties), or a value of a known type (profile fields, scores).</summary>
internal enum ValueDomain
{
    Any,
    Text,
    Number,
    Time,
}

/// <summary>How a leaf's "op" and "value" are checked.</summary>
/// <param name="Choices">For a text domain with a closed set of values (churn risk): the values allowed.</param>
/// <param name="WholeNonNegative">Numbers must be whole and at least zero (counts).</param>
internal sealed record ValueRules(ValueDomain Domain, IReadOnlyList<string>? Choices = null, bool WholeNonNegative = false)
{
    public static ValueRules Any { get; } = new(ValueDomain.Any);

    public static ValueRules Text { get; } = new(ValueDomain.Text);

    public static ValueRules Number { get; } = new(ValueDomain.Number);

    public static ValueRules Time { get; } = new(ValueDomain.Time);

    public static ValueRules Count { get; } = new(ValueDomain.Number, WholeNonNegative: true);
}

/// <summary>Reads and writes a leaf's "op" and "value" (<see cref="ValueTest"/>).</summary>
internal static class ValueTestJson
{
    /// <summary>More values than an "in" needs; the bound keeps evaluation and SQL small.</summary>
    public const int MaxListValues = 500;

    public static readonly (string Name, ConditionOperator Op)[] Operators =
    [
        ("equals", ConditionOperator.EqualTo), ("notEquals", ConditionOperator.NotEqualTo), ("in", ConditionOperator.In),
        ("contains", ConditionOperator.Contains), ("startsWith", ConditionOperator.StartsWith),
        ("gt", ConditionOperator.GreaterThan), ("gte", ConditionOperator.GreaterOrEqual),
        ("lt", ConditionOperator.LessThan), ("lte", ConditionOperator.LessOrEqual),
        ("exists", ConditionOperator.Exists), ("notExists", ConditionOperator.NotExists),
        ("before", ConditionOperator.Before), ("after", ConditionOperator.After),
        ("withinLast", ConditionOperator.WithinLast), ("withinNext", ConditionOperator.WithinNext),
    ];

    public static string Name(ConditionOperator op) => Array.Find(Operators, o => o.Op == op).Name
        ?? throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator.");

    private static bool Applies(ConditionOperator op, ValueDomain domain) => domain switch
    {
        ValueDomain.Text => op is ConditionOperator.EqualTo or ConditionOperator.NotEqualTo or ConditionOperator.In
            or ConditionOperator.Contains or ConditionOperator.StartsWith or ConditionOperator.Exists or ConditionOperator.NotExists,
        ValueDomain.Number => op is ConditionOperator.EqualTo or ConditionOperator.NotEqualTo or ConditionOperator.In
            or ConditionOperator.GreaterThan or ConditionOperator.GreaterOrEqual or ConditionOperator.LessThan
            or ConditionOperator.LessOrEqual or ConditionOperator.Exists or ConditionOperator.NotExists,
        ValueDomain.Time => op is ConditionOperator.GreaterThan or ConditionOperator.GreaterOrEqual or ConditionOperator.LessThan
            or ConditionOperator.LessOrEqual or ConditionOperator.Before or ConditionOperator.After or ConditionOperator.WithinLast
            or ConditionOperator.WithinNext or ConditionOperator.Exists or ConditionOperator.NotExists,
        _ => true,
    };

    /// <summary>Reads "op" and "value" of the object <paramref name="r"/>; null (with errors) when either is wrong.</summary>
    public static ValueTest? Read(JsonObjectReader r, ValueRules rules, List<FlowError> errors)
    {
        string? name = r.RequiredString("op");
        JsonElement value = r.Get("value");
        if (name is null)
        {
            return null;
        }

        string[] allowed = [.. Operators.Where(o => Applies(o.Op, rules.Domain)).Select(o => o.Name)];
        (string Name, ConditionOperator Op) known = Array.Find(Operators, o => o.Name == name);
        if (known.Name is null || !allowed.Contains(name))
        {
            string what = known.Name is null ? $"unknown operator '{name}'" : $"operator '{name}' does not apply to {DomainName(rules.Domain)}";
            r.Error("op", $"{what}; expected {FlowJsonNames.OneOf(allowed)}");
            return null;
        }

        ConditionOperator op = known.Op;
        string path = r.PathOf("value");
        bool absent = value.ValueKind == JsonValueKind.Undefined;
        if (op is ConditionOperator.Exists or ConditionOperator.NotExists)
        {
            if (!absent)
            {
                r.Error("value", $"must be left out: '{name}' takes no value");
                return null;
            }

            return new ValueTest(op);
        }

        if (absent || value.ValueKind == JsonValueKind.Null)
        {
            r.Error("value", $"is required for '{name}'");
            return null;
        }

        var reader = new ValueReader(errors, rules, name);
        ConditionValue? read = op switch
        {
            ConditionOperator.In => reader.List(value, path),
            ConditionOperator.StartsWith => reader.NonEmptyText(value, path),
            ConditionOperator.Contains when rules.Domain == ValueDomain.Any => reader.Scalar(value, path, nonEmptyText: true),
            ConditionOperator.Contains => reader.NonEmptyText(value, path),
            ConditionOperator.EqualTo or ConditionOperator.NotEqualTo => reader.Scalar(value, path, nonEmptyText: false),
            ConditionOperator.Before or ConditionOperator.After => reader.Relative(value, path),
            ConditionOperator.WithinLast or ConditionOperator.WithinNext => reader.Duration(value, path),
            _ => reader.Ordered(value, path),
        };
        return read is null ? null : new ValueTest(op, read);
    }

    /// <summary>
    /// Reads a leaf naming one of a closed set of typed fields (profile fields, scores) under <paramref name="key"/>, and its
    /// test checked against that field's rules: the field's index (-1 when unknown) and the test (null when wrong).
    /// </summary>
    public static (int Index, ValueTest? Test) ReadField(
        JsonObjectReader r, string key, string what, IReadOnlyList<(string Name, ValueRules Rules)> fields, List<FlowError> errors)
    {
        string? name = r.RequiredString(key);
        int index = -1;
        for (int i = 0; i < fields.Count && name is not null; i++)
        {
            index = fields[i].Name == name ? i : index;
        }

        if (name is not null && index < 0)
        {
            r.Error(key, $"unknown {what} '{name}'; expected {FlowJsonNames.OneOf(fields.Select(f => f.Name))}");
        }

        // The test is read even without a known field, so that its own problems are reported too.
        ValueTest? test = Read(r, index < 0 ? ValueRules.Any : fields[index].Rules, errors);
        return (index, test);
    }

    private static string DomainName(ValueDomain domain) => domain switch
    {
        ValueDomain.Text => "a text field",
        ValueDomain.Number => "a number field",
        ValueDomain.Time => "a date field",
        _ => "this field",
    };

    public static void Write(Utf8JsonWriter w, ValueTest test)
    {
        w.WriteString("op", Name(test.Op));
        if (test.Value is { } value)
        {
            w.WritePropertyName("value");
            WriteValue(w, value);
        }
    }

    private static void WriteValue(Utf8JsonWriter w, ConditionValue value)
    {
        switch (value)
        {
            case TextValue t:
                w.WriteStringValue(t.Value);
                break;
            case NumberValue n:
                w.WriteNumberValue(n.Value);
                break;
            case BoolValue b:
                w.WriteBooleanValue(b.Value);
                break;
            case ListValue l:
                w.WriteStartArray();
                foreach (ConditionValue item in l.Items)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            case DateValue d:
                w.WriteStringValue(ConditionTime.FormatIso(d.At));
                break;
            case RelativeTimeValue rel:
                w.WriteStringValue(ConditionTime.FormatRelative(rel.Offset));
                break;
            case DurationValue span:
                w.WriteStringValue(FlowDuration.Format(span.Duration));
                break;
            default:
                throw new NotSupportedException($"Value {value.GetType().Name} has no JSON form.");
        }
    }
}
