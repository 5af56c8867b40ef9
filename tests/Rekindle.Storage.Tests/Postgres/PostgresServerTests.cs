using Npgsql;
using Rekindle.Testing.Postgres;
using Xunit.Abstractions;

namespace Rekindle.Storage.Tests.Postgres;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresServerTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task CreateDatabaseAsync_NewDatabase_AnswersAsPostgreSqlOnLoopback()
    {
        output.WriteLine($"shared server started in {postgres.Server.StartupDuration.TotalMilliseconds:F0} ms");
        await using var connection = await OpenAsync(await postgres.CreateDatabaseAsync());

        var version = await ScalarAsync<string>(connection, "select version()");
        var address = await ScalarAsync<string>(connection, "select host(inet_server_addr())");
        var port = await ScalarAsync<int>(connection, "select inet_server_port()");

        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
        Assert.Equal(PostgresServer.Host, address);
        Assert.Equal(postgres.Server.Port, port);
    }

    [Fact]
    public async Task CreateDatabaseAsync_GivenName_ConnectionStringTargetsThatDatabase()
    {
        var name = "named_" + Guid.NewGuid().ToString("N");

        await using var connection = await OpenAsync(await postgres.CreateDatabaseAsync(name));

        Assert.Equal(name, await ScalarAsync<string>(connection, "select current_database()"));
    }

    [Fact]
    public async Task CreateDatabaseAsync_NoName_EachCallCreatesAnotherEmptyDatabase()
    {
        await using var first = await OpenAsync(await postgres.CreateDatabaseAsync());
        await using var second = await OpenAsync(await postgres.CreateDatabaseAsync());

        var firstName = await ScalarAsync<string>(first, "select current_database()");
        var secondName = await ScalarAsync<string>(second, "select current_database()");
        var userTables = await ScalarAsync<long>(first,
            "select count(*) from information_schema.tables where table_schema = 'public'");

        Assert.NotEqual(firstName, secondName);
        Assert.Equal(0L, userTables);
    }

    [Fact]
    public async Task CreateDatabaseAsync_TableCreatedAndFilled_SelectReturnsInsertedRows()
    {
        await using var connection = await OpenAsync(await postgres.CreateDatabaseAsync());
        await ExecuteAsync(connection, "create table contact (id int primary key, email text not null)");
        await ExecuteAsync(connection, "insert into contact values (1, 'ada@example.com'), (2, 'bob@example.com')");

        var emails = await ListAsync(connection, "select email from contact order by id");

        Assert.Equal(["ada@example.com", "bob@example.com"], emails);
    }

    [Fact]
    public async Task CreateDatabaseAsync_TwoDatabases_TablesAndRowsStayInTheirOwnDatabase()
    {
        await using var first = await OpenAsync(await postgres.CreateDatabaseAsync());
        await using var second = await OpenAsync(await postgres.CreateDatabaseAsync());
        await ExecuteAsync(first, "create table only_in_first (id int)");
        await ExecuteAsync(first, "create table contact (email text)");
        await ExecuteAsync(second, "create table contact (email text)");
        await ExecuteAsync(first, "insert into contact values ('first@example.com')");
        await ExecuteAsync(second, "insert into contact values ('second@example.com')");

        var missingInSecond = await ScalarAsync<bool>(second, "select to_regclass('public.only_in_first') is null");

        Assert.True(missingInSecond);
        Assert.Equal(["first@example.com"], await ListAsync(first, "select email from contact"));
        Assert.Equal(["second@example.com"], await ListAsync(second, "select email from contact"));
    }

    [Fact]
    public async Task CreateDatabaseAsync_ManyAtOnce_EachGetsItsOwnDatabase()
    {
        var connectionStrings = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => postgres.CreateDatabaseAsync()));

        var names = new HashSet<string>();
        foreach (var connectionString in connectionStrings)
        {
            await using var connection = await OpenAsync(connectionString);
            names.Add(await ScalarAsync<string>(connection, "select current_database()"));
        }

        Assert.Equal(16, names.Count);
    }

    [Fact]
    public async Task CreateDatabaseAsync_NameTaken_ThrowsDuplicateDatabase()
    {
        var name = "taken_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name);

        var error = await Assert.ThrowsAsync<PostgresException>(() => postgres.CreateDatabaseAsync(name));

        Assert.Equal(PostgresErrorCodes.DuplicateDatabase, error.SqlState);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has space")]
    [InlineData("quote\"")]
    [InlineData("1starts_with_digit")]
    public async Task CreateDatabaseAsync_NameNeedsQuoting_ThrowsArgumentException(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => postgres.CreateDatabaseAsync(name));
    }

    [Theory]
    [InlineData("fsync", "off")]
    [InlineData("synchronous_commit", "off")]
    [InlineData("full_page_writes", "off")]
    [InlineData("max_connections", "200")]
    [InlineData("listen_addresses", "127.0.0.1")]
    [InlineData("server_encoding", "UTF8")]
    [InlineData("lc_collate", "C")]
    public async Task StartAsync_TestSettings_Applied(string setting, string expected)
    {
        await using var connection = await OpenAsync(await postgres.CreateDatabaseAsync());

        Assert.Equal(expected, await ScalarAsync<string>(connection, $"show {setting}"));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
