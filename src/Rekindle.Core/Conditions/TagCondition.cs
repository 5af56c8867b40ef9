using System.Text.Json;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>Whether the contact has a tag (ordinal, case-sensitive): <c>{"tag": "vip"}</c>, <c>{"tag": "vip", "has": false}</c>.</summary>
public sealed record TagCondition(string Tag, bool Has = true) : Condition
{
    internal const string Key = "tag";

    internal static TagCondition? Read(JsonObjectReader r)
    {
        string? tag = r.RequiredString(Key);
        bool? has = r.OptionalBool("has", true);
        return tag is null || has is null ? null : new TagCondition(tag, has.Value);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key, Tag);
        if (!Has)
        {
            w.WriteBoolean("has", false);
        }

        w.WriteEndObject();
    }
}
