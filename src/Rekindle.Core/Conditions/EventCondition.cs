using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>The stretch of time an event condition looks at. Every window includes its start: "at the bound counts".</summary>
public abstract record EventWindow
{
    /// <summary>The contact's whole history.</summary>
    public static EventWindow AllTime { get; } = new AllTimeWindow();

    /// <summary>Since the running instance started (its trigger event's time): only inside a flow.</summary>
    public static EventWindow FlowStart { get; } = new SinceFlowStartWindow();
}

/// <summary>See <see cref="EventWindow.AllTime"/>.</summary>
public sealed record AllTimeWindow : EventWindow;

/// <summary>See <see cref="EventWindow.FlowStart"/>.</summary>
public sealed record SinceFlowStartWindow : EventWindow;

/// <summary>The last <paramref name="Duration"/>: events at or after now − duration ("within": "30d").</summary>
public sealed record WithinWindow(TimeSpan Duration) : EventWindow;

/// <summary>What is measured of the matching events.</summary>
public abstract record EventMeasure;

/// <summary>How many there are, compared by <paramref name="Test"/>.</summary>
public sealed record EventCount(ValueTest Test) : EventMeasure
{
    /// <summary>At least one ("occurred", the default).</summary>
    public static EventCount Occurred { get; } = new(new ValueTest(ConditionOperator.GreaterOrEqual, new NumberValue(1)));

    /// <summary>None ("occurred": false).</summary>
    public static EventCount NotOccurred { get; } = new(new ValueTest(ConditionOperator.EqualTo, new NumberValue(0)));
}

/// <summary>The sum of a numeric property over them (revenue), compared by <paramref name="Test"/>; 0 when there are none.</summary>
public sealed record EventSum(string Property, ValueTest Test) : EventMeasure;

/// <summary>
/// The contact's track events of one name, in a window, optionally filtered on their properties, counted or summed:
/// <c>{"event": "Order Completed", "within": "30d"}</c> (occurred), <c>{"event": "Order Completed", "since": "flowStart",
/// "occurred": false}</c>, <c>{"event": "Order Completed", "where": {"property": "total", "op": "gte", "value": 50},
/// "count": {"op": "gte", "value": 2}}</c>, <c>{"event": "Order Completed", "sum": "revenue", "op": "gte", "value": 100,
/// "within": "90d"}</c>. The legacy <c>{"type": "eventOccurred" | "eventNotOccurred", "event": …, "since": "flowStart"}</c>
/// reads to the same node.
/// </summary>
/// <param name="Where">A condition on each event's properties (property leaves only); null counts every event of the name.</param>
public sealed record EventCondition(string Event, EventWindow Window, EventMeasure Measure, Condition? Where = null) : Condition
{
    internal const string Key = "event";
    internal const string LegacyKey = "type";
    private const string LegacyOccurred = "eventOccurred";
    private const string LegacyNotOccurred = "eventNotOccurred";
    private const string FlowStartName = "flowStart";

    /// <summary>The keys an event leaf may hold.</summary>
    internal static readonly string[] Keys = [Key, "where", "within", "since", "occurred", "count", "sum", "op", "value"];

    /// <summary>
    /// True when the condition only asks whether an event of the name occurred in the window (no filter, count ≥ 1 or
    /// = 0): the profile's last occurrence answers that exactly, without history.
    /// </summary>
    public bool IsOccurrence(out bool occurred)
    {
        occurred = Measure == EventCount.Occurred;
        return Where is null && (occurred || Measure == EventCount.NotOccurred);
    }

    internal static EventCondition? Read(JsonObjectReader r, ConditionReader c, int depth)
    {
        string? name = r.RequiredString(Key);
        JsonElement whereValue = r.Get("where");
        Condition? where = null;
        bool whereValid = true;
        if (whereValue.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            where = c.In(ConditionScope.EventFilter).Read(whereValue, r.PathOf("where"), depth + 1);
            whereValid = where is not null;
        }

        EventWindow? window = ReadWindow(r, c);
        EventMeasure? measure = ReadMeasure(r, c);
        return name is null || !whereValid || window is null || measure is null ? null : new EventCondition(name, window, measure, where);
    }

    private static EventWindow? ReadWindow(JsonObjectReader r, ConditionReader c)
    {
        JsonElement within = r.Get("within");
        JsonElement since = r.Get("since");
        bool hasWithin = within.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        bool hasSince = since.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (hasWithin && hasSince)
        {
            r.Error("since", "give either \"within\" or \"since\", not both");
            return null;
        }

        if (hasWithin)
        {
            if (within.ValueKind == JsonValueKind.String && ConditionTime.TryParseDuration(within.GetString(), out TimeSpan span))
            {
                return new WithinWindow(span);
            }

            r.Error("within", ConditionTime.DurationProblem);
            return null;
        }

        return hasSince ? ReadSince(r, c) : EventWindow.AllTime;
    }

    private static EventWindow? ReadSince(JsonObjectReader r, ConditionReader c)
    {
        JsonElement since = r.Get("since");
        if (since.ValueKind != JsonValueKind.String || since.GetString() != FlowStartName)
        {
            r.Error("since", $"must be {FlowJsonNames.OneOf([FlowStartName])} (for the last N days, use \"within\": \"30d\")");
            return null;
        }

        return c.RequireJourney(r, "since", "\"since\": \"flowStart\"") ? EventWindow.FlowStart : null;
    }

    private static EventMeasure? ReadMeasure(JsonObjectReader r, ConditionReader c)
    {
        JsonElement occurred = r.Get("occurred");
        JsonElement count = r.Get("count");
        JsonElement sum = r.Get("sum");
        string[] given = [.. new[] { ("occurred", occurred), ("count", count), ("sum", sum) }
            .Where(m => m.Item2.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null)).Select(m => m.Item1)];
        if (given.Length > 1)
        {
            r.Error(given[1], $"give one of \"occurred\", \"count\" or \"sum\", not both \"{given[0]}\" and \"{given[1]}\"");
            return null;
        }

        if (given is ["sum"])
        {
            string? property = ValuePath.Read(r, "sum");
            ValueTest? test = ValueTestJson.Read(r, ValueRules.Number, c.Errors);
            return property is null || test is null ? null : new EventSum(property, test);
        }

        string[] strays = [.. ((string[])["op", "value"]).Where(key => r.Get(key).ValueKind != JsonValueKind.Undefined)];
        if (strays.Length > 0)
        {
            r.Error(strays[0], "belongs to \"sum\"; to compare how many events, write \"count\": {\"op\": \"gte\", \"value\": 2}");
            return null;
        }

        if (given is ["count"])
        {
            JsonObjectReader? countReader = JsonObjectReader.Open(count, r.PathOf("count"), c.Errors);
            ValueTest? test = countReader is null ? null : ValueTestJson.Read(countReader, ValueRules.Count, c.Errors);
            if (countReader is not null)
            {
                c.RejectUnknown(count, countReader.Path, ["op", "value"]);
            }

            return test is null ? null : new EventCount(test);
        }

        bool? yes = r.OptionalBool("occurred", true);
        return yes is null ? null : yes.Value ? EventCount.Occurred : EventCount.NotOccurred;
    }

    /// <summary>The flow language's first condition form, kept valid: <c>{"type": "eventNotOccurred", "event": …, "since": "flowStart"}</c>.</summary>
    internal static EventCondition? ReadLegacy(JsonObjectReader r, ConditionReader c)
    {
        string? type = r.RequiredString(LegacyKey);
        if (type is not null and not (LegacyOccurred or LegacyNotOccurred))
        {
            // Which fields an unknown type has is unknown too: report the type alone.
            r.Get(Key);
            r.Get("since");
            r.Error(LegacyKey, $"unknown condition type '{type}'; expected {FlowJsonNames.OneOf([LegacyOccurred, LegacyNotOccurred])}");
            return null;
        }

        string? name = r.RequiredString(Key);
        EventWindow? window = r.Get("since").ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            ? null
            : ReadSince(r, c);
        if (window is null && r.Get("since").ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            r.Error("since", "is required");
        }

        return type is null || name is null || window is null
            ? null
            : new EventCondition(name, window, type == LegacyOccurred ? EventCount.Occurred : EventCount.NotOccurred);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key, Event);
        if (Where is not null)
        {
            w.WritePropertyName("where");
            Where.Write(w);
        }

        switch (Window)
        {
            case WithinWindow within:
                w.WriteString("within", FlowDuration.Format(within.Duration));
                break;
            case SinceFlowStartWindow:
                w.WriteString("since", FlowStartName);
                break;
        }

        switch (Measure)
        {
            case EventSum s:
                w.WriteString("sum", s.Property);
                ValueTestJson.Write(w, s.Test);
                break;
            case EventCount count when count == EventCount.NotOccurred:
                w.WriteBoolean("occurred", false);
                break;
            case EventCount count when count != EventCount.Occurred:
                w.WriteStartObject("count");
                ValueTestJson.Write(w, count.Test);
                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
    }
}
