using System.IO.Compression;
using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Core.Orders;
using Rekindle.Testing;

namespace Rekindle.Learning.Tests.Churn;

/// <summary>The real shops of ../shared/data as purchase histories, read the way the server imports them.</summary>
internal static class ShopHistories
{
    private static readonly Lazy<PurchaseHistory> OnlineRetailFull = new(() => OrderFile(SharedData.File("online_retail", "online_retail.csv.gz")));
    private static readonly Lazy<PurchaseHistory> CdnowSampleHistory = new(() =>
    {
        using var reader = new StreamReader(SharedData.File("cdnow", "CDNOW_sample.txt"));
        var builder = new PurchaseHistoryBuilder();
        foreach (var t in CdnowTransactionReader.Read(reader))
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        return builder.Build();
    });

    /// <summary>UCI Online Retail, 4,338 customers with orders, 2010-12-01 .. 2011-12-09.</summary>
    public static PurchaseHistory OnlineRetail => OnlineRetailFull.Value;

    /// <summary>The CDNOW sample: 2,357 customers, first purchases in Q1 1997, up to 1998-06-30.</summary>
    public static PurchaseHistory CdnowSample => CdnowSampleHistory.Value;

    private static PurchaseHistory OrderFile(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var builder = new PurchaseHistoryBuilder();
        foreach (var order in new OrderCsvImporter(gzip, OrderCsvFormat.OnlineRetail).ReadAll().OfType<ImportedOrder>())
        {
            builder.Add(order.Order.CustomerId, order.Order.Timestamp, order.Order.Total);
        }

        return builder.Build();
    }
}
