using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Core.Orders;

namespace Rekindle.Cli.Recommend;

/// <summary>
/// <c>rekindle recommend evaluate FILE --cutoff DATE</c>: trains "bought together" and "customers like you" on the
/// orders before the cut-off and measures, on each customer's new purchases after it, hit rate@K and recall@K beside
/// a best-sellers baseline in the same run, leaving out what the server never recommends (postage, fees and the other
/// bookkeeping lines <see cref="ProductCodes.IsBookkeeping"/> finds by the names and prices in the file). Runs locally on the file.
/// </summary>
internal static class RecommendCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Order history: the Online Retail CSV (plain or gzip) or the generic order CSV" };
        var format = new Option<string>("--format") { Description = "online-retail or generic", DefaultValueFactory = _ => "online-retail" };
        format.AcceptOnlyFromAmong("online-retail", "generic");
        var cutoff = new Option<string>("--cutoff") { Description = "Train on orders before this day (yyyy-MM-dd), evaluate on the orders from it on", Required = true };
        var k = new Option<int>("--k") { Description = "Length of each recommendation list", DefaultValueFactory = _ => 10 };
        var evaluate = new Command("evaluate", "Offline evaluation of the bought-together and customers-like-you recommenders against best sellers") { file, format, cutoff, k };
        evaluate.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(cutoff)!, parse.GetValue(k)));
        return new Command("recommend", "Product recommendations") { evaluate };
    }

    private static int Run(FileInfo file, string format, string cutoffText, int k)
    {
        if (!DateOnly.TryParseExact(cutoffText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var cutoff))
        {
            Console.Error.WriteLine($"error: --cutoff '{cutoffText}' is not a date like 2011-09-01");
            return 2;
        }

        if (k < 1)
        {
            Console.Error.WriteLine($"error: --k must be at least 1, not {k}");
            return 2;
        }

        if (!file.Exists)
        {
            Console.Error.WriteLine($"error: {file.FullName} does not exist");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        using var stream = file.OpenRead();
        var layout = format == "generic" ? OrderCsvFormat.Generic : OrderCsvFormat.OnlineRetail;
        var orders = new OrderCsvImporter(stream, layout).ReadAll().OfType<ImportedOrder>().Select(o => o.Order).ToList();
        var result = RecommenderEvaluation.Run(orders, new DateTimeOffset(cutoff.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new RecommenderEvaluationOptions(K: k, IsProduct: RecommenderEvaluation.ProductsOf(orders).IsProduct));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {result.TrainingOrders:N0} orders before {cutoff:yyyy-MM-dd} ({result.TrainingProducts:N0} products); evaluated on {result.CustomersEvaluated:N0} customers with new purchases after it"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"",-20}{"hit rate@" + k,12}{"recall@" + k,12}"));
        Row("bought together", result.BoughtTogether);
        Row("customers like you", result.SimilarCustomers);
        Row("best sellers", result.BestSellers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({watch.Elapsed.TotalSeconds:F1} s)"));
        return 0;
    }

    private static void Row(string name, RecommenderScore score) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-20}{score.HitRate,12:P2}{score.Recall,12:P2}"));
}
