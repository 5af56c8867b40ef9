using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Core.Tests.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

/// <summary>The CDNOW sample and Online Retail as purchase histories, read once per test run.</summary>
internal static class RealShops
{
    private static readonly Lazy<PurchaseHistory> Cdnow = new(() =>
    {
        var builder = new PurchaseHistoryBuilder();
        foreach (var t in CdnowData.Sample())
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        return builder.Build();
    });

    private static readonly Lazy<PurchaseHistory> Retail = new(() =>
    {
        var builder = new PurchaseHistoryBuilder();
        foreach (var order in OnlineRetailOrders.Read())
        {
            builder.Add(order.CustomerId, order.At, order.Amount);
        }

        return builder.Build();
    });

    public static PurchaseHistory CdnowSample => Cdnow.Value;

    public static PurchaseHistory OnlineRetail => Retail.Value;
}
