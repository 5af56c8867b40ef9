namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>The names of the default map's eleven segments (see docs/rfm.md for what each means).</summary>
public static class RfmSegments
{
    public const string Champions = "Champions";
    public const string Loyal = "Loyal";
    public const string PotentialLoyalist = "Potential Loyalist";
    public const string NewCustomers = "New Customers";
    public const string Promising = "Promising";
    public const string NeedAttention = "Need Attention";
    public const string AboutToSleep = "About to Sleep";
    public const string AtRisk = "At Risk";
    public const string CannotLoseThem = "Cannot Lose Them";
    public const string Hibernating = "Hibernating";
    public const string Lost = "Lost";
}
