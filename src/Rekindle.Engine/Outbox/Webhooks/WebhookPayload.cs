using System.Text.Json;

namespace Rekindle.Engine.Outbox.Webhooks;

/// <summary>
/// A webhook row's payload: the request as composed (the body already rendered and checked to be JSON). It is signed
/// at each attempt, with that attempt's time (<see cref="TimestampPolicy"/>), so a receiver's replay window holds for
/// a retry too.
/// </summary>
public sealed record WebhookPayload(string Url, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public const string EachAttempt = "each-attempt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>When X-Rekindle-Timestamp is taken: at <see cref="EachAttempt"/>.</summary>
    public string TimestampPolicy { get; init; } = EachAttempt;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The payload of a row, or null when it has none or it is not a webhook's.</summary>
    public static WebhookPayload? FromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WebhookPayload>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
