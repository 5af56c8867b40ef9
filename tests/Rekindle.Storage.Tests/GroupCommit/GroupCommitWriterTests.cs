using Rekindle.Storage.Events;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Tests.Database;
using Rekindle.Storage.Tests.Events;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.GroupCommit;

[Collection(PostgresFixture.Collection)]
public sealed class GroupCommitWriterTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_ManyConcurrentCallers_AllDurableInFewerTransactions(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        const int callers = 2_000;

        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(() =>
            backend.Writer.WriteAsync(EventStore.Insert(EventStoreTests.Track($"m-{i}", $"a-{i % 10}", "Page", T0.AddSeconds(i)))))));

        Assert.Equal(callers, await new EventStore(backend.Database).CountAsync(default));
        Assert.Equal(callers, backend.Writer.UnitsCommitted);
        Assert.True(backend.Writer.Commits < callers, $"{backend.Writer.Commits} commits for {callers} units: no batching happened");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_OneBadUnitAmongGood_FailsAloneAndCommitsNothingOfIt(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var good = Enumerable.Range(0, 50).Select(i =>
            backend.Writer.WriteAsync(EventStore.Insert(EventStoreTests.Track($"good-{i}", "a", "Page", T0)))).ToList();
        // A unit whose second statement breaks NOT NULL: its first statement must not survive either.
        var bad = backend.Writer.WriteAsync([
            EventStore.Insert(EventStoreTests.Track("bad-first-half", "a", "Page", T0)),
            new SqlStatement("INSERT INTO settings (key, value) VALUES (@p0, @p1)", "k", null),
        ]);

        await Task.WhenAll(good);
        await Assert.ThrowsAnyAsync<Exception>(() => bad);

        var stored = await new EventStore(backend.Database).ReadUnprocessedAsync(0, 100, default);
        Assert.Equal(50, stored.Count);
        Assert.DoesNotContain(stored, e => e.MessageId == "bad-first-half");
    }
}
