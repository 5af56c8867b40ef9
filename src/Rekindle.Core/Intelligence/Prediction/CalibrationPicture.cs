using System.Globalization;
using System.Security;
using System.Text;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// The backtest as a picture: for each model, its customers in ten groups by predicted probability, the mean
/// prediction (across) against the share who actually bought (up). A model on the diagonal says what happens; above
/// it, it was too gloomy; below, too hopeful. Beside it, each model's and each baseline's AUC and Brier score, the
/// chosen model first. Self-contained SVG, like the RFM grid.
/// </summary>
public static class CalibrationPicture
{
    private const int PlotLeft = 70;
    private const int PlotTop = 80;
    private const int PlotSize = 400;
    private const int LegendLeft = PlotLeft + PlotSize + 40;
    private const int Width = LegendLeft + 360;
    private const int Height = PlotTop + PlotSize + 70;
    private static readonly string[] Colours = ["#c0392b", "#2e86c1", "#1b7f3b", "#8e44ad", "#d35400"];

    /// <param name="chosen">The chosen model's name, drawn strongest and listed first.</param>
    public static string Svg(ChurnBacktest backtest, string chosen, string title)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        ArgumentNullException.ThrowIfNull(title);
        var models = backtest.Results.Where(r => !r.Baseline).OrderByDescending(r => r.Model == chosen).ThenByDescending(r => r.Auc ?? -1).ToList();
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" "))
            .Append("font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">")
            .Append(Inv($"<title>{Text(title)}</title>"))
            .Append(Inv($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>"))
            .Append(Inv($"<text x=\"{PlotLeft}\" y=\"30\" font-size=\"18\" font-weight=\"bold\" fill=\"#222\">{Text(title)}</text>"))
            .Append(Inv($"<text x=\"{PlotLeft}\" y=\"54\" font-size=\"13\" fill=\"#555\">{Text(Subtitle(backtest))}</text>"));
        Axes(svg, backtest.BaseRate);
        for (int i = 0; i < models.Count; i++)
        {
            Curve(svg, models[i], Colours[i % Colours.Length], models[i].Model == chosen);
        }

        Legend(svg, models, backtest.Results.Where(r => r.Baseline).ToList(), chosen);
        return svg.Append("</svg>").ToString();
    }

    private static string Subtitle(ChurnBacktest b) => Inv(
        $"Fitted on what was known at {b.Cutoff:yyyy-MM-dd}; {b.Customers:N0} customers, {b.Buyers:N0} ({b.BaseRate:P1}) bought by {b.AsOf:yyyy-MM-dd}");

    private static void Axes(StringBuilder svg, double baseRate)
    {
        int bottom = PlotTop + PlotSize;
        svg.Append(Inv($"<rect x=\"{PlotLeft}\" y=\"{PlotTop}\" width=\"{PlotSize}\" height=\"{PlotSize}\" fill=\"#fafafa\" stroke=\"#999\"/>"));
        for (int tick = 0; tick <= 10; tick += 2)
        {
            double v = tick / 10.0;
            svg.Append(Inv($"<line x1=\"{X(v)}\" y1=\"{bottom}\" x2=\"{X(v)}\" y2=\"{bottom + 5}\" stroke=\"#999\"/>"))
                .Append(Inv($"<text x=\"{X(v)}\" y=\"{bottom + 20}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">{v:P0}</text>"))
                .Append(Inv($"<line x1=\"{PlotLeft - 5}\" y1=\"{Y(v)}\" x2=\"{PlotLeft}\" y2=\"{Y(v)}\" stroke=\"#999\"/>"))
                .Append(Inv($"<text x=\"{PlotLeft - 9}\" y=\"{Y(v) + 4}\" font-size=\"12\" text-anchor=\"end\" fill=\"#555\">{v:P0}</text>"));
        }

        svg.Append(Inv($"<line x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\" stroke=\"#bbb\" stroke-dasharray=\"6 4\"/>"))
            .Append(Inv($"<text x=\"{X(0.84)}\" y=\"{Y(0.84) + 16}\" font-size=\"12\" fill=\"#999\" text-anchor=\"middle\" transform=\"rotate(-45 {X(0.84)} {Y(0.84) + 16})\">said = happened</text>"))
            .Append(Inv($"<line x1=\"{X(0)}\" y1=\"{Y(baseRate)}\" x2=\"{X(1)}\" y2=\"{Y(baseRate)}\" stroke=\"#d4ac0d\" stroke-dasharray=\"2 3\"/>"))
            .Append(Inv($"<text x=\"{X(1) - 4}\" y=\"{Y(baseRate) - 5}\" font-size=\"12\" text-anchor=\"end\" fill=\"#b7950b\">base rate {baseRate:P1}</text>"))
            .Append(Inv($"<text x=\"{PlotLeft + PlotSize / 2}\" y=\"{bottom + 45}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#333\">predicted probability of buying (mean of each tenth of customers)</text>"))
            .Append(Inv($"<text x=\"22\" y=\"{PlotTop + PlotSize / 2}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 22 {PlotTop + PlotSize / 2})\">share who actually bought</text>"));
    }

    private static void Curve(StringBuilder svg, BacktestResult model, string colour, bool chosen)
    {
        if (model.Calibration.Count == 0)
        {
            return;
        }

        string points = string.Join(" ", model.Calibration.Select(b => Inv($"{X(b.MeanPredicted):F1},{Y(b.ActualShare):F1}")));
        svg.Append(Inv($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(chosen ? 3 : 1.5)}\" opacity=\"{(chosen ? 1 : 0.6)}\"/>"));
        foreach (var bin in model.Calibration)
        {
            svg.Append(Inv($"<circle cx=\"{X(bin.MeanPredicted):F1}\" cy=\"{Y(bin.ActualShare):F1}\" r=\"{(chosen ? 4.5 : 3)}\" fill=\"{colour}\" opacity=\"{(chosen ? 1 : 0.6)}\">"))
                .Append(Inv($"<title>{Text(model.Model)} decile {bin.Decile}: {bin.Customers:N0} customers, predicted {bin.MeanPredicted:P1}, bought {bin.ActualShare:P1}</title></circle>"));
        }
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<BacktestResult> models, IReadOnlyList<BacktestResult> baselines, string chosen)
    {
        int y = PlotTop + 10;
        svg.Append(Inv($"<text x=\"{LegendLeft}\" y=\"{y}\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">model</text>"))
            .Append(Inv($"<text x=\"{LegendLeft + 230}\" y=\"{y}\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"end\" fill=\"#222\">AUC</text>"))
            .Append(Inv($"<text x=\"{LegendLeft + 300}\" y=\"{y}\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"end\" fill=\"#222\">Brier</text>"));
        for (int i = 0; i < models.Count; i++)
        {
            y += 26;
            var m = models[i];
            string colour = Colours[i % Colours.Length];
            string name = m.Model + (m.Model == chosen ? " (chosen)" : "");
            svg.Append(Inv($"<rect x=\"{LegendLeft}\" y=\"{y - 11}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>"))
                .Append(Inv($"<text x=\"{LegendLeft + 22}\" y=\"{y}\" font-size=\"13\" fill=\"#222\"{(m.Model == chosen ? " font-weight=\"bold\"" : "")}>{Text(name)}</text>"))
                .Append(Inv($"<text x=\"{LegendLeft + 230}\" y=\"{y}\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">{Figure(m.Auc)}</text>"))
                .Append(Inv($"<text x=\"{LegendLeft + 300}\" y=\"{y}\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">{Figure(m.Brier)}</text>"));
            if (m.Unavailable is not null)
            {
                y += 18;
                svg.Append(Inv($"<text x=\"{LegendLeft + 22}\" y=\"{y}\" font-size=\"11\" fill=\"#888\">{Text(Shorten(m.Unavailable))}</text>"));
            }
        }

        y += 40;
        svg.Append(Inv($"<text x=\"{LegendLeft}\" y=\"{y}\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">baselines (rank only)</text>"));
        foreach (var b in baselines)
        {
            y += 24;
            svg.Append(Inv($"<text x=\"{LegendLeft + 22}\" y=\"{y}\" font-size=\"13\" fill=\"#555\">{Text(b.Model)}</text>"))
                .Append(Inv($"<text x=\"{LegendLeft + 230}\" y=\"{y}\" font-size=\"13\" text-anchor=\"end\" fill=\"#555\">{Figure(b.Auc)}</text>"));
        }

        y += 40;
        svg.Append(Inv($"<text x=\"{LegendLeft}\" y=\"{y}\" font-size=\"11\" fill=\"#777\">AUC: chance a buyer ranks above a non-buyer</text>"))
            .Append(Inv($"<text x=\"{LegendLeft}\" y=\"{y + 16}\" font-size=\"11\" fill=\"#777\">(0.5 = a coin). Brier: mean squared error</text>"))
            .Append(Inv($"<text x=\"{LegendLeft}\" y=\"{y + 32}\" font-size=\"11\" fill=\"#777\">of the probability (lower is better).</text>"));
    }

    private static string Shorten(string text) => text.Length <= 58 ? text : text[..57] + "…";

    private static string Figure(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "—";

    private static double X(double probability) => PlotLeft + Math.Clamp(probability, 0, 1) * PlotSize;

    private static double Y(double share) => PlotTop + PlotSize - Math.Clamp(share, 0, 1) * PlotSize;

    private static string Text(string text) => SecurityElement.Escape(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
