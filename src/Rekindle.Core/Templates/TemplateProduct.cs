namespace Rekindle.Core.Templates;

/// <summary>A recommended product as an email shows it; the catalogue's fields are null when it does not know the product.</summary>
/// <param name="Source">Which recommender chose it: bought-together, similar-customers, upsell or best-seller.</param>
public sealed record TemplateProduct(
    string ProductId, string? Name, decimal? Price, string? Currency, string? Url, string? ImageUrl, string Source);
