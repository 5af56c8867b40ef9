using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rekindle.Core.Conditions;

/// <summary>
/// Writes a condition in the JSON form <see cref="ConditionParser"/> reads, so that parsing the output gives an equal
/// condition. Legacy forms come out in the current form ({"event": …, "since": "flowStart", "occurred": false}).
/// </summary>
public static class ConditionSerializer
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the condition as one JSON value, e.g. after <c>w.WritePropertyName("condition")</c>.</summary>
    public static void Write(Utf8JsonWriter w, Condition condition)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(condition);
        condition.Write(w);
    }

    public static string ToJson(Condition condition)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            Write(w, condition);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
