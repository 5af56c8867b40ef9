using System.Text.Json;
using Rekindle.Core.Consent;

namespace Rekindle.Core.Flows;

/// <summary>Sets a trait on the contact ("vip": true, "winback_stage": 2); later steps and flows see it.</summary>
/// <param name="Value">Any JSON value; null removes the trait.</param>
public sealed record SetAttributeStep(string Id, string? Next, string Trait, JsonElement Value) : FlowStep(Id)
{
    public static StepType Type { get; } = new("setAttribute", pauses: false, Read);

    public override StepType Kind => Type;

    public bool Equals(SetAttributeStep? other) =>
        other is not null && Id == other.Id && Next == other.Next && Trait == other.Trait && Value.GetRawText() == other.Value.GetRawText();

    public override int GetHashCode() => HashCode.Combine(Id, Trait, Value.GetRawText());

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override StepOutcome Execute(StepContext context)
    {
        var traits = Value.ValueKind == JsonValueKind.Null
            ? context.Profile.Traits.Remove(Trait)
            : context.Profile.Traits.SetItem(Trait, Value);
        context.ChangeProfile(context.Profile with { Traits = traits });
        return StepOutcome.Next(Next);
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("trait", Trait);
        w.WritePropertyName("value");
        Value.WriteTo(w);
        StepWriter.Optional(w, "next", Next);
    }

    private static bool IsConsentTrait(string trait) =>
        ConsentChannels.All.Any(c => trait == c + "_consent" || trait == c + "Consent");

    private static SetAttributeStep? Read(StepReader r)
    {
        string? next = r.Link("next");
        string? trait = r.RequiredString("trait");
        if (trait is not null && (trait is "email" or "phone" or "userId" or "user_id" || IsConsentTrait(trait)))
        {
            // Addresses are identities and consent has its own rules and audit trail; a flow must not rewrite them here.
            r.Error("trait", $"'{trait}' is an address or a consent trait, which a flow cannot set");
        }

        JsonElement value = r.Get("value");
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            r.Error("value", "is required (null removes the trait)");
        }

        return r.Valid ? new SetAttributeStep(r.Id!, next, trait!, value.Clone()) : null;
    }
}
