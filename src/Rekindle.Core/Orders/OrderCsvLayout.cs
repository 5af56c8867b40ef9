using System.Collections.Immutable;
using System.Globalization;

namespace Rekindle.Core.Orders;

/// <summary>What a column means, whatever the layout calls it.</summary>
internal enum OrderField
{
    OrderId,
    CustomerId,
    Email,
    Timestamp,
    Currency,
    ProductId,
    Sku,
    Name,
    Category,
    Quantity,
    UnitPrice,
    OrderTotal,
}

/// <summary>A CSV layout: its column names and the rules that differ between layouts.</summary>
internal abstract class OrderCsvLayout
{
    public static OrderCsvLayout For(OrderCsvFormat format) => format switch
    {
        OrderCsvFormat.OnlineRetail => OnlineRetailLayout.Instance,
        OrderCsvFormat.Generic => GenericOrderLayout.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown order CSV format."),
    };

    /// <summary>The name the CLI uses (--format).</summary>
    public abstract string Name { get; }

    /// <summary>Header name (case-insensitive) → meaning.</summary>
    public abstract IReadOnlyDictionary<string, OrderField> Columns { get; }

    /// <summary>Each entry is satisfied when any of its fields has a column.</summary>
    public abstract IReadOnlyList<OrderField[]> Required { get; }

    /// <summary>The currency of every order when the layout has no currency column.</summary>
    public abstract string? FixedCurrency { get; }

    public abstract bool IsCancellation(string orderId);

    public abstract bool TryParseTimestamp(string text, out DateTimeOffset value);

    /// <summary>Maps the header to column positions; throws when a required column is missing or repeated.</summary>
    public OrderRowParser Bind(CsvRecord header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Error is not null)
        {
            throw new OrderCsvHeaderException($"The header row (line {header.Line}) is not valid CSV: {header.Error}.");
        }

        var positions = new int[Enum.GetValues<OrderField>().Length];
        Array.Fill(positions, -1);
        var names = new string?[positions.Length];
        var ignored = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < header.Fields.Length; i++)
        {
            var name = header.Fields[i].Trim();
            if (!Columns.TryGetValue(name, out var field))
            {
                ignored.Add(name);
                continue;
            }

            if (positions[(int)field] >= 0)
            {
                throw new OrderCsvHeaderException(
                    $"The header names the column {name} twice (fields {positions[(int)field] + 1} and {i + 1}).");
            }

            positions[(int)field] = i;
            names[(int)field] = name;
        }

        var missing = Required
            .Where(any => any.All(field => positions[(int)field] < 0))
            .Select(any => string.Join(" or ", any.Select(ColumnName)))
            .ToList();
        if (missing.Count > 0)
        {
            throw new OrderCsvHeaderException(string.Create(
                CultureInfo.InvariantCulture,
                $"This is not the {Name} layout: the header lacks {string.Join(", ", missing)} "
                + $"(found: {string.Join(", ", header.Fields)})."));
        }

        return new OrderRowParser(this, positions, names, header.Fields.Length, ignored.ToImmutable());
    }

    /// <summary>The layout's own spelling of a field's column, for messages.</summary>
    public string ColumnName(OrderField field) => Columns.First(c => c.Value == field).Key;
}
