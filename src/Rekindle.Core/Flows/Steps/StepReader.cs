using Rekindle.Core.Conditions;
using System.Collections.Immutable;
using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>
/// Reads one step's fields for its <see cref="StepType"/>: the JSON object, its path for errors, and the links it has,
/// which the graph checks need even when the step itself is broken.
/// </summary>
public sealed class StepReader
{
    private readonly List<FlowStepLink> links = [];
    private readonly int errorsBefore;

    internal StepReader(JsonObjectReader fields, string? id, List<FlowError> errors)
    {
        Fields = fields;
        Id = id;
        Errors = errors;
        errorsBefore = errors.Count;
    }

    internal JsonObjectReader Fields { get; }

    internal List<FlowError> Errors { get; }

    /// <summary>The step's id, or null when it was missing or invalid (reported already).</summary>
    public string? Id { get; }

    /// <summary>Whether this step has no problem so far: a reader returns its step only then.</summary>
    public bool Valid => Id is not null && Errors.Count == errorsBefore;

    /// <summary>The links read so far, in order; null when one could not be read (where the step leads is unknown).</summary>
    internal IReadOnlyList<FlowStepLink>? Links => LinksKnown ? links : null;

    internal bool LinksKnown { get; private set; } = true;

    internal void MarkLinksUnknown() => LinksKnown = false;

    public string Path(string name) => Fields.PathOf(name);

    public void Error(string name, string problem) => Fields.Error(name, problem);

    public JsonElement Get(string name) => Fields.Get(name);

    public string? RequiredString(string name) => Fields.RequiredString(name);

    public string? OptionalString(string name) => Fields.OptionalString(name);

    public bool? OptionalBool(string name, bool fallback) => Fields.OptionalBool(name, fallback);

    /// <summary>A link: absent or null ends the flow; otherwise a step id (checked by the graph validator).</summary>
    /// <param name="label">How the link is named in errors and journeys when it is not the field itself ("paths[1].next").</param>
    public string? Link(string field, string? label = null) => LinkIn(Fields, field, label);

    /// <summary>A link inside a nested object of the step (a split's branch, a random split's path).</summary>
    internal string? LinkIn(JsonObjectReader owner, string field, string? label)
    {
        JsonElement value = owner.Get(field);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            links.Add(new(label ?? field, null));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            owner.Error(field, "must be a step id or null");
            LinksKnown = false;
            return null;
        }

        string target = value.GetString()!;
        links.Add(new(label ?? field, target));
        return target;
    }

    /// <summary>A duration field ("24h", "PT24H"): required, or optional (absent gives null without an error).</summary>
    public TimeSpan? Duration(string name, bool required = true) => DurationIn(Fields, name, required);

    internal static TimeSpan? DurationIn(JsonObjectReader r, string name, bool required)
    {
        JsonElement value = r.Get(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (required)
            {
                r.Error(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !FlowDuration.TryParse(value.GetString()!, out TimeSpan duration))
        {
            r.Error(name, DurationSyntaxProblem);
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            r.Error(name, "must be greater than zero");
            return null;
        }

        if (duration > FlowDuration.Max)
        {
            r.Error(name, $"must be at most 3 years ({FlowDuration.Max.TotalDays:0} days)");
            return null;
        }

        return duration;
    }

    internal const string DurationSyntaxProblem =
        "must be a duration in whole seconds: ISO-8601 (\"PT24H\", \"P1D\") or short (\"24h\", \"30m\", \"5s\", \"2d\")";

    /// <summary>A coupon campaign id (whether the campaign exists is checked where campaigns are known: the API).</summary>
    public string? CampaignId(string name, bool required)
    {
        string? id = required ? RequiredString(name) : OptionalString(name);
        if (id is not null && !JsonObjectReader.IsIdentifier(id))
        {
            Error(name, "must be a coupon campaign id: " + JsonObjectReader.IdentifierProblem);
            return null;
        }

        return id;
    }

    /// <summary>A required condition about the contact, inside the journey (docs/flows.md § Conditions).</summary>
    public Condition? Condition(string name) => ConditionIn(Fields, name);

    internal Condition? ConditionIn(JsonObjectReader owner, string name) =>
        ConditionParser.Read(owner.Get(name), owner.PathOf(name), Errors, ConditionScope.Journey);

    /// <summary>An optional object field opened for reading, or null (absent, or not an object: reported).</summary>
    internal JsonObjectReader? Object(string name)
    {
        JsonElement value = Get(name);
        return value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : JsonObjectReader.Open(value, Path(name), Errors);
    }

    /// <summary>The elements of an array field, each with its path; null (reported) when it is not a non-empty array.</summary>
    internal ImmutableArray<(JsonElement Value, string Path)>? Array(string name, int max)
    {
        JsonElement value = Get(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            Error(name, "is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Error(name, "must be a non-empty array");
            return null;
        }

        if (value.GetArrayLength() > max)
        {
            Error(name, $"must have at most {max} elements");
            return null;
        }

        return [.. value.EnumerateArray().Select((e, i) => (e, $"{Path(name)}[{i}]"))];
    }
}
