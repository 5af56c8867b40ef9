using Rekindle.Storage.Migrations;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Migrations;

[Collection(PostgresFixture.Collection)]
public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MigrateAsync_FreshThenAgain_AppliesEveryScriptOnceAndKeepsData(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres, migrate: false);
        var migrator = new SchemaMigrator(backend.Database, StorageBackend.Time);

        var first = await migrator.MigrateAsync();
        await using (var connection = await backend.Database.OpenAsync())
        await using (var insert = backend.Database.Command(connection, "INSERT INTO settings (key, value) VALUES ('kept', 'yes')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var second = await migrator.MigrateAsync();

        Assert.Equal(SchemaMigrator.Scripts(backend.Database.Dialect.Provider).Select(s => s.Id), first);
        Assert.Equal(
            ["0001_initial", "0002_orders", "0003_contact_scores", "0004_churn_scores", "0005_catalog", "0006_coupons",
             "0007_order_adjustments", "0008_message_links", "0009_consent", "0010_purchase_prediction", "0011_message_channels", "0012_triggers",
             "0013_flow_visits"],
            first);
        Assert.Empty(second);
        await using var check = await backend.Database.OpenAsync();
        await using var select = backend.Database.Command(check, "SELECT value FROM settings WHERE key = 'kept'");
        Assert.Equal("yes", await select.ExecuteScalarAsync());
    }

    [Fact]
    public void Scripts_BothProviders_HaveTheSameMigrations()
    {
        Assert.Equal(
            SchemaMigrator.Scripts(Storage.Database.DatabaseProvider.Sqlite).Select(s => s.Id),
            SchemaMigrator.Scripts(Storage.Database.DatabaseProvider.Postgres).Select(s => s.Id));
    }
}
