namespace Rekindle.Core.Catalog;

/// <summary>
/// A product as the shop's catalogue describes it: what recommendations need to leave out what cannot be sold
/// (<see cref="InStock"/>) and to pick "the deluxe version" (same <see cref="Category"/>, higher <see cref="Price"/>),
/// and what emails need to show it.
/// </summary>
/// <param name="ProductId">The id the shop's events and orders use for the product (Segment's product_id).</param>
/// <param name="Price">Unit price in <paramref name="Currency"/>; null when the shop did not say.</param>
/// <param name="InStock">False only when the shop said so; a product missing from the catalogue counts as available.</param>
public sealed record CatalogProduct(
    string ProductId,
    string? Name,
    string? Category,
    decimal? Price,
    string? Currency,
    bool InStock,
    string? Url,
    string? ImageUrl);
