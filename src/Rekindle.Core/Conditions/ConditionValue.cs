using System.Collections.Immutable;

namespace Rekindle.Core.Conditions;

/// <summary>
/// The right-hand side of a comparison, as the document wrote it. Its type decides how the comparison is made
/// (<see cref="ValueTest"/>): a number compares numerically, a text exactly, a time as an instant.
/// </summary>
public abstract record ConditionValue;

/// <summary>A JSON string, compared exactly (ordinal, case-sensitive).</summary>
public sealed record TextValue(string Value) : ConditionValue;

/// <summary>A JSON number.</summary>
public sealed record NumberValue(decimal Value) : ConditionValue;

/// <summary>A JSON true or false.</summary>
public sealed record BoolValue(bool Value) : ConditionValue;

/// <summary>The values of an "in" (one of them must match).</summary>
public sealed record ListValue(ImmutableArray<ConditionValue> Items) : ConditionValue
{
    public bool Equals(ListValue? other) => other is not null && Items.AsSpan().SequenceEqual(other.Items.AsSpan());

    public override int GetHashCode() => ConditionHash.Of(Items);
}

/// <summary>A fixed instant, written as an ISO-8601 date ("2026-01-31", midnight UTC) or date and time.</summary>
public sealed record DateValue(DateTimeOffset At) : ConditionValue;

/// <summary>An instant relative to the moment of evaluation: "now", "-7d" (7 days ago), "+2w" (in 2 weeks).</summary>
public sealed record RelativeTimeValue(TimeSpan Offset) : ConditionValue;

/// <summary>The length of a window ("30d") for withinLast / withinNext.</summary>
public sealed record DurationValue(TimeSpan Duration) : ConditionValue;

/// <summary>The comparison operators of the JSON language ("op").</summary>
public enum ConditionOperator
{
    EqualTo,
    NotEqualTo,
    In,
    Contains,
    StartsWith,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    Exists,
    NotExists,
    Before,
    After,
    WithinLast,
    WithinNext,
}

/// <summary>An operator and its value (null for exists / notExists): the "op" and "value" of a leaf.</summary>
public sealed record ValueTest(ConditionOperator Op, ConditionValue? Value = null);
