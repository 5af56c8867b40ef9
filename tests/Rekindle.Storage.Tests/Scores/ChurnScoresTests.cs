using Rekindle.Core.Intelligence.Churn;
using Rekindle.Storage.Scores;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Scores;

[Collection(PostgresFixture.Collection)]
public sealed class ChurnScoresTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private static ChurnRow Row(string id, double? alive, ChurnRisk risk, double? probability) =>
        new(id, alive, risk, alive is null ? null : 0.8, alive is null ? null : 42.5, alive is null ? null : 180.25,
            probability, 90, probability * 1.5, new DateOnly(2026, 12, 20), 0.4, "pareto-nbd");

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upsert_EveryColumnReadsBack(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);

        await backend.Writer.WriteAsync([.. ChurnScores.Upsert([Row("c1", 0.9, ChurnRisk.Low, 0.6)], T0)], default);
        var stored = await ChurnScores.ForContactAsync(backend.Database, "c1", default);

        Assert.Equal(new StoredChurn(T0, 0.9, "low", 0.8, 42.5, 180.25, 0.6, 90, 0.6 * 1.5,
            new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), 0.4, "pareto-nbd"), stored);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upsert_ValueFitFailed_KeepsThePreviousValuesAndUpdatesTheRisk(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        await backend.Writer.WriteAsync([.. ChurnScores.Upsert([Row("c1", 0.9, ChurnRisk.Low, 0.6)], T0)], default);

        // The next run's BTYD fit failed: no values, a new risk.
        await backend.Writer.WriteAsync([.. ChurnScores.Upsert([Row("c1", null, ChurnRisk.High, 0.05), Row("new", null, ChurnRisk.Medium, 0.3)],
            T0.AddDays(1), keepValues: true)], default);
        var kept = await ChurnScores.ForContactAsync(backend.Database, "c1", default);
        var fresh = await ChurnScores.ForContactAsync(backend.Database, "new", default);

        Assert.Equal((0.9, 0.8, 42.5, 180.25), (kept!.PAlive, kept.ExpectedPurchases90d, kept.ExpectedOrderValue, kept.Clv));
        Assert.Equal(("high", 0.05, T0.AddDays(1)), (kept.Risk, kept.PurchaseProbability, kept.ComputedAt));
        Assert.Null(fresh!.PAlive);
        Assert.Null(fresh.Clv);
        Assert.Equal("medium", fresh.Risk);
    }
}
