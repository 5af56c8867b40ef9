using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>
/// A/B/n test: each instance takes one path, at random in proportion to the weights. The draw is a hash of the instance
/// and the step, so it is made once: a retried run, a replay or a loop back through the step takes the same path.
/// </summary>
public sealed record RandomSplitStep(string Id, ImmutableArray<RandomPath> Paths) : FlowStep(Id)
{
    public static StepType Type { get; } = new("randomSplit", pauses: false, Read);

    public const int MaxPaths = 10;

    public override StepType Kind => Type;

    public bool Equals(RandomSplitStep? other) => other is not null && Id == other.Id && Paths.AsSpan().SequenceEqual(other.Paths.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Id, Paths.Length);

    public override IEnumerable<FlowStepLink> Links() => Paths.Select((p, i) => new FlowStepLink($"paths[{i}].next", p.Next));

    public override StepOutcome Execute(StepContext context)
    {
        RandomPath path = Choose(context.Instance.Id);
        return path.Next is { } next ? StepOutcome.Next(next, path.Name) : StepOutcome.Exit(FlowExitReasons.SplitBranch, path.Name);
    }

    /// <summary>The path an instance takes: a uniform draw from a hash of the instance id and this step's id.</summary>
    public RandomPath Choose(string instanceId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}\n{Id}"), hash);
        double draw = (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53)) * Paths.Sum(p => p.Weight);
        foreach (RandomPath path in Paths)
        {
            if (draw < path.Weight)
            {
                return path;
            }

            draw -= path.Weight;
        }

        return Paths[^1];
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteStartArray("paths");
        foreach (RandomPath path in Paths)
        {
            w.WriteStartObject();
            w.WriteString("name", path.Name);
            w.WriteNumber("weight", path.Weight);
            w.WriteString("next", path.Next);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static RandomSplitStep? Read(StepReader r)
    {
        var paths = ImmutableArray.CreateBuilder<RandomPath>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var items = r.Array("paths", MaxPaths);
        if (items is { Length: < 2 })
        {
            r.Error("paths", "must have at least two paths");
        }

        foreach ((JsonElement value, string path) in items ?? [])
        {
            JsonObjectReader? p = JsonObjectReader.Open(value, path, r.Errors);
            if (p is null)
            {
                r.MarkLinksUnknown();
                continue;
            }

            string? name = p.RequiredIdentifier("name");
            if (name is not null && !names.Add(name))
            {
                p.Error("name", $"duplicate path name '{name}'");
            }

            JsonElement weight = p.Get("weight");
            int w = 0;
            if (weight.ValueKind != JsonValueKind.Number || !weight.TryGetInt32(out w) || w is < 1 or > 10_000)
            {
                p.Error("weight", "must be a whole number from 1 to 10000 (shares are weight / total)");
            }

            string? next = r.LinkIn(p, "next", $"{path[path.IndexOf("paths", StringComparison.Ordinal)..]}.next");
            p.RejectUnknown();
            if (name is not null && w > 0)
            {
                paths.Add(new RandomPath(name, w, next));
            }
        }

        return r.Valid ? new RandomSplitStep(r.Id!, paths.ToImmutable()) : null;
    }
}

/// <summary>One arm of a random split.</summary>
/// <param name="Name">How the stats call the arm ("A", "control").</param>
/// <param name="Weight">Relative share: weights 1 and 3 send a quarter and three quarters.</param>
public sealed record RandomPath(string Name, int Weight, string? Next);
