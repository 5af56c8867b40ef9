namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// One customer's orders inside the look-back window (see <see cref="RfmWindow"/>), already aggregated:
/// the time of the latest order, how many orders and their total amount. Orders outside the window must not
/// be counted here — the window bounds the whole analysis, so a customer who bought 40 times three years ago
/// and once last month has frequency 1. The server builds these with one grouped query over its orders
/// (<c>WHERE ordered_at &gt;= @start AND ordered_at &lt;= @end GROUP BY customer_id</c>), or with
/// <see cref="RfmInputBuilder"/> when it streams orders.
/// </summary>
/// <remarks>A struct: the scorer takes a million of these and should not cost a million allocations.</remarks>
/// <param name="Orders">At least 1: a customer without orders in the window does not take part.</param>
/// <param name="Revenue">The sum of the window's order amounts (net of refunds if the server nets them); may be zero or negative.</param>
public readonly record struct RfmInput(string CustomerId, DateTimeOffset LastOrderAt, int Orders, decimal Revenue);
