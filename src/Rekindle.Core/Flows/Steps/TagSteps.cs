using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Puts a tag on the contact ("vip", "winback-sent"); conditions and later flows ask about it.</summary>
public sealed record AddTagStep(string Id, string? Next, string Tag) : FlowStep(Id)
{
    public static StepType Type { get; } = new("addTag", pauses: false, r => TagField.Read(r, (id, next, tag) => new AddTagStep(id, next, tag)));

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override StepOutcome Execute(StepContext context)
    {
        context.ChangeProfile(context.Profile with { Tags = context.Profile.Tags.Add(Tag) });
        return StepOutcome.Next(Next);
    }

    public override void WriteFields(Utf8JsonWriter w) => TagField.Write(w, Tag, Next);
}

/// <summary>Takes a tag off the contact (nothing happens when it has none).</summary>
public sealed record RemoveTagStep(string Id, string? Next, string Tag) : FlowStep(Id)
{
    public static StepType Type { get; } = new("removeTag", pauses: false, r => TagField.Read(r, (id, next, tag) => new RemoveTagStep(id, next, tag)));

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override StepOutcome Execute(StepContext context)
    {
        context.ChangeProfile(context.Profile with { Tags = context.Profile.Tags.Remove(Tag) });
        return StepOutcome.Next(Next);
    }

    public override void WriteFields(Utf8JsonWriter w) => TagField.Write(w, Tag, Next);
}

/// <summary>The fields the two tag steps share: "tag" and "next".</summary>
internal static class TagField
{
    /// <summary>Longer tags are a sign of data in the wrong place (a trait); the bound keeps profiles small.</summary>
    public const int MaxLength = 64;

    public static FlowStep? Read(StepReader r, Func<string, string?, string, FlowStep> create)
    {
        string? next = r.Link("next");
        string? tag = r.RequiredString("tag");
        if (tag is { Length: > MaxLength })
        {
            r.Error("tag", $"must be at most {MaxLength} characters");
        }

        return r.Valid ? create(r.Id!, next, tag!) : null;
    }

    public static void Write(Utf8JsonWriter w, string tag, string? next)
    {
        w.WriteString("tag", tag);
        StepWriter.Optional(w, "next", next);
    }
}
