using System.Text.Json;

namespace Rekindle.Core.Events;

/// <summary>
/// Checks a whole JSON document (an admin request body: a catalogue, a flow, a coupon campaign) as /v1 checks a
/// message: malformed JSON is described in our own words (<see cref="JsonSyntaxError"/>), and what the reader accepts
/// but no part of Rekindle should take (text that is not UTF-8 or escapes an unpaired surrogate, "\u0000", a number
/// that is not finite, a key given twice) is named by its path (<see cref="JsonValueCheck"/>).
/// </summary>
public static class JsonDocumentCheck
{
    /// <summary>
    /// The first problem in <paramref name="json"/>, or null when it is one sound JSON value.
    /// <paramref name="malformed"/> tells a syntax error (field "body") from a value at fault.
    /// </summary>
    public static FieldError? FirstProblem(ReadOnlySpan<byte> json, out bool malformed)
    {
        malformed = false;
        try
        {
            // Throws on an empty body too ("it ends too early, at line 1, column 1").
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var problem = new JsonValueCheck().Walk(ref reader, json, "", 0);

            // Throws on anything after the value.
            reader.Read();
            return problem;
        }
        catch (JsonException e)
        {
            malformed = true;
            return new FieldError("body", JsonSyntaxError.Describe(json, e));
        }
    }
}
