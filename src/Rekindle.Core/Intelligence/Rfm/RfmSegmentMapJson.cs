using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// The JSON form of a segment map: a list of segments, each with the grid cells it owns as rectangles whose
/// "r" and "fm" are a score or an inclusive [low, high] pair. Keys are case-sensitive; unknown or repeated keys
/// are errors, so a misspelt key fails loudly instead of silently dropping cells.
/// </summary>
/// <example>
/// <code>
/// {"segments":[{"name":"Champions","cells":[{"r":5,"fm":[4,5]},{"r":4,"fm":5}]},
///              {"name":"Loyal","cells":[{"r":4,"fm":4},{"r":3,"fm":[4,5]}]}, …]}
/// </code>
/// </example>
public static class RfmSegmentMapJson
{
    public static RfmSegmentMapResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new(null, [new RfmMapError("", JsonSyntaxError.Describe(json, e))]);
        }

        using (document)
        {
            var errors = new List<RfmMapError>();
            List<RfmSegmentDefinition>? segments = ReadSegments(document.RootElement, errors);
            if (errors.Count > 0 || segments is null)
            {
                return new(null, errors);
            }

            return RfmSegmentMap.Create(segments);
        }
    }

    /// <summary>The map in the form <see cref="Parse"/> reads, one segment per line.</summary>
    public static string Serialize(RfmSegmentMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var text = new StringBuilder("{\"segments\":[\n");
        for (int s = 0; s < map.Definitions.Length; s++)
        {
            RfmSegmentDefinition segment = map.Definitions[s];
            text.Append("  {\"name\":").Append(JsonSerializer.Serialize(segment.Name)).Append(",\"cells\":[");
            text.AppendJoin(',', segment.Cells.Select(c => $"{{\"r\":{Range(c.R)},\"fm\":{Range(c.Fm)}}}"));
            text.Append(s < map.Definitions.Length - 1 ? "]},\n" : "]}\n");
        }

        return text.Append("]}\n").ToString();
    }

    private static string Range(RfmRange range) => range.Low == range.High ? $"{range.Low}" : $"[{range.Low},{range.High}]";

    private static List<RfmSegmentDefinition>? ReadSegments(JsonElement root, List<RfmMapError> errors)
    {
        if (!CheckObject(root, "", ["segments"], errors))
        {
            return null;
        }

        if (!root.TryGetProperty("segments", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("segments", "is required and must be an array of segments"));
            return null;
        }

        var segments = new List<RfmSegmentDefinition>();
        int s = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string path = $"segments[{s++}]";
            if (!CheckObject(item, path, ["name", "cells"], errors))
            {
                continue;
            }

            string? name = item.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (name is null)
            {
                errors.Add(new($"{path}.name", "is required and must be a string"));
            }

            ImmutableArray<RfmCellRange> cells = ReadCells(item, path, errors);
            segments.Add(new RfmSegmentDefinition(name ?? "", cells));
        }

        return segments;
    }

    private static ImmutableArray<RfmCellRange> ReadCells(JsonElement segment, string path, List<RfmMapError> errors)
    {
        if (!segment.TryGetProperty("cells", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new($"{path}.cells", "is required and must be an array of {\"r\":…,\"fm\":…} cell ranges"));
            return [];
        }

        var cells = ImmutableArray.CreateBuilder<RfmCellRange>();
        int c = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string cellPath = $"{path}.cells[{c++}]";
            if (!CheckObject(item, cellPath, ["r", "fm"], errors))
            {
                continue;
            }

            RfmRange? r = ReadRange(item, "r", cellPath, errors);
            RfmRange? fm = ReadRange(item, "fm", cellPath, errors);
            if (r is not null && fm is not null)
            {
                cells.Add(new RfmCellRange(r.Value, fm.Value));
            }
        }

        return cells.ToImmutable();
    }

    private static RfmRange? ReadRange(JsonElement cell, string key, string path, List<RfmMapError> errors)
    {
        string problem = "is required and must be a score 1-5 or a [low, high] pair of scores";
        if (!cell.TryGetProperty(key, out JsonElement value))
        {
            errors.Add(new($"{path}.{key}", problem));
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int score))
        {
            return RfmRange.Of(score);
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2
            && value[0].ValueKind == JsonValueKind.Number && value[0].TryGetInt32(out int low)
            && value[1].ValueKind == JsonValueKind.Number && value[1].TryGetInt32(out int high))
        {
            return new RfmRange(low, high);
        }

        errors.Add(new($"{path}.{key}", $"{problem}; got {value.GetRawText()}"));
        return null;
    }

    private static bool CheckObject(JsonElement value, string path, string[] known, List<RfmMapError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "must be an object"));
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in value.EnumerateObject())
        {
            string at = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
            if (!seen.Add(p.Name))
            {
                // Readers keep the last of repeated keys; in a hand-edited map that hides a mistake.
                errors.Add(new(at, "duplicate property"));
            }
            else if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                errors.Add(new(at, $"unknown property; expected {string.Join(", ", known.Select(k => $"\"{k}\""))}"));
            }
        }

        return true;
    }
}
