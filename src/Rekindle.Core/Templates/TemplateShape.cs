using System.Collections.Frozen;

namespace Rekindle.Core.Templates;

/// <summary>
/// The names a template can reach in the model, for checking templates before they are used: what
/// <see cref="TemplateModel.Build"/> fills, described without values.
/// </summary>
public abstract record TemplateShape
{
    /// <summary>A name under which anything may be: nothing below it is checked.</summary>
    public static TemplateShape Any { get; } = new AnyShape();

    /// <summary>A text, number, date or boolean.</summary>
    public static TemplateShape Value { get; } = new ValueShape();
}

/// <summary>Anything; used for values whose inside the model does not describe (a trait's value, a local variable).</summary>
public sealed record AnyShape : TemplateShape;

/// <summary>A single value: only Liquid's <c>size</c> is below it.</summary>
public sealed record ValueShape : TemplateShape;

/// <summary>An object with exactly these members.</summary>
public sealed record ObjectShape(FrozenDictionary<string, TemplateShape> Members) : TemplateShape
{
    public static ObjectShape Of(params (string Name, TemplateShape Shape)[] members) =>
        new(members.ToFrozenDictionary(m => m.Name, m => m.Shape, StringComparer.Ordinal));
}

/// <summary>A list; Liquid reaches its elements by index, <c>first</c>, <c>last</c> or a for loop, and its length by <c>size</c>.</summary>
public sealed record ListShape(TemplateShape Element) : TemplateShape;

/// <summary>
/// A free-form object (a contact's traits): any name may be there, but these are the ones known to be used, so another
/// name is most likely a typo. Values below them are not checked.
/// </summary>
public sealed record OpenShape(FrozenSet<string> KnownNames) : TemplateShape;

/// <summary>A name the model has only when the step asks for it (<c>coupon</c>, <c>recommendations</c>).</summary>
/// <param name="Reason">Why it is empty here, e.g. "this step names no coupon campaign (\"coupon\")".</param>
public sealed record UnavailableShape(string Reason) : TemplateShape;
