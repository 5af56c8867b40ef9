namespace Rekindle.Core.Contacts;

/// <summary>One line of a shopper's current cart, as the Segment e-commerce events describe it.</summary>
public sealed record CartItem(
    string ProductId,
    string? Sku,
    string Name,
    decimal Price,
    int Quantity,
    string? Category,
    string? ImageUrl,
    string? Url);
