using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>The profile's own fields a condition can compare (not traits: those are <see cref="TraitCondition"/>).</summary>
public enum ProfileField
{
    Email,
    Phone,
    UserId,
    Currency,
    Orders,
    Revenue,
    Visits,
    PageViews,
    ProductsViewed,
    CartItems,
    CreatedAt,
    FirstSeenAt,
    LastSeenAt,
    FirstOrderAt,
    LastOrderAt,
    CartUpdatedAt,
}

/// <summary>
/// A built-in field of the profile, kept by Rekindle from the events: <c>{"profile": "orders", "op": "gte", "value": 3}</c>,
/// <c>{"profile": "last_order_at", "op": "before", "value": "-90d"}</c>. Text fields take text operators, numbers
/// numeric ones, times date ones; the parser refuses the others.
/// </summary>
public sealed record ProfileCondition(ProfileField Field, ValueTest Test) : Condition
{
    internal const string Key = "profile";

    private static readonly (ProfileField Field, string Name, ValueRules Rules, Func<ContactProfile, JsonElement> Value)[] Fields =
    [
        (ProfileField.Email, "email", ValueRules.Text, p => ConditionJson.Of(p.Email)),
        (ProfileField.Phone, "phone", ValueRules.Text, p => ConditionJson.Of(p.Phone)),
        (ProfileField.UserId, "user_id", ValueRules.Text, p => ConditionJson.Of(p.UserId)),
        (ProfileField.Currency, "currency", ValueRules.Text, p => ConditionJson.Of(p.Currency)),
        (ProfileField.Orders, "orders", ValueRules.Number, p => ConditionJson.Of(p.Orders)),
        (ProfileField.Revenue, "revenue", ValueRules.Number, p => ConditionJson.Of(p.Revenue)),
        (ProfileField.Visits, "visits", ValueRules.Number, p => ConditionJson.Of(p.Visits)),
        (ProfileField.PageViews, "page_views", ValueRules.Number, p => ConditionJson.Of(p.PageViews)),
        (ProfileField.ProductsViewed, "products_viewed", ValueRules.Number, p => ConditionJson.Of(p.ProductsViewed)),
        (ProfileField.CartItems, "cart_items", ValueRules.Number, p => ConditionJson.Of(p.Cart.IsDefault ? 0 : p.Cart.Sum(i => i.Quantity))),
        (ProfileField.CreatedAt, "created_at", ValueRules.Time, p => ConditionJson.Of(p.CreatedAt)),
        (ProfileField.FirstSeenAt, "first_seen_at", ValueRules.Time, p => ConditionJson.Of(p.FirstSeenAt)),
        (ProfileField.LastSeenAt, "last_seen_at", ValueRules.Time, p => ConditionJson.Of(p.LastSeenAt)),
        (ProfileField.FirstOrderAt, "first_order_at", ValueRules.Time, p => ConditionJson.Of(p.FirstOrderAt)),
        (ProfileField.LastOrderAt, "last_order_at", ValueRules.Time, p => ConditionJson.Of(p.LastOrderAt)),
        (ProfileField.CartUpdatedAt, "cart_updated_at", ValueRules.Time, p => ConditionJson.Of(p.CartUpdatedAt)),
    ];

    /// <summary>The JSON names of the fields, as the docs and errors list them.</summary>
    public static IEnumerable<string> FieldNames => Fields.Select(f => f.Name);

    internal static ProfileCondition? Read(JsonObjectReader r, ConditionReader c)
    {
        (int index, ValueTest? test) = ValueTestJson.ReadField(r, Key, "profile field", [.. Fields.Select(f => (f.Name, f.Rules))], c.Errors);
        return index < 0 || test is null ? null : new ProfileCondition(Fields[index].Field, test);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key, Array.Find(Fields, f => f.Field == Field).Name);
        ValueTestJson.Write(w, Test);
        w.WriteEndObject();
    }

    /// <summary>The field's value on <paramref name="profile"/>; Undefined when the profile has none (no order yet).</summary>
    internal static JsonElement ValueOf(ProfileField field, ContactProfile profile) => Array.Find(Fields, f => f.Field == field).Value(profile);
}
