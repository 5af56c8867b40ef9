namespace Rekindle.Core.Intelligence.Clv;

/// <summary>A repeat customer's spend summary: x repeat purchases with mean value m, and a weight (e.g. 1).</summary>
public readonly record struct SpendRow(double Frequency, double MonetaryValue, double Weight = 1);
