namespace Rekindle.Core.Orders;

/// <summary>The CSV layouts <see cref="OrderCsvImporter"/> reads (docs/import.md describes both).</summary>
public enum OrderCsvFormat
{
    /// <summary>The UCI Online Retail export: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.</summary>
    OnlineRetail,

    /// <summary>Rekindle's own layout: one row per line item, named columns in any order.</summary>
    Generic,
}

/// <summary>Limits of one import.</summary>
public sealed record OrderImportOptions
{
    public static readonly OrderImportOptions Default = new();

    /// <summary>
    /// Rows of one order need not be contiguous, but an order is taken as complete once this many rows have
    /// passed since its last row; a row of it after that is skipped as <see cref="OrderSkipReason.LateRow"/>.
    /// Bounds memory to this many rows whatever the file's size. Interleaving in real exports spans a few rows
    /// (concurrent checkouts); a larger window keeps rows alive past the young GC generation and made the
    /// whole Online Retail import 25 % slower at 10,000.
    /// </summary>
    public int MaxRowsBetweenOrderRows { get; init; } = 1_000;

    /// <summary>A longer record is malformed; bounds the damage (and memory) of an unclosed quote.</summary>
    public int MaxRowChars { get; init; } = 1 << 16;
}

/// <summary>How far an import has read its input, for a progress bar.</summary>
/// <param name="BytesRead">Bytes taken from the input stream so far (compressed bytes for a gzip input).</param>
/// <param name="TotalBytes">The input's length when the stream knows it.</param>
public readonly record struct OrderImportProgress(long BytesRead, long? TotalBytes);
