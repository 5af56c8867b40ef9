using System.Collections.Immutable;
using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>
/// What the flow is for ("Order Completed"): an instance that sees a matching event after it started ends at once,
/// wherever it waits, as converted — the reminder that was still to come is not sent.
/// </summary>
public sealed record FlowGoal(EventMatch Match)
{
    /// <summary>More goals than a flow has reasons to exist.</summary>
    public const int Max = 10;

    /// <summary>The flow's "goals" array; absent gives none; null when invalid (reported).</summary>
    internal static ImmutableArray<FlowGoal>? ReadAll(JsonObjectReader root, List<FlowError> errors)
    {
        JsonElement value = root.Get("goals");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > Max)
        {
            root.Error("goals", $"must be a list of at most {Max} goals ({{\"event\": \"Order Completed\"}})");
            return null;
        }

        int before = errors.Count;
        var goals = ImmutableArray.CreateBuilder<FlowGoal>();
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            JsonObjectReader? r = JsonObjectReader.Open(item, $"{root.PathOf("goals")}[{i++}]", errors);
            if (r is null)
            {
                continue;
            }

            EventMatch? match = EventMatch.Read(r, errors);
            if (match?.FromStep is not null)
            {
                r.Error("fromStep", "is for a wait for an event; a goal is about the contact, not one message");
            }

            r.RejectUnknown();
            if (match is not null)
            {
                goals.Add(new FlowGoal(match));
            }
        }

        return errors.Count == before ? goals.ToImmutable() : null;
    }
}
