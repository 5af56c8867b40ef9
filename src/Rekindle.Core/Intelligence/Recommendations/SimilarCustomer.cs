namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>A training customer found alike by <see cref="SimilarCustomersModel"/>, with the cosine of their purchases.</summary>
public sealed record SimilarCustomer(string CustomerId, double Similarity);
