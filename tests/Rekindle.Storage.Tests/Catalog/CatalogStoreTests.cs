using Rekindle.Core.Catalog;
using Rekindle.Storage.Catalog;
using Rekindle.Storage.Database;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Catalog;

[Collection(PostgresFixture.Collection)]
public sealed class CatalogStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 15, 123, TimeSpan.Zero);

    private static readonly CatalogProduct Lamp = new(
        "lamp-1", "Brass desk lamp", "Lighting", 19.99m, "EUR", true, "https://shop.example/lamp-1", "https://cdn.shop.example/lamp-1.jpg");

    private static readonly CatalogProduct Bare = new("bare-1", null, null, null, null, false, null, null);

    private static CatalogProduct Product(string id, string? category = "Lighting", decimal? price = 10m) =>
        new(id, "Product " + id, category, price, price is null ? null : "EUR", true, null, null);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upsert_NewProducts_FindReturnsEveryFieldAndNullsExactly(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);

        var result = await store.UpsertAsync([Lamp, Bare], T0, default);
        var lamp = await store.FindAsync("lamp-1", default);
        var bare = await store.FindAsync("bare-1", default);

        Assert.Equal(new CatalogUpsertResult(2, 0), result);
        Assert.Equal(new StoredProduct(Lamp, T0), lamp);
        Assert.Equal(new StoredProduct(Bare, T0), bare);
        // Not only equal as a number: the API prints it, and numeric(18,4) would read back as 19.9900.
        Assert.Equal("19.99", lamp!.Product.Price!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(await store.FindAsync("lamp-2", default));
    }

    [Theory]
    [InlineData("Sqlite", "0.0001")]
    [InlineData("Sqlite", "9999999999.9999")]
    [InlineData("Sqlite", "0")]
    [InlineData("Postgres", "0.0001")]
    [InlineData("Postgres", "9999999999.9999")]
    [InlineData("Postgres", "0")]
    public async Task Upsert_PriceAtTheEdgesOfTheAcceptedRange_ReadsBackExactly(string provider, string price)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);
        var value = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        await store.UpsertAsync([Lamp with { Price = value }], T0, default);

        var stored = (await store.FindAsync("lamp-1", default))!.Product.Price!.Value;
        Assert.Equal(price, stored.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upsert_ExistingProduct_OverwritesEveryFieldAndCountsItUpdated(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);
        await store.UpsertAsync([Lamp], T0, default);

        var cleared = new CatalogProduct("lamp-1", null, null, null, null, false, null, null);
        var changed = Bare with { ProductId = "bare-2", Name = "Second" };
        var result = await store.UpsertAsync([cleared, changed], T0.AddHours(1), default);

        Assert.Equal(new CatalogUpsertResult(1, 1), result);
        Assert.Equal(new StoredProduct(cleared, T0.AddHours(1)), await store.FindAsync("lamp-1", default));
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upsert_SameIdTwiceInOneBatch_StoresTheLastOnce(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);

        var result = await store.UpsertAsync([Lamp, Bare, Lamp with { Price = 24.5m }], T0, default);

        Assert.Equal(new CatalogUpsertResult(2, 0), result);
        Assert.Equal(24.5m, (await store.FindAsync("lamp-1", default))!.Product.Price);
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upsert_LastRowRefusedByTheDatabase_NothingOfTheBatchIsStored(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);
        await store.UpsertAsync([Lamp], T0, default);
        await RefuseProductAsync(backend.Database, "poison");

        // 71 rows travel as chunks of 64, 4, 1, 1 and 1: the first chunks are written before the last one fails.
        var batch = Enumerable.Range(0, 69).Select(i => Product($"p-{i:D2}")).Append(Product("poison")).Prepend(Lamp with { Price = 1m }).ToList();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.UpsertAsync(batch, T0.AddHours(1), default));

        Assert.Equal(1, await store.CountAsync(default));
        Assert.Equal(new StoredProduct(Lamp, T0), await store.FindAsync("lamp-1", default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task List_PagesOfTwo_OrdinalProductIdOrderWithNextUntilTheLastPage(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);
        // Upper case sorts before lower case in ordinal order, and "p-10" before "p-2": no locale or numeric order.
        await store.UpsertAsync([Product("p-2"), Product("b-1"), Product("p-10"), Product("B-9"), Product("a-3")], T0, default);

        var first = await store.ListAsync(null, null, 2, default);
        var second = await store.ListAsync(null, first.Next, 2, default);
        var third = await store.ListAsync(null, second.Next, 2, default);

        Assert.Equal(["B-9", "a-3"], first.Products.Select(p => p.Product.ProductId));
        Assert.Equal("a-3", first.Next);
        Assert.Equal(["b-1", "p-10"], second.Products.Select(p => p.Product.ProductId));
        Assert.Equal("p-10", second.Next);
        Assert.Equal(["p-2"], third.Products.Select(p => p.Product.ProductId));
        Assert.Null(third.Next);
        Assert.Equal(Product("p-2"), third.Products[0].Product);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task List_CategoryFilledExactlyByTwoPages_OnlyThatCategoryAndNoEmptyThirdPage(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);
        await store.UpsertAsync([
            Product("k-4", "Kitchen"), Product("l-1"), Product("k-1", "Kitchen"), Product("k-3", "Kitchen"), Product("k-2", "Kitchen"),
            Product("x-1", "kitchen"), Product("n-1", null),
        ], T0, default);

        var first = await store.ListAsync("Kitchen", null, 2, default);
        var second = await store.ListAsync("Kitchen", first.Next, 2, default);
        var none = await store.ListAsync("Garden", null, 2, default);

        Assert.Equal(["k-1", "k-2"], first.Products.Select(p => p.Product.ProductId));
        Assert.Equal("k-2", first.Next);
        Assert.Equal(["k-3", "k-4"], second.Products.Select(p => p.Product.ProductId));
        Assert.Null(second.Next);
        Assert.Empty(none.Products);
        Assert.Null(none.Next);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task All_AfterTwoUpserts_EveryProductOnceInIdOrder(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CatalogStore(backend.Database);
        Assert.Empty(await store.AllAsync(default));
        Assert.Equal(0, await store.CountAsync(default));

        await store.UpsertAsync([Lamp, Bare], T0, default);
        await store.UpsertAsync([Product("c-1", price: null), Bare with { InStock = true }], T0.AddMinutes(1), default);

        Assert.Equal([Bare with { InStock = true }, Product("c-1", price: null), Lamp], await store.AllAsync(default));
        Assert.Equal(3, await store.CountAsync(default));
    }

    /// <summary>A trigger that makes the database itself refuse one product id, as a constraint would.</summary>
    private static async Task RefuseProductAsync(RekindleDatabase database, string productId)
    {
        var sql = database.Dialect.Provider == DatabaseProvider.Sqlite
            ? $"CREATE TRIGGER refuse_product BEFORE INSERT ON products WHEN NEW.product_id = '{productId}' " +
              "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            : "CREATE FUNCTION refuse_product() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
              $"IF NEW.product_id = '{productId}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$; " +
              "CREATE TRIGGER refuse_product BEFORE INSERT ON products FOR EACH ROW EXECUTE FUNCTION refuse_product()";
        await using var connection = await database.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
