using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Messaging;

namespace Rekindle.Core.Flows;

/// <summary>
/// POSTs a JSON body to a shop's system (a CRM, a loyalty program, Slack): the body is a Liquid template rendered
/// against the contact, signed with the flow's secret and retried by the webhook channel.
/// </summary>
/// <param name="Body">
/// The Liquid template of the JSON body. In the document it is a string, or a JSON object whose string values may hold
/// Liquid (<c>{"email": "{{ contact.email }}"}</c>), kept as its JSON text.
/// </param>
public sealed record SendWebhookStep(string Id, string? Next, string Url, string Body, ImmutableSortedDictionary<string, string>? Headers = null)
    : FlowStep(Id)
{
    public static StepType Type { get; } = new("sendWebhook", pauses: false, Read, "body");

    /// <summary>Headers the channel sets itself (signature, content type) or that must not be forged.</summary>
    private static readonly string[] ReservedHeaders =
        ["content-type", "content-length", "host", "x-rekindle-signature", "x-rekindle-timestamp", "x-rekindle-message-id"];

    public override StepType Kind => Type;

    public bool Equals(SendWebhookStep? other) =>
        other is not null && Id == other.Id && Next == other.Next && Url == other.Url && Body == other.Body
        && (Headers ?? ImmutableSortedDictionary<string, string>.Empty).SequenceEqual(other.Headers ?? ImmutableSortedDictionary<string, string>.Empty);

    public override int GetHashCode() => HashCode.Combine(Id, Url, Body);

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override IEnumerable<StepTemplate> Templates() => [new("body", Body)];

    public override StepOutcome Execute(StepContext context)
    {
        context.Emit(new SendMessage(Id, new WebhookContent(Url, Body, Headers)));
        return StepOutcome.Next(Next);
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("url", Url);
        w.WriteString("body", Body);
        if (Headers is { Count: > 0 })
        {
            w.WriteStartObject("headers");
            foreach ((string name, string value) in Headers)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
        }

        StepWriter.Optional(w, "next", Next);
    }

    private static SendWebhookStep? Read(StepReader r)
    {
        string? next = r.Link("next");
        string? url = r.RequiredString("url");
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("https" or "http")))
        {
            r.Error("url", "must be an absolute http or https URL");
        }

        JsonElement body = r.Get("body");
        string? template = body.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(body.GetString()) => body.GetString(),
            JsonValueKind.Object => body.GetRawText(),
            _ => null,
        };
        if (template is null)
        {
            r.Error("body", body.ValueKind == JsonValueKind.Undefined ? "is required" : "must be a JSON object or a Liquid template string");
        }

        ImmutableSortedDictionary<string, string>? headers = ReadHeaders(r);
        return r.Valid ? new SendWebhookStep(r.Id!, next, url!, template!, headers) : null;
    }

    private static ImmutableSortedDictionary<string, string>? ReadHeaders(StepReader step)
    {
        JsonObjectReader? r = step.Object("headers");
        if (r is null)
        {
            return null;
        }

        var headers = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty header in step.Get("headers").EnumerateObject())
        {
            JsonElement value = r.Get(header.Name);
            if (ReservedHeaders.Contains(header.Name.ToLowerInvariant()) || !IsToken(header.Name))
            {
                r.Error(header.Name, "is not a header a webhook step may set");
            }
            else if (value.ValueKind != JsonValueKind.String || value.GetString()!.Any(char.IsControl))
            {
                r.Error(header.Name, "must be a string on one line");
            }
            else
            {
                headers[header.Name] = value.GetString()!;
            }
        }

        return headers.ToImmutable();
    }

    private static bool IsToken(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
