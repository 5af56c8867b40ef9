using System.Collections.Immutable;
using System.Text.Json;

namespace Rekindle.Core.Conditions;

/// <summary>
/// A yes/no question about a contact (and, where the scope allows, about the event being matched): one node of the
/// condition language shared by flow splits, trigger filters, waitForEvent, goals and segments (docs/flows.md,
/// "Conditions"). Immutable records with structural equality, so <c>Parse(Serialize(c)) == c</c>.
/// </summary>
/// <remarks>
/// A new leaf is one file holding its record, its JSON reading (<c>Read</c>) and writing (<see cref="Write"/>) — trait
/// and property leaves share PathCondition.cs — plus one line or case in each of the language's visitors: the kinds
/// table of <see cref="ConditionReader"/> (its key, allowed keys and reader), <see cref="ConditionScope"/>'s
/// <see cref="ConditionLeaves"/>, <see cref="ConditionEvaluator"/>, <see cref="ConditionNeeds"/> and, when it exists,
/// the SQL compiler. Nothing else switches on the node type.
/// </remarks>
public abstract record Condition
{
    /// <summary>Writes the node's JSON form (an object), the one <see cref="ConditionParser"/> reads back.</summary>
    internal abstract void Write(Utf8JsonWriter w);
}

/// <summary>True when every condition is (and an empty list is refused by the parser).</summary>
public sealed record AllCondition(ImmutableArray<Condition> Conditions) : Condition
{
    public bool Equals(AllCondition? other) => other is not null && Conditions.AsSpan().SequenceEqual(other.Conditions.AsSpan());

    public override int GetHashCode() => ConditionHash.Of(Conditions);

    internal override void Write(Utf8JsonWriter w) => ConditionHash.WriteList(w, "all", Conditions);
}

/// <summary>True when at least one condition is.</summary>
public sealed record AnyCondition(ImmutableArray<Condition> Conditions) : Condition
{
    public bool Equals(AnyCondition? other) => other is not null && Conditions.AsSpan().SequenceEqual(other.Conditions.AsSpan());

    public override int GetHashCode() => ConditionHash.Of(Conditions);

    internal override void Write(Utf8JsonWriter w) => ConditionHash.WriteList(w, "any", Conditions);
}

/// <summary>True when <paramref name="Condition"/> is false.</summary>
public sealed record NotCondition(Condition Condition) : Condition
{
    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WritePropertyName("not");
        Condition.Write(w);
        w.WriteEndObject();
    }
}

/// <summary>Equality and JSON helpers for the nodes that hold lists (records compare arrays by reference otherwise).</summary>
internal static class ConditionHash
{
    public static int Of<T>(ImmutableArray<T> items)
    {
        var hash = new HashCode();
        foreach (T item in items.AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public static void WriteList(Utf8JsonWriter w, string name, ImmutableArray<Condition> conditions)
    {
        w.WriteStartObject();
        w.WriteStartArray(name);
        foreach (Condition c in conditions)
        {
            c.Write(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
