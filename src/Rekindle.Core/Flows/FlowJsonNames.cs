namespace Rekindle.Core.Flows;

/// <summary>The words of the JSON flow language, shared by the parser and the serializer.</summary>
internal static class FlowJsonNames
{
    /// <summary>The channels whose engagement a best-time wait can aim at.</summary>
    public static readonly string[] Channels = [.. Intelligence.SendTime.SendChannelNames.All];

    /// <summary>The recommenders an email can take its products from.</summary>
    public static readonly string[] RecommendationKinds = [.. Intelligence.Recommendations.RecommenderNames.Kinds];

    public static string OneOf(IEnumerable<string> names) => "one of: " + string.Join(", ", names);
}
