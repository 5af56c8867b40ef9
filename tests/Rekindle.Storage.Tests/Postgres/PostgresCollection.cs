using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Postgres;

// xunit finds collection definitions only in the test assembly, so every assembly using the shared server
// repeats this one declaration.
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
