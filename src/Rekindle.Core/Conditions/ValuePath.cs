using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>
/// Dotted paths into JSON ("address.city", "items.0.sku"): each segment is an object key, or a whole number that
/// indexes an array. The first segment names the trait (or event property) itself, so a trait whose own name holds a
/// dot cannot be reached: shops name traits in snake_case or camelCase.
/// </summary>
internal static class ValuePath
{
    public const int MaxLength = 200;

    /// <summary>A required path: non-blank, at most <see cref="MaxLength"/> characters, no empty segment.</summary>
    public static string? Read(JsonObjectReader r, string key)
    {
        string? path = r.RequiredString(key);
        if (path is null)
        {
            return null;
        }

        if (path.Length > MaxLength || path.Split('.').Any(s => s.Trim().Length == 0))
        {
            r.Error(key, $"must be a name or a dotted path (\"address.city\") of at most {MaxLength} characters, without empty parts");
            return null;
        }

        return path;
    }

    /// <summary>The value at <paramref name="path"/> under <paramref name="root"/>; Undefined when any step is missing.</summary>
    public static JsonElement Find(JsonElement root, string path)
    {
        JsonElement current = root;
        foreach (string segment in path.Split('.'))
        {
            current = current.ValueKind switch
            {
                JsonValueKind.Object when current.TryGetProperty(segment, out JsonElement child) => child,
                JsonValueKind.Array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                    && index < current.GetArrayLength() => current[index],
                _ => default,
            };
            if (current.ValueKind == JsonValueKind.Undefined)
            {
                break;
            }
        }

        return current;
    }

    /// <summary>The first segment (the trait's name) and the rest of the path (null when there is none).</summary>
    public static (string Head, string? Tail) Split(string path)
    {
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (path, null) : (path[..dot], path[(dot + 1)..]);
    }
}
