using Microsoft.AspNetCore.Mvc;
using Rekindle.Core.Orders;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Orders;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Ingestion;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Orders;

namespace Rekindle.Server.Features.Orders;

/// <summary>Order history: CSV import (the same orders Order Completed events create) and a contact's orders.</summary>
public static class OrdersApi
{
    /// <summary>A whole shop history in one request: far above Kestrel's 30 MB default for bodies.</summary>
    private const long MaxImportBytes = 4L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/orders/import", ImportAsync).WithTags("Orders")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .DocumentsFileBody("The order history CSV in the layout ?format names, as is or gzip-compressed (recognised by its first " +
                "bytes, whatever the Content-Type says)", "text/csv", "application/gzip")
            .Produces<ImportView>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Import an order history CSV (body: the file, optionally gzip; ?format=online-retail|generic)");
        app.MapGet("/api/orders/totals", async (OrderStore orders, CancellationToken ct) => Results.Ok(OrderTotalsView.From(await orders.TotalsAsync(ct))))
            .Produces<OrderTotalsView>()
            .WithTags("Orders").WithSummary("How many orders, customers with orders, and revenue are stored");
        app.MapGet("/api/contacts/{id}/orders", async (string id, ContactStore contacts, OrderStore orders, CancellationToken ct) =>
            await contacts.FindLiveAsync(id, ct) is { } profile
                ? Results.Ok((await orders.ForContactAsync(profile.Id, ct)).Select(OrderView.From).ToList())
                : Results.NotFound(new ApiError($"no contact '{id}'")))
            .Produces<List<OrderView>>().Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithTags("Contacts").WithSummary("A contact's orders, newest first");
        return app;
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, string? format, OrderImport import,
        [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct)
    {
        OrderCsvFormat layout;
        switch (format ?? "online-retail")
        {
            case "online-retail":
                layout = OrderCsvFormat.OnlineRetail;
                break;
            case "generic":
                layout = OrderCsvFormat.Generic;
                break;
            default:
                return Results.BadRequest(new ApiError("format: expected 'online-retail' or 'generic'",
                    [new FieldProblem("format", $"'{format}' is not a known layout")]));
        }

        // The parser reads synchronously; the request body may not be, so it is spooled to a temporary file.
        var spool = Path.Combine(Path.GetTempPath(), "rekindle-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = File.Create(spool))
            {
                await request.Body.CopyToAsync(file, ct);
            }

            if (await IsDamagedGzipAsync(spool, ct))
            {
                return Results.BadRequest(new ApiError("the body is not a valid gzip stream",
                    [new FieldProblem("body", "is not a valid gzip stream: it is damaged or cut short; nothing was imported")]));
            }

            await using var input = File.OpenRead(spool);
            var result = await import.ImportAsync(input, layout, time.GetUtcNow(), progress: null, ct);
            return Results.Ok(ImportView.From(result));
        }
        catch (OrderCsvHeaderException ex)
        {
            return Results.BadRequest(new ApiError(ex.Message, [new FieldProblem("header", ex.Message)]));
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>
    /// A gzip body is decompressed once before anything is imported, and its trailer (CRC-32 and length, as /v1 checks
    /// it) compared: the import stores orders in chunks as it goes, so damage found halfway through would leave the
    /// orders before it stored, and a cut-short file decompresses without any error at all.
    /// </summary>
    private static async Task<bool> IsDamagedGzipAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        if (file.ReadByte() != 0x1f || file.ReadByte() != 0x8b)
        {
            return false;
        }

        var gzip = ContentCoding.Parse("gzip", out _)!;
        file.Position = 0;
        long length = 0;
        try
        {
            await using var decoded = gzip.Decode(file);
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await decoded.ReadAsync(chunk, ct)) > 0)
            {
                gzip.Observe(chunk.AsSpan(0, read));
                length += read;
            }
        }
        catch (InvalidDataException)
        {
            return true;
        }

        var tail = new byte[Math.Min(gzip.TrailerLength, file.Length)];
        file.Position = file.Length - tail.Length;
        await file.ReadExactlyAsync(tail, ct);
        return !gzip.TrailerMatches(tail, length);
    }
}

/// <summary>The import summary: rows read, orders and customers created, rows skipped with reasons.</summary>
public sealed record ImportView(
    long RowsRead, long OrdersInFile, long OrdersNew, long CustomersInFile, long CustomersNew, long RowsSkipped,
    IReadOnlyDictionary<string, long> SkippedByReason, IReadOnlyList<SkippedRowView> FirstSkipped)
{
    public static ImportView From(OrderImportResult r) => new(
        r.Parsed.RowsRead, r.Parsed.OrdersImported, r.OrdersNew, r.Parsed.DistinctCustomers, r.CustomersNew, r.Parsed.RowsSkipped,
        r.Parsed.SkippedByReason.Where(kv => kv.Value > 0).ToDictionary(kv => ReasonName(kv.Key), kv => kv.Value),
        r.FirstSkipped.Select(s => new SkippedRowView(s.Line, ReasonName(s.Reason), s.OrderId, s.Column, s.Value, s.Detail)).ToList());

    public static string ReasonName(OrderSkipReason reason) => reason switch
    {
        OrderSkipReason.Cancellation => "cancellation",
        OrderSkipReason.Malformed => "malformed",
        OrderSkipReason.MissingCustomer => "missing-customer",
        OrderSkipReason.NonPositiveQuantity => "non-positive-quantity",
        OrderSkipReason.NonPositivePrice => "non-positive-price",
        OrderSkipReason.OrderRejected => "order-rejected",
        OrderSkipReason.LateRow => "late-row",
        _ => reason.ToString(),
    };
}

public sealed record SkippedRowView(long Line, string Reason, string? OrderId, string? Column, string? Value, string Detail);

/// <summary>Over the counted orders (not cancelled, not refunded in full); revenue net of refunds.</summary>
public sealed record OrderTotalsView(long Orders, long Contacts, decimal Revenue)
{
    public static OrderTotalsView From(OrderTotals t) => new(t.Orders, t.Contacts, t.Revenue);
}

/// <param name="Refunded">Refunded so far, up to <paramref name="Total"/>.</param>
/// <param name="CancelledAt">When an Order Cancelled came for it; null while it stands.</param>
/// <param name="Coupon">The coupon code the order used.</param>
public sealed record OrderView(
    string OrderId, string CustomerId, DateTimeOffset OrderedAt, string Currency, decimal Total, decimal Refunded, DateTimeOffset? CancelledAt, string? Coupon)
{
    public static OrderView From(StoredOrder o) => new(o.OrderId, o.CustomerId, o.OrderedAt, o.Currency, o.Total, o.Refunded, o.CancelledAt, o.Coupon);
}
