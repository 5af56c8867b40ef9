using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>Reads the value of one operator, reporting at the value's own path (an "in" list's item: "value[2]").</summary>
internal sealed class ValueReader(List<FlowError> errors, ValueRules rules, string op)
{
    public ConditionValue? List(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > ValueTestJson.MaxListValues)
        {
            errors.Add(new(path, $"must be a list of 1 to {ValueTestJson.MaxListValues} values for 'in'"));
            return null;
        }

        var items = ImmutableArray.CreateBuilder<ConditionValue>();
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (Scalar(item, $"{path}[{i++}]", nonEmptyText: false) is { } read)
            {
                items.Add(read);
            }
        }

        return items.Count == value.GetArrayLength() ? new ListValue(items.ToImmutable()) : null;
    }

    public ConditionValue? Scalar(JsonElement value, string path, bool nonEmptyText)
    {
        switch (rules.Domain, value.ValueKind)
        {
            case (ValueDomain.Any or ValueDomain.Text, JsonValueKind.String):
                return Text(value.GetString()!, path, nonEmptyText);
            case (ValueDomain.Any or ValueDomain.Number, JsonValueKind.Number):
                return Number(value, path);
            case (ValueDomain.Any, JsonValueKind.True or JsonValueKind.False):
                return new BoolValue(value.GetBoolean());
            default:
                errors.Add(new(path, rules.Domain switch
                {
                    ValueDomain.Text => "must be a string",
                    ValueDomain.Number => rules.WholeNonNegative ? "must be a whole number of at least 0" : "must be a number",
                    _ => "must be a string, a number or true/false",
                }));
                return null;
        }
    }

    public ConditionValue? NonEmptyText(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(path, $"must be a string for '{op}'"));
            return null;
        }

        return Text(value.GetString()!, path, nonEmpty: true);
    }

    public ConditionValue? Ordered(JsonElement value, string path)
    {
        if (rules.Domain is ValueDomain.Any or ValueDomain.Number && value.ValueKind == JsonValueKind.Number)
        {
            return Number(value, path);
        }

        if (rules.Domain is ValueDomain.Any or ValueDomain.Time && value.ValueKind == JsonValueKind.String
            && ConditionTime.TryParseIso(value.GetString(), out DateTimeOffset at))
        {
            return new DateValue(at);
        }

        errors.Add(new(path, rules.Domain switch
        {
            ValueDomain.Number => rules.WholeNonNegative ? "must be a whole number of at least 0" : "must be a number",
            ValueDomain.Time => "must be " + ConditionTime.IsoProblem,
            _ => "must be a number or " + ConditionTime.IsoProblem,
        }));
        return null;
    }

    public ConditionValue? Relative(JsonElement value, string path)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (ConditionTime.TryParseRelative(text, out TimeSpan offset))
        {
            return new RelativeTimeValue(offset);
        }

        if (ConditionTime.TryParseIso(text, out DateTimeOffset at))
        {
            return new DateValue(at);
        }

        errors.Add(new(path, ConditionTime.RelativeProblem));
        return null;
    }

    public ConditionValue? Duration(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String && ConditionTime.TryParseDuration(value.GetString(), out TimeSpan span))
        {
            return new DurationValue(span);
        }

        errors.Add(new(path, ConditionTime.DurationProblem));
        return null;
    }

    private ConditionValue? Number(JsonElement value, string path)
    {
        if (!value.TryGetDecimal(out decimal number))
        {
            errors.Add(new(path, "is not a number Rekindle can compare (too large or too precise)"));
            return null;
        }

        if (rules.WholeNonNegative && (number < 0 || number != decimal.Truncate(number)))
        {
            errors.Add(new(path, "must be a whole number of at least 0"));
            return null;
        }

        return new NumberValue(number);
    }

    private ConditionValue? Text(string text, string path, bool nonEmpty)
    {
        if (nonEmpty && text.Length == 0)
        {
            errors.Add(new(path, $"must not be empty for '{op}'"));
            return null;
        }

        if (rules.Choices is { } choices && !choices.Contains(text, StringComparer.Ordinal))
        {
            errors.Add(new(path, $"must be {FlowJsonNames.OneOf(choices)}"));
            return null;
        }

        return new TextValue(text);
    }
}
