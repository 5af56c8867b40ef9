using Npgsql;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Postgres;

// Starts servers of its own (not the shared one) because it stops them.
public sealed class PostgresServerLifetimeTests
{
    [Fact]
    public async Task DisposeAsync_RunningServer_StopsItAndDeletesItsFolder()
    {
        var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var folder = server.RootDirectory;
        Assert.True(Directory.Exists(Path.Combine(folder, "data")));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
    }

    [Fact]
    public async Task StartAsync_TwoServers_ListenOnDifferentPortsWithSeparateData()
    {
        await using var first = await PostgresServer.StartAsync();
        await using var second = await PostgresServer.StartAsync();

        var name = "only_on_first_" + Guid.NewGuid().ToString("N");
        await first.CreateDatabaseAsync(name);
        await using var connection = new NpgsqlConnection(second.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_database where datname = @name", connection);
        command.Parameters.AddWithValue("name", name);

        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
