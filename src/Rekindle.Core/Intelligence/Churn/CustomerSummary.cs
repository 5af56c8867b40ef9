namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// One customer's purchase history in the form the BTYD models read (Fader, Hardie &amp; Lee 2005 notation in
/// brackets), all times in the model's time unit (e.g. weeks).
/// </summary>
/// <param name="CustomerId">The customer's id as given to the builder.</param>
/// <param name="Frequency">Repeat purchases (x): distinct purchase periods minus one.</param>
/// <param name="Recency">Age at the last purchase (t_x): last minus first purchase period; 0 for one-time buyers.</param>
/// <param name="T">Age at the end of observation (T): observation end minus first purchase period.</param>
/// <param name="MonetaryValue">Mean spend per repeat period, the first period excluded; 0 without repeats.</param>
public sealed record CustomerSummary(string CustomerId, double Frequency, double Recency, double T, decimal MonetaryValue);
