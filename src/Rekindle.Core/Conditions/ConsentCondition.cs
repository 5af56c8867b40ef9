using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>
/// The contact's consent state on a channel is one of <paramref name="States"/>:
/// <c>{"consent": "email", "state": "subscribed"}</c>, <c>{"consent": "sms", "state": ["subscribed", "unknown"]}</c>.
/// A channel with nothing recorded is "unknown" (<see cref="ConsentPolicy.StateOf"/>).
/// </summary>
public sealed record ConsentCondition(string Channel, ImmutableArray<ConsentState> States) : Condition
{
    internal const string Key = "consent";

    private static readonly string[] StateNames = [.. Enum.GetValues<ConsentState>().Select(ConsentPolicy.StateName)];

    public bool Equals(ConsentCondition? other) =>
        other is not null && Channel == other.Channel && States.AsSpan().SequenceEqual(other.States.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Channel, ConditionHash.Of(States));

    internal static ConsentCondition? Read(JsonObjectReader r, ConditionReader c)
    {
        string? channel = r.RequiredString(Key);
        if (channel is not null && !ConsentChannels.All.Contains(channel))
        {
            r.Error(Key, $"must be {FlowJsonNames.OneOf(ConsentChannels.All)}");
            channel = null;
        }

        JsonElement value = r.Get("state");
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        var states = ImmutableArray.CreateBuilder<ConsentState>();
        bool valid = value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null) && items.Count > 0;
        for (int i = 0; valid && i < items.Count; i++)
        {
            string? name = items[i].ValueKind == JsonValueKind.String ? items[i].GetString() : null;
            int index = Array.IndexOf(StateNames, name);
            if (index < 0)
            {
                string path = value.ValueKind == JsonValueKind.Array ? $"{r.PathOf("state")}[{i}]" : r.PathOf("state");
                c.Errors.Add(new(path, $"must be {FlowJsonNames.OneOf(StateNames)}"));
                return null;
            }

            states.Add(Enum.GetValues<ConsentState>()[index]);
        }

        if (!valid)
        {
            r.Error("state", $"is required: a consent state or a non-empty list of them ({string.Join(", ", StateNames)})");
            return null;
        }

        return channel is null ? null : new ConsentCondition(channel, states.ToImmutable());
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key, Channel);
        if (States.Length == 1)
        {
            w.WriteString("state", ConsentPolicy.StateName(States[0]));
        }
        else
        {
            w.WriteStartArray("state");
            foreach (ConsentState state in States)
            {
                w.WriteStringValue(ConsentPolicy.StateName(state));
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
