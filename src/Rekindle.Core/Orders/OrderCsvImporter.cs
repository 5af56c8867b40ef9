using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;

namespace Rekindle.Core.Orders;

/// <summary>
/// Reads order history from CSV, streaming: it yields each order once all its rows are read, and each
/// skipped row with its reason and line, holding only the orders still open — never the file. Storing
/// the orders is the caller's business (the store keeps order ids unique, which makes re-imports
/// idempotent). The rules are in docs/import.md.
/// </summary>
/// <remarks>
/// One instance reads one input once. <see cref="Summary"/> is current whenever an item is yielded, so a
/// progress display can show it alongside the byte progress. A gzip input (by its magic bytes) is
/// decompressed on the fly; progress then counts compressed bytes, which is what the file's size measures.
/// The caller owns and disposes the stream.
/// </remarks>
public sealed class OrderCsvImporter
{
    private readonly Stream _source;
    private readonly OrderCsvLayout _layout;
    private readonly OrderImportOptions _options;
    private readonly Action<OrderImportProgress>? _progress;
    private readonly long[] _skipped = new long[Enum.GetValues<OrderSkipReason>().Length];
    private readonly HashSet<string> _customers = new(StringComparer.Ordinal);
    private ProgressStream? _counter;
    private ImmutableArray<string> _ignoredColumns = [];
    private long _rowsRead;
    private long _orders;
    private long _rowsInOrders;
    private bool _started;
    private bool _complete;

    public OrderCsvImporter(
        Stream source,
        OrderCsvFormat format,
        OrderImportOptions? options = null,
        Action<OrderImportProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _layout = OrderCsvLayout.For(format);
        _options = options ?? OrderImportOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxRowsBetweenOrderRows);
        _progress = progress;
    }

    /// <summary>
    /// A snapshot of the totals so far. Read it on the enumerating thread: between items, or from the progress
    /// callback, which runs there.
    /// </summary>
    public OrderImportSummary Summary => new()
    {
        RowsRead = _rowsRead,
        OrdersImported = _orders,
        RowsInOrders = _rowsInOrders,
        RowsSkipped = _skipped.Sum(),
        DistinctCustomers = _customers.Count,
        SkippedByReason = Enum.GetValues<OrderSkipReason>().ToImmutableSortedDictionary(r => r, r => _skipped[(int)r]),
        IgnoredColumns = _ignoredColumns,
        BytesRead = _counter?.BytesRead ?? 0,
        TotalBytes = _counter?.TotalBytes,
        IsComplete = _complete,
    };

    /// <summary>
    /// The orders and skipped rows, as they become known (not in file order: an order comes out once it can
    /// get no more rows). Enumerate it once.
    /// </summary>
    /// <exception cref="OrderCsvHeaderException">On first enumeration, when the header does not fit the layout.</exception>
    public IEnumerable<OrderImportItem> ReadAll()
    {
        if (_started)
        {
            throw new InvalidOperationException("An OrderCsvImporter reads its input once; create another one.");
        }

        _started = true;
        return Read();
    }

    private IEnumerable<OrderImportItem> Read()
    {
        _counter = new ProgressStream(_source, _progress);
        var gzip = _counter.Peek(2) is [0x1f, 0x8b];
        using var decompressed = gzip ? new GZipStream(_counter, CompressionMode.Decompress, leaveOpen: true) : null;
        using var text = new StreamReader(
            decompressed ?? (Stream)_counter, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16,
            leaveOpen: true);
        var csv = new CsvReader(text, _options.MaxRowChars);

        var header = csv.Read()
            ?? throw new OrderCsvHeaderException($"The file is empty: the {_layout.Name} layout needs a header row.");
        var parser = _layout.Bind(header);
        _ignoredColumns = parser.IgnoredColumns;
        var assembler = new OrderAssembler(_options.MaxRowsBetweenOrderRows, parser);
        var output = new List<OrderImportItem>();

        while (csv.Read() is { } record)
        {
            var rowNumber = ++_rowsRead;
            assembler.Expire(rowNumber, output);
            if (parser.TryParse(record, out var row, out var skipped))
            {
                assembler.Accept(row, rowNumber, output);
            }
            else if (skipped.Reason == OrderSkipReason.Malformed)
            {
                assembler.Malformed(skipped, rowNumber, output);
            }
            else
            {
                output.Add(skipped);
            }

            foreach (var item in Counted(output))
            {
                yield return item;
            }
        }

        assembler.Flush(output);
        var last = Counted(output);
        _complete = true;
        foreach (var item in last)
        {
            yield return item;
        }
    }

    /// <summary>Counts the items into the summary and hands them out, emptying <paramref name="output"/>.</summary>
    private OrderImportItem[] Counted(List<OrderImportItem> output)
    {
        if (output.Count == 0)
        {
            return [];
        }

        var items = output.ToArray();
        output.Clear();
        foreach (var item in items)
        {
            switch (item)
            {
                case ImportedOrder imported:
                    _orders++;
                    _rowsInOrders += imported.Rows;
                    _customers.Add(imported.Order.CustomerId);
                    break;
                case SkippedRow skipped:
                    _skipped[(int)skipped.Reason]++;
                    break;
            }
        }

        return items;
    }
}
