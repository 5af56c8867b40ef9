using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Reads one element of "steps" (and its condition), reporting every problem it finds.</summary>
internal static class FlowStepParser
{
    /// <returns>The step when it is entirely valid; the graph node whenever the step has a usable id.</returns>
    public static (FlowStep? Step, FlowGraphNode? Node) Read(JsonElement value, int index, List<FlowError> errors)
    {
        JsonObjectReader? r = JsonObjectReader.Open(value, $"steps[{index}]", errors);
        if (r is null)
        {
            return (null, null);
        }

        int errorsBefore = errors.Count;
        string? id = r.RequiredIdentifier("id");
        string? type = r.RequiredString("type");
        var links = new LinkReader(r);
        FlowStep? step = null;
        bool pauses = false;
        switch (type)
        {
            case FlowJsonNames.WaitStep:
                step = ReadWait(r, id, links);
                pauses = true;
                break;
            case FlowJsonNames.ConditionStep:
                step = ReadCondition(r, id, links, errors);
                break;
            case FlowJsonNames.SendEmailStep:
                step = ReadSendEmail(r, id, links, errors);
                break;
            case FlowJsonNames.ExitStep:
                step = id is null ? null : new ExitStep(id);
                break;
            case null:
                // Missing or malformed type: already reported; which properties belong is unknown.
                links.MarkUnknown();
                break;
            default:
                r.Error("type", $"unknown step type '{type}'; expected {FlowJsonNames.OneOf(FlowJsonNames.StepTypes)}");
                links.MarkUnknown();
                break;
        }

        if (links.Known)
        {
            r.RejectUnknown();
        }

        FlowGraphNode? node = id is null ? null : new FlowGraphNode(index, id, links.Known ? links.All : null, pauses);
        return (errors.Count == errorsBefore ? step : null, node);
    }

    private static WaitStep? ReadWait(JsonObjectReader r, string? id, LinkReader links)
    {
        string? next = links.Read("next");
        TimeSpan? duration = ReadDuration(r, "duration");
        SendTimeWindow? bestTime = ReadBestTime(r, out bool bestTimeValid);
        return id is null || duration is null || !bestTimeValid ? null : new WaitStep(id, next, duration.Value, bestTime);
    }

    /// <summary>The longest stretch a wait may take to reach the best hour: a week holds every hour of the week.</summary>
    public static readonly TimeSpan MaxBestTimeWithin = TimeSpan.FromDays(7);

    private static SendTimeWindow? ReadBestTime(JsonObjectReader r, out bool valid)
    {
        valid = true;
        bool hasWindow = r.Get("bestTimeWithin").ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        string? channel = r.OptionalString("channel");
        if (!hasWindow)
        {
            if (channel is not null)
            {
                r.Error("channel", "is only for a wait with \"bestTimeWithin\"");
                valid = false;
            }

            return null;
        }

        TimeSpan? within = ReadDuration(r, "bestTimeWithin");
        if (within > MaxBestTimeWithin)
        {
            r.Error("bestTimeWithin", "must be at most 7 days (a week holds every hour of the week)");
            within = null;
        }

        if (channel is not null && !FlowJsonNames.Channels.Contains(channel))
        {
            r.Error("channel", $"must be {FlowJsonNames.OneOf(FlowJsonNames.Channels)}");
            channel = null;
            within = null;
        }

        valid = within is not null;
        return within is null ? null : new SendTimeWindow(within.Value, channel ?? "email");
    }

    private static ConditionStep? ReadCondition(JsonObjectReader r, string? id, LinkReader links, List<FlowError> errors)
    {
        FlowCondition? condition = null;
        JsonElement value = r.Get("condition");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            r.Error("condition", "is required");
        }
        else
        {
            condition = ReadFlowCondition(value, r.PathOf("condition"), errors);
        }

        string? then = links.Read("then");
        string? @else = links.Read("else");
        return id is null || condition is null ? null : new ConditionStep(id, condition, then, @else);
    }

    private static SendEmailStep? ReadSendEmail(JsonObjectReader r, string? id, LinkReader links, List<FlowError> errors)
    {
        string? next = links.Read("next");
        string? subject = r.RequiredString("subject");
        string? html = r.RequiredString("html");
        string? text = r.OptionalString("text");
        string? coupon = r.OptionalString("coupon");
        if (coupon is not null && !JsonObjectReader.IsIdentifier(coupon))
        {
            r.Error("coupon", "must be a coupon campaign id: " + JsonObjectReader.IdentifierProblem);
            return null;
        }

        EmailRecommendations? recommendations = ReadRecommendations(r, errors, out bool recommendationsValid);
        bool? transactional = r.OptionalBool("transactional", false);
        return id is null || subject is null || html is null || !recommendationsValid || transactional is null
            ? null
            : new SendEmailStep(id, next, subject, html, text, coupon, recommendations, transactional.Value);
    }

    /// <summary>More products than an email can sensibly show; the bound also caps the work at render time.</summary>
    public const int MaxEmailRecommendations = 20;

    private const int DefaultEmailRecommendations = 4;

    private static EmailRecommendations? ReadRecommendations(JsonObjectReader step, List<FlowError> errors, out bool valid)
    {
        valid = true;
        JsonElement value = step.Get("recommendations");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        int errorsBefore = errors.Count;
        JsonObjectReader? r = JsonObjectReader.Open(value, step.PathOf("recommendations"), errors);
        string? kind = r?.RequiredString("kind");
        if (kind is not null && !FlowJsonNames.RecommendationKinds.Contains(kind))
        {
            r!.Error("kind", $"must be {FlowJsonNames.OneOf(FlowJsonNames.RecommendationKinds)}");
        }

        int limit = DefaultEmailRecommendations;
        JsonElement limitValue = r?.Get("limit") ?? default;
        if (limitValue.ValueKind != JsonValueKind.Undefined
            && (limitValue.ValueKind != JsonValueKind.Number || !limitValue.TryGetInt32(out limit) || limit is < 1 or > MaxEmailRecommendations))
        {
            r!.Error("limit", $"must be a whole number from 1 to {MaxEmailRecommendations}");
        }

        r?.RejectUnknown();
        valid = errors.Count == errorsBefore;
        return valid ? new EmailRecommendations(kind!, limit) : null;
    }

    private static FlowCondition? ReadFlowCondition(JsonElement value, string path, List<FlowError> errors)
    {
        JsonObjectReader? r = JsonObjectReader.Open(value, path, errors);
        if (r is null)
        {
            return null;
        }

        string? type = r.RequiredString("type");
        if (type is not (FlowJsonNames.EventOccurred or FlowJsonNames.EventNotOccurred))
        {
            if (type is not null)
            {
                r.Error("type", $"unknown condition type '{type}'; expected {FlowJsonNames.OneOf(FlowJsonNames.ConditionTypes)}");
            }

            return null;
        }

        string? eventName = r.RequiredString("event");
        ConditionSince? since = ReadSince(r);
        r.RejectUnknown();
        if (eventName is null || since is null)
        {
            return null;
        }

        return type == FlowJsonNames.EventOccurred
            ? new EventOccurredCondition(eventName, since)
            : new EventNotOccurredCondition(eventName, since);
    }

    private static ConditionSince? ReadSince(JsonObjectReader r)
    {
        string? since = r.RequiredString("since");
        if (since is null)
        {
            return null;
        }

        if (since != FlowJsonNames.SinceFlowStart)
        {
            r.Error("since", $"must be {FlowJsonNames.OneOf(FlowJsonNames.SinceValues)}");
            return null;
        }

        return ConditionSince.FlowStart;
    }

    private static TimeSpan? ReadDuration(JsonObjectReader r, string name)
    {
        JsonElement value = r.Get(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            r.Error(name, "is required");
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

    /// <summary>Reads a step's link fields and remembers them for the graph checks.</summary>
    private sealed class LinkReader(JsonObjectReader r)
    {
        private readonly List<FlowStepLink> all = [];

        public IReadOnlyList<FlowStepLink> All => all;

        /// <summary>False when a link could not be read, so where the step leads is not known.</summary>
        public bool Known { get; private set; } = true;

        public void MarkUnknown() => Known = false;

        /// <summary>A link: absent or null ends the flow; otherwise a step id (checked by the graph validator).</summary>
        public string? Read(string field)
        {
            JsonElement value = r.Get(field);
            if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                all.Add(new(field, null));
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                r.Error(field, "must be a step id or null");
                Known = false;
                return null;
            }

            string target = value.GetString()!;
            all.Add(new(field, target));
            return target;
        }
    }
}
