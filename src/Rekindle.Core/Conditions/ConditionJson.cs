using System.Text.Json;

namespace Rekindle.Core.Conditions;

/// <summary>
/// Typed profile and score values as JSON values, so that one comparison (<see cref="ValueMatch"/>) serves traits,
/// event properties, profile fields and scores alike. Absent (null, NaN) is Undefined.
/// </summary>
internal static class ConditionJson
{
    public static JsonElement Of(string? value) => value is null ? default : JsonSerializer.SerializeToElement(value);

    public static JsonElement Of(int? value) => value is null ? default : JsonSerializer.SerializeToElement(value.Value);

    public static JsonElement Of(decimal? value) => value is null ? default : JsonSerializer.SerializeToElement(value.Value);

    public static JsonElement Of(double? value) =>
        value is not { } v || !double.IsFinite(v) ? default : JsonSerializer.SerializeToElement(v);

    /// <summary>An instant in the ISO form the date comparisons read.</summary>
    public static JsonElement Of(DateTimeOffset? value) =>
        value is null ? default : JsonSerializer.SerializeToElement(value.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
