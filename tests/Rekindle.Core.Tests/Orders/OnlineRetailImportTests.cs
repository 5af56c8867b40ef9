using System.IO.Compression;
using System.Text;
using Rekindle.Core.Orders;
using static Rekindle.Core.Tests.Orders.Imports;

namespace Rekindle.Core.Tests.Orders;

public sealed class OnlineRetailImportTests
{
    [Fact]
    public void ReadAll_RowsOfOneInvoice_BecomeOneOrderInGbpAtTheEarliestTime()
    {
        var result = OnlineRetail("""
            "536365","85123A","WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850,"United Kingdom"
            "536365","71053","WHITE METAL LANTERN",6,2010-12-01 08:25:00,3.39,17850,"United Kingdom"
            "536366","22633","HAND WARMER UNION JACK",6,2010-12-01 08:28:00,1.85,17850,"United Kingdom"
            """);

        var expected = new Order("536365", "17850", null, Utc(2010, 12, 1, 8, 25), "GBP", 35.64m,
        [
            new OrderLine("85123A", null, "WHITE HANGING HEART T-LIGHT HOLDER", 6, 2.55m, null),
            new OrderLine("71053", null, "WHITE METAL LANTERN", 6, 3.39m, null),
        ]);
        Assert.Equal(expected, result.Order("536365"));
        Assert.Equal([2L, 4L], result.Orders.Select(o => o.Line));
        Assert.Equal([2, 1], result.Orders.Select(o => o.Rows));
        Assert.Empty(result.Skipped);
        Assert.Equal(1, result.Summary.DistinctCustomers);
    }

    [Theory]
    [InlineData("2011-06-30 17:05:09", 2011, 6, 30, 17, 5, 9)]
    [InlineData("2011-06-30 17:05", 2011, 6, 30, 17, 5, 0)]
    [InlineData("6/30/2011 17:05", 2011, 6, 30, 17, 5, 0)]
    [InlineData("12/1/2010 8:26", 2010, 12, 1, 8, 26, 0)]
    public void ReadAll_InvoiceDate_IsReadAsUtcWallClock(string text, int y, int mo, int d, int h, int mi, int s)
    {
        var result = OnlineRetail($"\"1\",\"A\",\"X\",1,{text},1,100,\"UK\"\n");

        Assert.Equal(Utc(y, mo, d, h, mi, s), result.Order("1").Timestamp);
    }

    [Theory]
    [InlineData("2011-02-29 10:00:00")]
    [InlineData("2011-06-30 24:00:00")]
    [InlineData("30/6/2011 17:05")]
    [InlineData("2011-06-30T17:05:00+01:00")]
    [InlineData("")]
    public void ReadAll_BadInvoiceDate_IsMalformed(string text)
    {
        var result = OnlineRetail($"\"1\",\"A\",\"X\",1,{text},1,100,\"UK\"\n");

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal((OrderSkipReason.Malformed, "InvoiceDate", text), (skipped.Reason, skipped.Column, skipped.Value));
    }

    [Fact]
    public void ReadAll_EachSkipReason_IsReportedWithItsPhysicalLine()
    {
        // Line 9's description spans lines 9-10, so the rows after it are two lines further down.
        var result = OnlineRetail("""
            "536365","85123A","HEART HOLDER",6,2010-12-01 08:26:00,2.55,17850,"United Kingdom"
            "C536379","D","Discount",-1,2010-12-01 09:41:00,27.5,14527,"United Kingdom"
            "536414","22139",,56,2010-12-01 11:52:00,0,,"United Kingdom"
            "536366","22633","HAND WARMER",-6,2010-12-01 08:28:00,1.85,17850,"United Kingdom"
            "536366","22632","HAND WARMER RED",6,2010-12-01 08:28:00,0,17850,"United Kingdom"
            "536367","84879","BIRD ORNAMENT",32,2010-13-01 08:34:00,1.69,13047,"United Kingdom"
            "536367","22745","POPPY'S PLAYHOUSE",6,2010-12-01 08:34:00,2.1,13047,"United Kingdom"
            "536368","22960","JAM MAKING SET
            WITH JARS",6,2010-12-01 08:34:00,4.25,13047,"United Kingdom"
            "536369","21756","BATH BUILDING BLOCK",x,2010-12-01 08:35:00,5.95,13047,"United Kingdom"
            "536370","22728","ALARM CLOCK",24,2010-12-01 08:45:00,3.75,12583
            """);

        Assert.Equal(
            [
                (3L, OrderSkipReason.Cancellation), (4L, OrderSkipReason.MissingCustomer),
                (5L, OrderSkipReason.NonPositiveQuantity), (6L, OrderSkipReason.NonPositivePrice),
                (7L, OrderSkipReason.Malformed), (8L, OrderSkipReason.OrderRejected),
                (11L, OrderSkipReason.Malformed), (12L, OrderSkipReason.Malformed),
            ],
            result.SkipLines());
        var badDate = result.Skipped.Single(s => s.Line == 7);
        Assert.Equal(("InvoiceDate", "2010-13-01 08:34:00", "536367"), (badDate.Column, badDate.Value, badDate.OrderId));
        Assert.Equal("InvoiceDate \"2010-13-01 08:34:00\": not a date and time", badDate.Detail);
        Assert.Equal("order 536367 is not imported: its row on line 7 is malformed", result.Skipped.Single(s => s.Line == 8).Detail);
        Assert.Equal(("Quantity", "x"), (result.Skipped.Single(s => s.Line == 11).Column, result.Skipped.Single(s => s.Line == 11).Value));
        Assert.Equal("7 fields where the header has 8", result.Skipped.Single(s => s.Line == 12).Detail);
        Assert.Equal(("UnitPrice", "0"), (result.Skipped.Single(s => s.Line == 6).Column, result.Skipped.Single(s => s.Line == 6).Value));

        Assert.Equal(["536365", "536368"], result.Orders.Select(o => o.Order.OrderId));
        Assert.Equal("JAM MAKING SET\nWITH JARS", result.Order("536368").Lines[0].Name);
        Assert.Equal(9, result.Orders[1].Line);
        Assert.Equal(
            new OrderImportSummary
            {
                RowsRead = 10,
                OrdersImported = 2,
                RowsInOrders = 2,
                RowsSkipped = 8,
                DistinctCustomers = 2,
                SkippedByReason = result.Summary.SkippedByReason,
                IgnoredColumns = result.Summary.IgnoredColumns,
                BytesRead = result.Summary.BytesRead,
                TotalBytes = result.Summary.TotalBytes,
                IsComplete = true,
            },
            result.Summary);
        Assert.Equal(3, result.Summary.Skipped(OrderSkipReason.Malformed));
        Assert.Equal(0, result.Summary.Skipped(OrderSkipReason.LateRow));
        Assert.Equal(["Country"], result.Summary.IgnoredColumns.ToArray());
    }

    [Fact]
    public void ReadAll_InvoiceInterruptedByOtherRows_IsStillOneOrder()
    {
        // As invoice 542806 in the real file, interrupted by two rows of a cancellation.
        var result = OnlineRetail("""
            "542806","48194","DOORMAT HEARTS",1,2011-02-01 11:19:00,7.95,12836,"United Kingdom"
            "C542805","22156","HEART DECORATION",-1,2011-02-01 11:19:00,0.85,14606,"United Kingdom"
            "542807","22692","DOORMAT WELCOME",2,2011-02-01 11:20:00,7.95,14606,"United Kingdom"
            "542806","22788","BROCANTE COAT RACK",2,2011-02-01 11:20:00,9.95,12836,"United Kingdom"
            """);

        var order = result.Order("542806");
        Assert.Equal(["48194", "22788"], order.Lines.Select(l => l.ProductId));
        Assert.Equal(Utc(2011, 2, 1, 11, 19), order.Timestamp);
        Assert.Equal(27.85m, order.Total);
        Assert.Equal(2, result.Orders.Count);
    }

    [Fact]
    public void ReadAll_RowFurtherFromItsOrderThanTheLimit_IsLateAndTheOrderKeepsItsEarlierRows()
    {
        var rows = """
            "1","A",,1,2011-01-01 10:00:00,1,100,"X"
            "2","B",,1,2011-01-01 10:00:00,1,200,"X"
            "1","C",,1,2011-01-01 10:00:00,1,100,"X"
            "3","D",,1,2011-01-01 10:00:00,1,300,"X"
            "4","E",,1,2011-01-01 10:00:00,1,300,"X"
            "1","F",,1,2011-01-01 10:00:00,1,100,"X"
            """;

        var result = OnlineRetail(rows, new OrderImportOptions { MaxRowsBetweenOrderRows = 1 });

        Assert.Equal([(7L, OrderSkipReason.LateRow)], result.SkipLines());
        Assert.StartsWith("order 1 was already complete: more than 1 rows lie between", result.Skipped[0].Detail, StringComparison.Ordinal);
        Assert.Equal(["A", "C"], result.Order("1").Lines.Select(l => l.ProductId));
        Assert.Equal(4, result.Orders.Count);
    }

    [Fact]
    public void ReadAll_CustomerDiffersWithinInvoice_RejectsTheWholeInvoice()
    {
        var result = OnlineRetail("""
            "1","A","",1,2011-01-01 10:00:00,1,100,"X"
            "1","B","",1,2011-01-01 10:00:00,1,101,"X"
            "1","C","",1,2011-01-01 10:00:00,1,100,"X"
            """);

        Assert.Empty(result.Orders);
        Assert.Equal(
            [(2L, OrderSkipReason.OrderRejected), (3L, OrderSkipReason.Malformed), (4L, OrderSkipReason.OrderRejected)],
            result.SkipLines());
        Assert.Equal("CustomerID \"101\" differs from \"100\" on line 2 of the same order 1", result.Skipped[1].Detail);
    }

    [Fact]
    public void ReadAll_MalformedRowOfAnOrderAlreadyComplete_RejectsNothingElse()
    {
        var result = OnlineRetail("""
            "1","A","",1,2011-01-01 10:00:00,1,100,"X"
            "2","B","",1,2011-01-01 10:00:00,1,100,"X"
            "1","C","",1,2011-01-01 10:00:00,oops,100,"X"
            """, new OrderImportOptions { MaxRowsBetweenOrderRows = 0 });

        Assert.Equal([(4L, OrderSkipReason.Malformed)], result.SkipLines());
        Assert.Equal(["1", "2"], result.Orders.Select(o => o.Order.OrderId));
    }

    [Fact]
    public void ReadAll_GzipInput_IsDecompressedAndProgressCountsCompressedBytes()
    {
        var csv = OnlineRetailHeader + string.Concat(Enumerable.Range(0, 5_000).Select(i =>
            $"\"{500_000 + (i / 3)}\",\"P{i % 7}\",\"ITEM\",2,2011-01-01 10:00:00,1.5,{10_000 + (i / 3 % 11)},\"X\"\n"));
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(csv));
        }

        compressed.Position = 0;
        var reports = new List<OrderImportProgress>();
        var importer = new OrderCsvImporter(compressed, OrderCsvFormat.OnlineRetail, progress: reports.Add);
        var orders = importer.ReadAll().OfType<ImportedOrder>().ToList();

        Assert.Equal(1_667, orders.Count);
        Assert.Equal(5_000, importer.Summary.RowsInOrders);
        Assert.Equal(11, importer.Summary.DistinctCustomers);
        Assert.Equal(compressed.Length, reports[^1].BytesRead);
        Assert.All(reports, r => Assert.Equal(compressed.Length, r.TotalBytes));
        Assert.Equal(reports.Select(r => r.BytesRead).Order(), reports.Select(r => r.BytesRead));
        Assert.Equal(compressed.Length, importer.Summary.BytesRead);
    }

    [Fact]
    public void ReadAll_HeaderWithByteOrderMarkAndOtherColumnOrder_IsRead()
    {
        var csv = "\uFEFFCustomerID,InvoiceDate,InvoiceNo,StockCode,Quantity,UnitPrice\r\n17850,2010-12-01 08:26:00,536365,85123A,6,2.55\r\n";

        var result = Run(new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv[1..])).ToArray()),
            OrderCsvFormat.OnlineRetail);

        Assert.Equal(new OrderLine("85123A", null, "", 6, 2.55m, null), Assert.Single(result.Order("536365").Lines));
        Assert.Empty(result.Summary.IgnoredColumns);
    }

    [Fact]
    public void ReadAll_HeaderLackingColumns_ThrowsNamingThem()
    {
        var importer = new OrderCsvImporter(
            new MemoryStream(Encoding.UTF8.GetBytes("InvoiceNo,StockCode,Quantity,UnitPrice\n1,A,1,1\n")),
            OrderCsvFormat.OnlineRetail);

        var error = Assert.Throws<OrderCsvHeaderException>(() => importer.ReadAll().ToList());

        Assert.Equal(
            "This is not the online-retail layout: the header lacks InvoiceDate, CustomerID "
            + "(found: InvoiceNo, StockCode, Quantity, UnitPrice).",
            error.Message);
    }

    [Fact]
    public void ReadAll_EmptyInput_Throws()
    {
        var importer = new OrderCsvImporter(new MemoryStream(), OrderCsvFormat.OnlineRetail);

        var error = Assert.Throws<OrderCsvHeaderException>(() => importer.ReadAll().ToList());

        Assert.Equal("The file is empty: the online-retail layout needs a header row.", error.Message);
    }

    [Fact]
    public void ReadAll_SecondCall_Throws()
    {
        var importer = new OrderCsvImporter(new MemoryStream(), OrderCsvFormat.OnlineRetail);
        _ = importer.ReadAll();

        Assert.Throws<InvalidOperationException>(() => importer.ReadAll());
    }
}
