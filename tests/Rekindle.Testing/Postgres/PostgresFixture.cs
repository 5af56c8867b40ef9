using Xunit;

namespace Rekindle.Testing.Postgres;

/// <summary>
/// One <see cref="PostgresServer"/> shared by every test of an xunit collection; each test creates its own
/// database with <see cref="CreateDatabaseAsync"/>. xunit only discovers collection definitions in the test
/// assembly itself, so each test assembly declares
/// <code>
/// [CollectionDefinition(PostgresFixture.Collection)]
/// public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;
/// </code>
/// and marks its test classes with <c>[Collection(PostgresFixture.Collection)]</c>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string Collection = "postgres";

    private PostgresServer? server;

    public PostgresServer Server =>
        server ?? throw new InvalidOperationException("The PostgreSQL fixture is used before xunit initialized it.");

    public Task<string> CreateDatabaseAsync(string? name = null) => Server.CreateDatabaseAsync(name);

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
