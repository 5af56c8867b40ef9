using System.Text;
using System.Text.Json;
using Rekindle.Core.Events;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.Hosting;

/// <summary>
/// Reads the JSON body of an admin request and refuses what is not a JSON document with a 400 in our own words:
/// an empty body, malformed JSON (with line and column), text that is not UTF-8, numbers that are not finite and keys
/// given twice (named by their path, see <see cref="JsonDocumentCheck"/>) and, for a typed body, a value of the wrong
/// JSON type, naming its field. Model binding would answer those with an
/// empty 400, and the .NET reader's messages ("BytePositionInLine", "Change the reader options") are not for clients.
/// </summary>
public static class JsonRequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text once checked (unchecked, a byte that is not UTF-8 would become U+FFFD unseen), or the 400 to answer.</summary>
    public static async Task<(string? Text, IResult? Refusal)> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        var (bytes, refusal) = await ReadBytesAsync(request, ct);
        return bytes is null ? (null, refusal) : (StrictUtf8.GetString(bytes), null);
    }

    /// <summary>The body as a JSON document (the caller disposes it), or the 400 to answer.</summary>
    public static async Task<(JsonDocument? Document, IResult? Refusal)> ParseAsync(HttpRequest request, CancellationToken ct)
    {
        var (bytes, refusal) = await ReadBytesAsync(request, ct);
        if (bytes is null)
        {
            return (null, refusal);
        }

        // Checked already: this parse cannot fail.
        return (JsonDocument.Parse(bytes), null);
    }

    /// <summary>
    /// The body read into <typeparamref name="T"/> (a request record of nullable members the handler checks), or the
    /// 400 to answer: the body must be a JSON object, and a member of the wrong JSON type is named by its path.
    /// </summary>
    public static async Task<(T? Value, IResult? Refusal)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var (document, refusal) = await ParseAsync(request, ct);
        if (document is null)
        {
            return (null, refusal);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Refuse("the body must be a JSON object", "body", $"is {Kind(root.ValueKind)}; expected an object"));
            }

            try
            {
                return (root.Deserialize<T>(JsonSerializerOptions.Web), null);
            }
            catch (JsonException e)
            {
                var field = e.Path is null or "$" ? "body" : e.Path.TrimStart('$').TrimStart('.');
                var kind = At(root, field) is { } value ? $"is {Kind(value.ValueKind)}, " : "";
                return (null, Refuse($"{field} has the wrong type", field, $"{kind}which this field cannot take"));
            }
        }
    }

    private static async Task<(byte[]? Bytes, IResult? Refusal)> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            try
            {
                await request.Body.CopyToAsync(buffer, ct);
            }
            catch (BadHttpRequestException e)
            {
                // Kestrel's own limits (MaxRequestBodySize) and a client that stops mid-body.
                return (null, Results.Json(new ApiError("the body could not be read in full", [new FieldProblem("body",
                    e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "is larger than the server accepts" : "ended before its announced length")]),
                    statusCode: e.StatusCode));
            }

            bytes = buffer.ToArray();
        }

        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var start = bytes.AsSpan().StartsWith(bom) ? bom.Length : 0;
        if (bytes.Length == start)
        {
            return (null, Refuse("the body is empty", "body", "is empty; expected a JSON object"));
        }

        var body = start == 0 ? bytes : bytes[start..];
        if (JsonDocumentCheck.FirstProblem(body, out var malformed) is { } problem)
        {
            return (null, malformed
                ? Refuse("the body is not valid JSON", problem.Field, problem.Problem)
                : Refuse($"{problem.Field} {problem.Problem}", problem.Field, problem.Problem));
        }

        return (body, null);
    }

    private static IResult Refuse(string error, string field, string problem) =>
        Results.BadRequest(new ApiError(error, [new FieldProblem(field, problem)]));

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>The value at a simple path such as <c>codes[2]</c> or <c>tier</c>, when it can be found.</summary>
    private static JsonElement? At(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }

            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']');
                if (close < 0 || !int.TryParse(rest[1..close], out var index) || current.ValueKind != JsonValueKind.Array
                    || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
                rest = rest[(close + 1)..];
            }
        }

        return current;
    }
}
