using System.Data.Common;
using System.Globalization;
using System.Text;
using Rekindle.Core.Catalog;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Catalog;

/// <summary>A catalogue product with when the shop last sent it.</summary>
public sealed record StoredProduct(CatalogProduct Product, DateTimeOffset UpdatedAt);

/// <summary>One page of a listing; <paramref name="Next"/> is the product id to pass as "after" for the next page, null on the last.</summary>
public sealed record CatalogPage(IReadOnlyList<StoredProduct> Products, string? Next);

/// <summary>What an upsert did: products new to the catalogue, and products that existed and were overwritten.</summary>
public sealed record CatalogUpsertResult(int Created, int Updated);

/// <summary>The shop's product catalogue (products), as the catalogue API writes it and recommendations read it.</summary>
public sealed class CatalogStore(RekindleDatabase database)
{
    private const int Columns = 9;
    private const string SelectColumns = "product_id, name, category, price, currency, in_stock, url, image_url, updated_at";

    // Large enough to take a whole request in few round trips, far below both providers' parameter limits.
    private const int ExistingChunk = 500;

    private long _version;

    /// <summary>
    /// Counts the upserts this process committed, so that a reader caching the catalogue (recommendations) can tell it
    /// changed without a query per request. Another process's writes (a second node) do not move it.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// The statements that write <paramref name="products"/>, every field replaced (a null clears it). A product id
    /// given twice is written once, with its last occurrence: PostgreSQL refuses to update one row twice in a statement.
    /// </summary>
    public static IEnumerable<SqlStatement> Upsert(IReadOnlyList<CatalogProduct> products, DateTimeOffset now) =>
        MultiRow.Insert(
            $"INSERT INTO products ({SelectColumns}) VALUES", Columns,
            "ON CONFLICT (product_id) DO UPDATE SET name = excluded.name, category = excluded.category, price = excluded.price, " +
            "currency = excluded.currency, in_stock = excluded.in_stock, url = excluded.url, image_url = excluded.image_url, " +
            "updated_at = excluded.updated_at",
            LastOccurrences(products)
                .Select(p => new object?[] { p.ProductId, p.Name, p.Category, p.Price, p.Currency, p.InStock, p.Url, p.ImageUrl, now })
                .ToList());

    /// <summary>
    /// Writes every product in one transaction: all are stored or, on any failure, none. The counts are taken inside
    /// the transaction; on PostgreSQL a product created by a concurrent request in the meantime counts as created here too.
    /// </summary>
    public async Task<CatalogUpsertResult> UpsertAsync(IReadOnlyList<CatalogProduct> products, DateTimeOffset now, CancellationToken ct)
    {
        if (products.Count == 0)
        {
            return new CatalogUpsertResult(0, 0);
        }

        var ids = LastOccurrences(products).Select(p => p.ProductId).ToList();
        await using var connection = await database.OpenAsync(ct);
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken before the read, so no writer slips in between.
        await using var tx = await connection.BeginTransactionAsync(ct);
        var existing = await ExistingAsync(connection, tx, ids, ct);
        using (var executor = StatementExecutor.For(database.Dialect, connection))
        {
            await executor.ExecuteAsync(tx, Upsert(products, now), ct);
        }

        await tx.CommitAsync(ct);
        // After the commit, never before: whoever sees the new version must find the new rows.
        Interlocked.Increment(ref _version);
        return new CatalogUpsertResult(ids.Count - existing, existing);
    }

    public async Task<StoredProduct?> FindAsync(string productId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var found = await ReadAsync(connection, $"SELECT {SelectColumns} FROM products WHERE product_id = @p0", ct, productId);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Up to <paramref name="limit"/> products in product id order (ordinal), after the product id <paramref name="after"/>
    /// when given, only of <paramref name="category"/> (exact match) when given.
    /// </summary>
    public async Task<CatalogPage> ListAsync(string? category, string? after, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var conditions = new List<string>();
        var args = new List<object?>();
        if (category is not null)
        {
            conditions.Add($"category = @p{args.Count}");
            args.Add(category);
        }

        if (after is not null)
        {
            conditions.Add($"product_id > @p{args.Count}");
            args.Add(after);
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        // One row more than asked tells whether another page exists without a second query.
        await using var connection = await database.OpenAsync(ct);
        var rows = await ReadAsync(connection,
            $"SELECT {SelectColumns} FROM products {where} ORDER BY product_id LIMIT {(limit + 1).ToString(CultureInfo.InvariantCulture)}",
            ct, [.. args]);
        return rows.Count > limit
            ? new CatalogPage(rows.Take(limit).ToList(), rows[limit - 1].Product.ProductId)
            : new CatalogPage(rows, null);
    }

    /// <summary>The whole catalogue in product id order, for training the recommenders.</summary>
    public async Task<IReadOnlyList<CatalogProduct>> AllAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await ReadAsync(connection, $"SELECT {SelectColumns} FROM products ORDER BY product_id", ct);
        return rows.Select(r => r.Product).ToList();
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM products");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static List<CatalogProduct> LastOccurrences(IReadOnlyList<CatalogProduct> products)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < products.Count; i++)
        {
            last[products[i].ProductId] = i;
        }

        return last.Count == products.Count ? [.. products] : [.. last.Values.Order().Select(i => products[i])];
    }

    private async Task<int> ExistingAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var existing = 0;
        foreach (var chunk in ids.Chunk(ExistingChunk))
        {
            var sql = new StringBuilder("SELECT COUNT(*) FROM products WHERE product_id IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "@p" : ", @p").Append(i);
            }

            await using var cmd = database.Command(connection, sql.Append(')').ToString(), [.. chunk]);
            cmd.Transaction = tx;
            existing += Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        return existing;
    }

    private async Task<List<StoredProduct>> ReadAsync(DbConnection connection, string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = database.Command(connection, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StoredProduct>();
        while (await r.ReadAsync(ct))
        {
            var product = new CatalogProduct(
                r.GetString(0),
                r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : Normalized(database.Dialect.ReadMoney(r, 3)),
                r.IsDBNull(4) ? null : r.GetString(4),
                Convert.ToBoolean(r.GetValue(5), CultureInfo.InvariantCulture),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7));
            list.Add(new StoredProduct(product, database.Dialect.ReadTime(r, 8)));
        }

        return list;
    }

    /// <summary>
    /// 19.99 whichever provider stored it: PostgreSQL's numeric(18,4) reads back as 19.9900, SQLite's REAL as 19.99, and
    /// the API would print them differently. Dividing by a one of scale 28 drops trailing zeros without changing the value.
    /// </summary>
    private static decimal Normalized(decimal price) => price / 1.0000000000000000000000000000m;
}
