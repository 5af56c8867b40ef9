namespace Rekindle.Core.Flows;

/// <summary>The words of the JSON flow language, shared by the parser and the serializer.</summary>
internal static class FlowJsonNames
{
    public const string EventOccurred = "eventOccurred";
    public const string EventNotOccurred = "eventNotOccurred";

    public static readonly string[] ConditionTypes = [EventOccurred, EventNotOccurred];

    /// <summary>The channels whose engagement a best-time wait can aim at.</summary>
    public static readonly string[] Channels = [.. Intelligence.SendTime.SendChannelNames.All];

    /// <summary>The recommenders an email can take its products from.</summary>
    public static readonly string[] RecommendationKinds = [.. Intelligence.Recommendations.RecommenderNames.Kinds];

    public const string SinceFlowStart = "flowStart";

    public static readonly string[] SinceValues = [SinceFlowStart];

    public static string OneOf(IEnumerable<string> names) => "one of: " + string.Join(", ", names);
}
