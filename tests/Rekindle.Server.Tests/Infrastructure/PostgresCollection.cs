using Rekindle.Testing.Postgres;

namespace Rekindle.Server.Tests.Infrastructure;

// xunit finds collection definitions only in the test assembly itself.
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
