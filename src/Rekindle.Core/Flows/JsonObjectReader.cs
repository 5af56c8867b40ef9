using System.Text.Json;
using Rekindle.Core.Events;
using System.Text.RegularExpressions;

namespace Rekindle.Core.Flows;

/// <summary>
/// Reads the properties of one JSON object, reporting problems instead of throwing. It remembers which
/// property names were asked for, so that everything else can be reported as unknown: a misspelt key
/// must fail loudly rather than silently take its default.
/// </summary>
internal sealed partial class JsonObjectReader
{
    private readonly JsonElement element;
    private readonly List<FlowError> errors;
    private readonly HashSet<string> asked = new(StringComparer.Ordinal);

    private JsonObjectReader(JsonElement element, string path, List<FlowError> errors)
    {
        this.element = element;
        this.errors = errors;
        Path = path;
    }

    public string Path { get; }

    /// <summary>A reader for <paramref name="value"/>, or null (with an error) when it is not an object.</summary>
    public static JsonObjectReader? Open(JsonElement value, string path, List<FlowError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "must be an object"));
            return null;
        }

        // JSON allows repeated keys and readers keep the last one; for a hand-edited flow that hides a mistake.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in value.EnumerateObject())
        {
            if (!seen.Add(p.Name))
            {
                errors.Add(new(Join(path, p.Name), "duplicate property"));
            }
        }

        return new JsonObjectReader(value, path, errors);
    }

    /// <summary>
    /// Parses a whole document and reads it with <paramref name="read"/>: invalid JSON is one error at the root, and the
    /// value comes back only when no error was reported.
    /// </summary>
    public static (T? Value, List<FlowError> Errors) ReadDocument<T>(string json, Func<JsonElement, List<FlowError>, T?> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<FlowError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            errors.Add(new FlowError("", JsonSyntaxError.Describe(json, e)));
            return (null, errors);
        }

        using (document)
        {
            T? value = read(document.RootElement, errors);
            return (errors.Count == 0 ? value : null, errors);
        }
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public string PathOf(string name) => Join(Path, name);

    public void Error(string name, string problem) => errors.Add(new(PathOf(name), problem));

    /// <summary>The value of a property; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonElement Get(string name)
    {
        asked.Add(name);
        return element.TryGetProperty(name, out JsonElement value) ? value : default;
    }

    /// <summary>A required, non-blank string.</summary>
    public string? RequiredString(string name)
    {
        JsonElement value = Get(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            Error(name, "is required");
            return null;
        }

        return NonBlankString(value, name, "must be a string");
    }

    /// <summary>An optional string: absent or null gives null; present, it must not be blank.</summary>
    public string? OptionalString(string name)
    {
        JsonElement value = Get(name);
        return value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            ? null
            : NonBlankString(value, name, "must be a string or null");
    }

    /// <summary>An optional boolean: absent or null gives <paramref name="fallback"/>; present, it must be true or false.</summary>
    public bool? OptionalBool(string name, bool fallback)
    {
        JsonElement value = Get(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return fallback;
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean();
            default:
                Error(name, "must be true or false");
                return null;
        }
    }

    /// <summary>A required identifier (flow or step id); see <see cref="IsIdentifier"/>.</summary>
    public string? RequiredIdentifier(string name)
    {
        string? id = RequiredString(name);
        if (id is not null && !IsIdentifier(id))
        {
            Error(name, IdentifierProblem);
            return null;
        }

        return id;
    }

    public const string IdentifierProblem =
        "must be 1 to 64 letters, digits, '-', '_' or '.'";

    /// <summary>
    /// Ids end up in URLs, database keys, error paths and reminder names; a narrow alphabet keeps
    /// them safe everywhere without escaping.
    /// </summary>
    public static bool IsIdentifier(string text) => IdentifierPattern().IsMatch(text);

    /// <summary>Reports every property that nobody asked for. Call after reading all known ones.</summary>
    public void RejectUnknown()
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in element.EnumerateObject())
        {
            if (!asked.Contains(p.Name) && reported.Add(p.Name))
            {
                errors.Add(new(PathOf(p.Name), "unknown property"));
            }
        }
    }

    private string? NonBlankString(JsonElement value, string name, string typeProblem)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(name, typeProblem);
            return null;
        }

        string text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(name, "must not be empty");
            return null;
        }

        return text;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
