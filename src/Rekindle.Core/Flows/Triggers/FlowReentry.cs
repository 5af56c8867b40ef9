using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>What a fired trigger does when the contact already has (or had) an instance of the flow.</summary>
public enum ReentryPolicy
{
    /// <summary>Start unless an instance of this flow is active for the contact (the default).</summary>
    WhileNotActive,

    /// <summary>Start only if the contact never had an instance of this flow.</summary>
    Once,

    /// <summary>Start on every trigger, even beside an active instance.</summary>
    Always,

    /// <summary>Start unless an instance is active or one started within <see cref="FlowReentry.Period"/>.</summary>
    OncePer,

    /// <summary>
    /// Start unless an active instance has the same key: the value of the trigger event's property
    /// <see cref="FlowReentry.Key"/> (one journey per order id, per cart id). An event without it starts nothing.
    /// </summary>
    PerKey,
}

/// <summary>
/// The re-entry policy with its parameter. JSON: <c>"whileNotActive"</c> (the default), <c>"once"</c>,
/// <c>"always"</c>, <c>{"oncePer": "30d"}</c> or <c>{"perKey": "order_id"}</c>.
/// </summary>
/// <param name="Period">For <see cref="ReentryPolicy.OncePer"/>: the least time between two starts.</param>
/// <param name="Key">For <see cref="ReentryPolicy.PerKey"/>: the trigger event property that keys instances.</param>
public sealed record FlowReentry(ReentryPolicy Policy, TimeSpan Period = default, string? Key = null)
{
    public const string OncePerName = "oncePer";
    public const string PerKeyName = "perKey";

    private static readonly (string Name, ReentryPolicy Policy)[] Plain =
    [
        ("whileNotActive", ReentryPolicy.WhileNotActive),
        ("once", ReentryPolicy.Once),
        ("always", ReentryPolicy.Always),
    ];

    // Flows built in code (and older callers) name a plain policy; it needs no parameter.
    public static implicit operator FlowReentry(ReentryPolicy policy) => new(policy);

    public static FlowReentry OncePer(TimeSpan period) => new(ReentryPolicy.OncePer, period);

    public static FlowReentry PerKey(string property) => new(ReentryPolicy.PerKey, Key: property);

    /// <summary>The instance key a trigger event gives under this policy (null unless <see cref="ReentryPolicy.PerKey"/>).</summary>
    public string? KeyOf(EventMessage trigger) =>
        Policy == ReentryPolicy.PerKey && Key is not null ? TriggerFilters.PropertyText(trigger.Properties, Key) : null;

    /// <summary>Whether a trigger at <paramref name="at"/> (carrying <paramref name="key"/>) may start an instance.</summary>
    public bool Allows(FlowHistory history, string? key, DateTimeOffset at) => Policy switch
    {
        ReentryPolicy.WhileNotActive => !history.HasActiveInstance,
        ReentryPolicy.Once => !history.HasEverStarted,
        ReentryPolicy.Always => true,
        ReentryPolicy.OncePer => !history.HasActiveInstance && (history.LastStartedAt is not { } last || at - last >= Period),
        ReentryPolicy.PerKey => key is not null && !(history.ActiveKeys?.Contains(key) ?? false),
        _ => throw new InvalidOperationException($"Unknown re-entry policy {Policy}."),
    };

    internal static FlowReentry? Read(JsonObjectReader root, FlowTrigger? trigger, List<FlowError> errors)
    {
        JsonElement value = root.Get("reentry");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return ReentryPolicy.WhileNotActive;
        }

        string problem = $"must be {FlowJsonNames.OneOf([.. Plain.Select(p => p.Name), $"{{\"{OncePerName}\": \"<duration>\"}}", $"{{\"{PerKeyName}\": \"<property>\"}}"])}";
        if (value.ValueKind == JsonValueKind.String)
        {
            string? text = value.GetString();
            (string Name, ReentryPolicy Policy) plain = Array.Find(Plain, p => p.Name == text);
            if (plain.Name is null)
            {
                root.Error("reentry", problem);
                return null;
            }

            return plain.Policy;
        }

        JsonObjectReader? reader = JsonObjectReader.Open(value, root.PathOf("reentry"), errors);
        if (reader is null)
        {
            return null;
        }

        bool hasOncePer = reader.Get(OncePerName).ValueKind != JsonValueKind.Undefined;
        bool hasPerKey = reader.Get(PerKeyName).ValueKind != JsonValueKind.Undefined;
        FlowReentry? result = null;
        if (hasOncePer == hasPerKey)
        {
            root.Error("reentry", problem);
        }
        else if (hasOncePer && reader.RequiredString(OncePerName) is { } text)
        {
            if (FlowDuration.TryParse(text, out TimeSpan period) && period >= TimeSpan.FromMinutes(1) && period <= FlowDuration.Max)
            {
                result = OncePer(period);
            }
            else
            {
                reader.Error(OncePerName, "must be a duration from 1m to 3 years, such as \"30d\"");
            }
        }
        else if (hasPerKey && reader.RequiredString(PerKeyName) is { } key)
        {
            result = PerKey(key);
            if (trigger is not null and not EventTrigger)
            {
                reader.Error(PerKeyName, "needs an event trigger: the key is a property of the trigger event");
                result = null;
            }
        }

        reader.RejectUnknown();
        return result;
    }

    internal void Write(Utf8JsonWriter w)
    {
        switch (Policy)
        {
            case ReentryPolicy.OncePer:
                w.WriteStartObject("reentry");
                w.WriteString(OncePerName, FlowDuration.Format(Period));
                w.WriteEndObject();
                break;
            case ReentryPolicy.PerKey:
                w.WriteStartObject("reentry");
                w.WriteString(PerKeyName, Key);
                w.WriteEndObject();
                break;
            default:
                w.WriteString("reentry", Array.Find(Plain, p => p.Policy == Policy).Name);
                break;
        }
    }
}
