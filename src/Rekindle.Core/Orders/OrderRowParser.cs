using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Orders;

/// <summary>One good row: an order line and the order-level values the row repeats.</summary>
internal sealed record OrderRow(
    long Line,
    string OrderId,
    string CustomerId,
    string? Email,
    DateTimeOffset Timestamp,
    string Currency,
    decimal? DeclaredTotal,
    OrderLine Item);

/// <summary>
/// Reads the rows of one file whose header has been bound. Checks run in the order of
/// <see cref="OrderSkipReason"/>, so each skipped row gets the first reason that applies: a cancellation
/// is a cancellation even when a value in it is broken, and a broken value is reported even on a row
/// that lacks a customer.
/// </summary>
internal sealed class OrderRowParser(
    OrderCsvLayout layout, int[] positions, string?[] names, int fieldCount, ImmutableArray<string> ignoredColumns)
{
    private const int MaxValueInMessage = 200;
    private const NumberStyles Numbers = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public ImmutableArray<string> IgnoredColumns => ignoredColumns;

    /// <summary>The column's name as the file's header spells it.</summary>
    public string Column(OrderField field) => names[(int)field] ?? layout.ColumnName(field);

    public bool TryParse(
        CsvRecord record, [NotNullWhen(true)] out OrderRow? row, [NotNullWhen(false)] out SkippedRow? skipped)
    {
        row = null;
        var fields = record.Fields;
        var orderId = Value(fields, OrderField.OrderId);
        string? id = orderId.Length > 0 ? orderId : null;

        if (id is not null && layout.IsCancellation(id))
        {
            skipped = Skip(record, OrderSkipReason.Cancellation, id, null, null, $"order {id} is a cancellation");
            return false;
        }

        if (record.Error is { } error)
        {
            skipped = Skip(record, OrderSkipReason.Malformed, id, null, null, $"not valid CSV: {error}");
            return false;
        }

        if (fields.Length != fieldCount)
        {
            skipped = Skip(record, OrderSkipReason.Malformed, id, null, null,
                $"{fields.Length} fields where the header has {fieldCount}");
            return false;
        }

        skipped = ReadValues(record, id, out var values);
        if (skipped is not null)
        {
            return false;
        }

        skipped = values.CustomerId.Length == 0
            ? Skip(record, OrderSkipReason.MissingCustomer, id, Column(OrderField.CustomerId), "", "no customer id")
            : values.Quantity <= 0
                ? Bad(record, OrderSkipReason.NonPositiveQuantity, id, OrderField.Quantity, "quantity is not positive")
                : values.UnitPrice <= 0
                    ? Bad(record, OrderSkipReason.NonPositivePrice, id, OrderField.UnitPrice, "unit price is not positive")
                    : null;
        if (skipped is not null)
        {
            return false;
        }

        row = new OrderRow(
            record.Line,
            id!,
            values.CustomerId,
            values.Email,
            values.Timestamp,
            values.Currency,
            values.DeclaredTotal,
            new OrderLine(
                values.ProductId,
                values.Sku,
                Value(fields, OrderField.Name),
                values.Quantity,
                values.UnitPrice,
                Optional(fields, OrderField.Category)));
        return true;
    }

    /// <summary>Parses every typed value; the first that does not parse makes the row malformed.</summary>
    private SkippedRow? ReadValues(CsvRecord record, string? id, out RowValues values)
    {
        var fields = record.Fields;
        values = default;
        if (id is null)
        {
            return Bad(record, OrderSkipReason.Malformed, null, OrderField.OrderId, "no order id");
        }

        if (!layout.TryParseTimestamp(Value(fields, OrderField.Timestamp), out var timestamp))
        {
            return Bad(record, OrderSkipReason.Malformed, id, OrderField.Timestamp, "not a date and time");
        }

        if (!TryQuantity(Value(fields, OrderField.Quantity), out var quantity))
        {
            return Bad(record, OrderSkipReason.Malformed, id, OrderField.Quantity, "not a whole number");
        }

        if (!TryMoney(Value(fields, OrderField.UnitPrice), out var price)
            || Math.Abs(price) * Math.Abs((decimal)quantity) > JsonRead.MaxMoney)
        {
            return Bad(record, OrderSkipReason.Malformed, id, OrderField.UnitPrice, "not a price in range");
        }

        var sku = Optional(fields, OrderField.Sku);
        var productId = Optional(fields, OrderField.ProductId) ?? sku;
        if (productId is null)
        {
            var key = positions[(int)OrderField.ProductId] >= 0 ? OrderField.ProductId : OrderField.Sku;
            return Bad(record, OrderSkipReason.Malformed, id, key, "no product id");
        }

        var currency = layout.FixedCurrency ?? Value(fields, OrderField.Currency).ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            return Bad(record, OrderSkipReason.Malformed, id, OrderField.Currency, "not an ISO 4217 currency code");
        }

        var emailText = Value(fields, OrderField.Email);
        var email = ContactPoints.NormalizeEmail(emailText);
        if (emailText.Length > 0 && email is null)
        {
            return Bad(record, OrderSkipReason.Malformed, id, OrderField.Email, "not an email address");
        }

        decimal? declaredTotal = null;
        if (Optional(fields, OrderField.OrderTotal) is { } totalText)
        {
            if (!TryMoney(totalText, out var total) || total < 0)
            {
                return Bad(record, OrderSkipReason.Malformed, id, OrderField.OrderTotal, "not an amount in range");
            }

            declaredTotal = total;
        }

        values = new RowValues(
            Value(fields, OrderField.CustomerId), email, timestamp, currency, quantity, price, productId, sku,
            declaredTotal);
        return null;
    }

    private static bool TryQuantity(string text, out int quantity)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out quantity))
        {
            return true;
        }

        // "2.0" from spreadsheets is a whole number too.
        if (decimal.TryParse(text, Numbers, CultureInfo.InvariantCulture, out var value)
            && value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue)
        {
            quantity = (int)value;
            return true;
        }

        return false;
    }

    // No thousands separators and no exponent: "1,299" means 1.299 in half the shops' locales.
    private static bool TryMoney(string text, out decimal value) =>
        decimal.TryParse(text, Numbers, CultureInfo.InvariantCulture, out value) && Math.Abs(value) <= JsonRead.MaxMoney;

    private string Value(ImmutableArray<string> fields, OrderField field)
    {
        var position = positions[(int)field];
        return position >= 0 && position < fields.Length ? fields[position].Trim() : string.Empty;
    }

    private string? Optional(ImmutableArray<string> fields, OrderField field)
    {
        var value = Value(fields, field);
        return value.Length == 0 ? null : value;
    }

    private SkippedRow Bad(CsvRecord record, OrderSkipReason reason, string? id, OrderField field, string problem)
    {
        var value = Value(record.Fields, field);
        var shown = value.Length > MaxValueInMessage ? value[..MaxValueInMessage] + "…" : value;
        var column = Column(field);
        return Skip(record, reason, id, column, shown, $"{column} \"{shown}\": {problem}");
    }

    private static SkippedRow Skip(
        CsvRecord record, OrderSkipReason reason, string? id, string? column, string? value, string detail) =>
        new(record.Line, reason, id, column, value, detail);

    private readonly record struct RowValues(
        string CustomerId,
        string? Email,
        DateTimeOffset Timestamp,
        string Currency,
        int Quantity,
        decimal UnitPrice,
        string ProductId,
        string? Sku,
        decimal? DeclaredTotal);
}
