using System.Text.Json;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Conditions;

/// <summary>
/// Whether a value (a trait, an event property, a profile field, a score) passes a <see cref="ValueTest"/>. The test's
/// value decides how: a number compares numerically (a numeric string such as "49.90" counts as its number), a text
/// exactly, a date as an instant (ISO-8601 strings, offsets honoured). A missing or null value passes only notExists,
/// and a value of another type passes nothing (notEquals included): SQL's NULL semantics, so both evaluators agree.
/// </summary>
internal static class ValueMatch
{
    public static bool Matches(ValueTest test, JsonElement actual, DateTimeOffset now)
    {
        bool missing = actual.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        if (test.Op == ConditionOperator.NotExists || missing)
        {
            return test.Op == ConditionOperator.NotExists && missing;
        }

        ConditionValue? value = test.Value;
        return test.Op switch
        {
            ConditionOperator.Exists => true,
            ConditionOperator.EqualTo => Equal(value!, actual),
            ConditionOperator.NotEqualTo => Comparable(value!, actual) && !Equal(value!, actual),
            ConditionOperator.In => ((ListValue)value!).Items.Any(item => Equal(item, actual)),
            ConditionOperator.Contains => Contains(value!, actual),
            ConditionOperator.StartsWith => actual.ValueKind == JsonValueKind.String
                && actual.GetString()!.StartsWith(((TextValue)value!).Value, StringComparison.Ordinal),
            ConditionOperator.GreaterThan => Order(value!, actual) > 0,
            ConditionOperator.GreaterOrEqual => Order(value!, actual) >= 0,
            ConditionOperator.LessThan => Order(value!, actual) < 0,
            ConditionOperator.LessOrEqual => Order(value!, actual) <= 0,
            ConditionOperator.Before => TimeOf(actual) < Bound(value!, now),
            ConditionOperator.After => TimeOf(actual) > Bound(value!, now),
            ConditionOperator.WithinLast => TimeOf(actual) is { } t && t >= now - Span(value!) && t <= now,
            ConditionOperator.WithinNext => TimeOf(actual) is { } t && t >= now && t <= now + Span(value!),
            _ => throw new NotSupportedException($"Operator {test.Op} is not supported."),
        };
    }

    private static bool Equal(ConditionValue value, JsonElement actual) => value switch
    {
        TextValue t => actual.ValueKind == JsonValueKind.String && actual.GetString() == t.Value,
        NumberValue n => JsonRead.Decimal(actual) == n.Value,
        BoolValue b => actual.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.GetBoolean() == b.Value,
        _ => false,
    };

    /// <summary>Whether the actual value is of the test value's type at all (a notEquals on another type is unknown, so false).</summary>
    private static bool Comparable(ConditionValue value, JsonElement actual) => value switch
    {
        TextValue => actual.ValueKind == JsonValueKind.String,
        NumberValue => JsonRead.Decimal(actual) is not null,
        BoolValue => actual.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => false,
    };

    private static bool Contains(ConditionValue value, JsonElement actual) => actual.ValueKind switch
    {
        JsonValueKind.String => value is TextValue t && actual.GetString()!.Contains(t.Value, StringComparison.Ordinal),
        JsonValueKind.Array => actual.EnumerateArray().Any(item => Equal(value, item)),
        _ => false,
    };

    /// <summary>The actual value against the test value: above zero when greater; null when they do not compare.</summary>
    private static int? Order(ConditionValue value, JsonElement actual) => value switch
    {
        NumberValue n => JsonRead.Decimal(actual) is { } d ? d.CompareTo(n.Value) : null,
        DateValue date => TimeOf(actual) is { } t ? t.CompareTo(date.At) : null,
        _ => null,
    };

    private static DateTimeOffset? TimeOf(JsonElement actual) =>
        actual.ValueKind == JsonValueKind.String && ConditionTime.TryParseIso(actual.GetString(), out DateTimeOffset at) ? at : null;

    private static DateTimeOffset Bound(ConditionValue value, DateTimeOffset now) => value switch
    {
        DateValue d => d.At,
        RelativeTimeValue r => now + r.Offset,
        _ => throw new NotSupportedException($"Value {value.GetType().Name} is no time."),
    };

    private static TimeSpan Span(ConditionValue value) => ((DurationValue)value).Duration;
}
