using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Contacts;

/// <summary>The trait names templates may use: those on the most recently updated contacts.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class ContactStoreTraitNamesTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static ContactProfile Contact(string id, params string[] traits) => new()
    {
        Id = id,
        CreatedAt = T0,
        Traits = traits.ToImmutableSortedDictionary(t => t, _ => JsonDocument.Parse("\"x\"").RootElement.Clone(), StringComparer.Ordinal),
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TraitNamesAsync_RecentContacts_DistinctNamesInOrdinalOrder(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        await backend.Writer.WriteAsync(
        [
            ContactStore.Upsert(Contact("c-old", "fax"), T0),
            ContactStore.Upsert(Contact("c-1", "plan", "loyalty_tier"), T0.AddDays(1)),
            ContactStore.Upsert(Contact("c-2", "plan", "Shoe Size"), T0.AddDays(2)),
            ContactStore.Upsert(Contact("c-3"), T0.AddDays(3)),
        ]);

        var store = new ContactStore(backend.Database);

        Assert.Equal(["Shoe Size", "loyalty_tier", "plan"], await store.TraitNamesAsync(3, default));
        Assert.Equal(["Shoe Size", "fax", "loyalty_tier", "plan"], await store.TraitNamesAsync(10, default));
    }
}
