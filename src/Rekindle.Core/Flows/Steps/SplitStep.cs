using Rekindle.Core.Conditions;
using System.Collections.Immutable;
using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>
/// Branches many ways: the first branch whose condition holds is taken, else <paramref name="Else"/>. A branch (or else)
/// leading nowhere exits the flow.
/// </summary>
public sealed record SplitStep(string Id, ImmutableArray<SplitBranch> Branches, string? Else) : FlowStep(Id)
{
    public static StepType Type { get; } = new("split", pauses: false, Read);

    /// <summary>More branches than a marketer can follow; the bound keeps validation cheap.</summary>
    public const int MaxBranches = 20;

    public override StepType Kind => Type;

    public bool Equals(SplitStep? other) =>
        other is not null && Id == other.Id && Else == other.Else && Branches.AsSpan().SequenceEqual(other.Branches.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Id, Else, Branches.Length);

    public override IEnumerable<FlowStepLink> Links() =>
        [.. Branches.Select((b, i) => new FlowStepLink($"branches[{i}].next", b.Next)), new("else", Else)];

    public override IEnumerable<Condition> Conditions() => Branches.Select(b => b.Condition);

    public override StepOutcome Execute(StepContext context)
    {
        for (int i = 0; i < Branches.Length; i++)
        {
            if (context.IsTrue(Branches[i].Condition))
            {
                string path = Branches[i].Name ?? $"branches[{i}]";
                return Branches[i].Next is { } next ? StepOutcome.Next(next, path) : StepOutcome.Exit(FlowExitReasons.SplitBranch, path);
            }
        }

        return Else is { } otherwise ? StepOutcome.Next(otherwise, "else") : StepOutcome.Exit(FlowExitReasons.SplitBranch, "else");
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteStartArray("branches");
        foreach (SplitBranch branch in Branches)
        {
            w.WriteStartObject();
            if (branch.Name is not null)
            {
                w.WriteString("name", branch.Name);
            }

            w.WritePropertyName("condition");
            ConditionSerializer.Write(w, branch.Condition);
            w.WriteString("next", branch.Next);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("else", Else);
    }

    private static SplitStep? Read(StepReader r)
    {
        var branches = ImmutableArray.CreateBuilder<SplitBranch>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach ((JsonElement value, string path) in r.Array("branches", MaxBranches) ?? [])
        {
            JsonObjectReader? b = JsonObjectReader.Open(value, path, r.Errors);
            if (b is null)
            {
                r.MarkLinksUnknown();
                continue;
            }

            string? name = b.OptionalString("name");
            if (name is not null && !names.Add(name))
            {
                b.Error("name", $"duplicate branch name '{name}'");
            }

            Condition? condition = r.ConditionIn(b, "condition");
            string? next = r.LinkIn(b, "next", $"{path[(path.IndexOf("branches", StringComparison.Ordinal))..]}.next");
            b.RejectUnknown();
            if (condition is not null)
            {
                branches.Add(new SplitBranch(name, condition, next));
            }
        }

        string? @else = r.Link("else");
        return r.Valid ? new SplitStep(r.Id!, branches.ToImmutable(), @else) : null;
    }
}

/// <summary>One way out of a split: taken when <paramref name="Condition"/> holds (and no earlier branch's did).</summary>
/// <param name="Name">How the stats and journeys call the path; "branches[i]" when unnamed.</param>
public sealed record SplitBranch(string? Name, Condition Condition, string? Next);
