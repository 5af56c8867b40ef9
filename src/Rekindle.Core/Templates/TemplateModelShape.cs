using System.Collections.Frozen;

namespace Rekindle.Core.Templates;

/// <summary>
/// The shape of <see cref="TemplateModel.Build"/>'s model for one email step: <c>contact</c>, <c>cart</c> (with
/// <c>item</c>s), and <c>coupon</c> and <c>recommendations</c> when the step asks for them. A test builds a full model
/// and compares it with this shape, so the two cannot drift apart.
/// </summary>
/// <remarks>
/// Contact traits are free-form: the shop decides their names. The names known to be fine are Segment's reserved
/// identify traits (<see cref="ReservedTraits"/>) and every trait name already seen on the shop's contacts; a name
/// that is neither is reported, as it is most likely a typo of one that is.
/// </remarks>
public static class TemplateModelShape
{
    /// <summary>Segment's reserved identify traits (segment.com/docs/connections/spec/identify/#traits).</summary>
    public static readonly FrozenSet<string> ReservedTraits = FrozenSet.Create(StringComparer.Ordinal,
        "address", "age", "avatar", "birthday", "company", "createdAt", "description", "email", "firstName", "gender", "id",
        "lastName", "name", "phone", "title", "username", "website",
        // The snake_case spellings Rekindle reads names and consent from.
        "first_name", "last_name", "email_consent", "sms_consent", "push_consent");

    private static readonly ObjectShape Item = ObjectShape.Of(
        ("product_id", TemplateShape.Value), ("sku", TemplateShape.Value), ("name", TemplateShape.Value),
        ("price", TemplateShape.Value), ("quantity", TemplateShape.Value), ("line_total", TemplateShape.Value),
        ("category", TemplateShape.Value), ("image_url", TemplateShape.Value), ("url", TemplateShape.Value));

    private static readonly ObjectShape Cart = ObjectShape.Of(
        ("items", new ListShape(Item)), ("item_count", TemplateShape.Value), ("total", TemplateShape.Value),
        ("currency", TemplateShape.Value), ("updated_at", TemplateShape.Value));

    private static readonly ObjectShape Coupon = ObjectShape.Of(
        ("code", TemplateShape.Value), ("campaign", TemplateShape.Value), ("tier", TemplateShape.Value),
        ("value", TemplateShape.Value), ("percent_off", TemplateShape.Value), ("amount_off", TemplateShape.Value),
        ("currency", TemplateShape.Value), ("expires_at", TemplateShape.Value));

    private static readonly ObjectShape Product = ObjectShape.Of(
        ("product_id", TemplateShape.Value), ("name", TemplateShape.Value), ("price", TemplateShape.Value),
        ("currency", TemplateShape.Value), ("url", TemplateShape.Value), ("image_url", TemplateShape.Value),
        ("source", TemplateShape.Value));

    /// <param name="hasCoupon">The step names a coupon campaign.</param>
    /// <param name="hasRecommendations">The step asks for recommendations.</param>
    /// <param name="seenTraits">Trait names seen on the shop's contacts, besides the reserved ones.</param>
    public static ObjectShape For(bool hasCoupon, bool hasRecommendations, IEnumerable<string> seenTraits)
    {
        ArgumentNullException.ThrowIfNull(seenTraits);
        var traits = new OpenShape(ReservedTraits.Concat(seenTraits).ToFrozenSet(StringComparer.Ordinal));
        var contact = ObjectShape.Of(
            ("id", TemplateShape.Value), ("email", TemplateShape.Value), ("phone", TemplateShape.Value),
            ("user_id", TemplateShape.Value), ("first_name", TemplateShape.Value), ("last_name", TemplateShape.Value),
            ("traits", traits), ("orders", TemplateShape.Value), ("revenue", TemplateShape.Value),
            ("created_at", TemplateShape.Value), ("first_order_at", TemplateShape.Value), ("last_order_at", TemplateShape.Value));
        return ObjectShape.Of(
            ("contact", contact),
            ("cart", Cart),
            ("coupon", hasCoupon ? Coupon : new UnavailableShape("this step names no coupon campaign (\"coupon\")")),
            ("recommendations", hasRecommendations
                ? new ListShape(Product)
                : new UnavailableShape("this step asks for no \"recommendations\"")));
    }
}
