using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Core.Orders;

namespace Rekindle.Cli.ModelReport;

/// <summary>
/// <c>rekindle model-report FILE --calibration-end DATE --holdout-end DATE</c>: fits the churn model on a
/// transactions file's calibration period and compares its predictions with the holdout period — for analysts who
/// must trust the model on their own data before the shop acts on it. Runs locally; no server needed.
/// </summary>
internal static class ModelReportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Transactions: the CDNOW_master layout, or an order CSV in the generic or Online Retail layout (docs/import.md); .gz is read as gzip" };
        var format = new Option<string>("--format") { Description = "cdnow, generic or online-retail", DefaultValueFactory = _ => "cdnow" };
        format.AcceptOnlyFromAmong("cdnow", "generic", "online-retail");
        var calibrationEnd = new Option<string>("--calibration-end") { Description = "Last day of the calibration period (yyyy-MM-dd)", Required = true };
        var holdoutEnd = new Option<string>("--holdout-end") { Description = "Last day of the holdout period (yyyy-MM-dd)", Required = true };
        var model = new Option<string>("--model") { Description = "bg-nbd or pareto-nbd", DefaultValueFactory = _ => "bg-nbd" };
        model.AcceptOnlyFromAmong("bg-nbd", "pareto-nbd");
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("model-report", "Fit the churn model on a calibration period and compare its predictions with a holdout period")
        {
            file, format, calibrationEnd, holdoutEnd, model, json,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(calibrationEnd)!,
            parse.GetValue(holdoutEnd)!, parse.GetValue(model) == "pareto-nbd", parse.GetValue(json)));
        return command;
    }

    private static int Run(FileInfo file, string format, string calibrationText, string holdoutText, bool pareto, bool json)
    {
        if (!TryDate(calibrationText, "--calibration-end", out var calibrationEnd) || !TryDate(holdoutText, "--holdout-end", out var holdoutEnd))
        {
            return 2;
        }

        if (!file.Exists)
        {
            Console.Error.WriteLine($"error: {file.FullName} does not exist");
            return 2;
        }

        try
        {
            using var raw = file.OpenRead();
            using var stream = file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress) : (Stream)raw;
            var transactions = format == "cdnow"
                ? CdnowTransactionReader.Read(new StreamReader(stream)).ToList()
                : new OrderCsvImporter(stream, format == "generic" ? OrderCsvFormat.Generic : OrderCsvFormat.OnlineRetail).ReadAll().OfType<ImportedOrder>()
                    .Select(o => new Transaction(o.Order.CustomerId, DateOnly.FromDateTime(o.Order.Timestamp.UtcDateTime), o.Order.Total)).ToList();
            var report = CalibrationHoldout.Run(transactions, calibrationEnd, holdoutEnd, pareto);
            var backtest = BacktestSection.Run(transactions, calibrationEnd, holdoutEnd);
            Console.WriteLine(json ? Json(report, backtest) : Format(report) + Environment.NewLine + BacktestSection.Format(backtest));
            return report.Converged ? 0 : 1;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The calibration report's keys as they always were, plus <c>backtest</c>: the churn risk decision.</summary>
    private static string Json(CalibrationHoldoutReport report, ChurnSelection backtest)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        var node = JsonSerializer.SerializeToNode(report, options)!.AsObject();
        node["backtest"] = JsonSerializer.SerializeToNode(new
        {
            backtest.Backtest.Cutoff, backtest.Backtest.AsOf, backtest.Backtest.Customers, backtest.Backtest.Buyers, backtest.Backtest.BaseRate,
            chosen = backtest.Model, backtest.Reason, backtest.Fallback, backtest.Backtest.Results, backtest.Importance,
        }, options);
        return node.ToJsonString(options);
    }

    private static bool TryDate(string text, string option, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        Console.Error.WriteLine($"error: {option} '{text}' is not a date like 1997-09-30");
        return false;
    }

    private static string Format(CalibrationHoldoutReport r)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{r.Model} fitted on {r.Customers:N0} customers, calibration {r.CalibrationStart:yyyy-MM-dd} .. {r.CalibrationEnd:yyyy-MM-dd}")
            .AppendLine();
        if (!r.Converged)
        {
            return text.Append("the fit did not converge: ").Append(r.Failure).ToString();
        }

        text.Append("  ").AppendJoin(", ", r.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} = {p.Value:F4}")))
            .Append(CultureInfo.InvariantCulture, $"; log-likelihood {r.LogLikelihood:F2}").AppendLine().AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Holdout {r.CalibrationEnd:yyyy-MM-dd} .. {r.HoldoutEnd:yyyy-MM-dd} ({r.HoldoutWeeks:F1} weeks): mean purchases per customer")
            .AppendLine()
            .AppendLine("  repeat purchases in calibration   customers     actual  predicted");
        foreach (var g in r.Groups)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {g.Label,-32}{g.Customers,10:N0}{g.ActualMean,11:F3}{g.PredictedMean,11:F3}").AppendLine();
        }

        return text.Append(CultureInfo.InvariantCulture, $"  {"total purchases",-32}{r.Customers,10:N0}{r.ActualTotal,11:F0}{r.PredictedTotal,11:F1}").ToString();
    }
}
