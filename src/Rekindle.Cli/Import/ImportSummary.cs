using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rekindle.Cli.Import;

/// <summary>The server's import summary as a person reads it.</summary>
internal static class ImportSummary
{
    public static string Format(JsonElement s)
    {
        var text = new StringBuilder();
        Line(text, "rows read", s.GetProperty("rowsRead").GetInt64());
        Line(text, "orders in the file", s.GetProperty("ordersInFile").GetInt64());
        Line(text, "orders created", s.GetProperty("ordersNew").GetInt64());
        Line(text, "customers in the file", s.GetProperty("customersInFile").GetInt64());
        Line(text, "customers created", s.GetProperty("customersNew").GetInt64());
        Line(text, "rows skipped", s.GetProperty("rowsSkipped").GetInt64());
        foreach (var reason in s.GetProperty("skippedByReason").EnumerateObject())
        {
            Line(text, "  " + reason.Name, reason.Value.GetInt64());
        }

        var examples = s.GetProperty("firstSkipped").EnumerateArray().Where(r => r.GetProperty("reason").GetString() != "missing-customer").Take(5).ToList();
        if (examples.Count > 0)
        {
            text.AppendLine("examples of skipped rows:");
            foreach (var row in examples)
            {
                text.Append(CultureInfo.InvariantCulture, $"  line {row.GetProperty("line").GetInt64()}: {row.GetProperty("reason").GetString()} — ")
                    .AppendLine(row.GetProperty("detail").GetString());
            }
        }

        return text.ToString().TrimEnd();
    }

    private static void Line(StringBuilder text, string label, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"{label,-24}{value,12:N0}").AppendLine();
}
