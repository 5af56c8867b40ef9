using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Contacts;

[Collection(PostgresFixture.Collection)]
public sealed class ConsentStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 15, 123, TimeSpan.Zero);
    private static readonly ConsentSource Trait = ConsentSource.Trait("email_consent");

    private static readonly ConsentChange Unsubscribe =
        new("email", T0, Trait, "m-1", ConsentState.Subscribed, ConsentState.Unsubscribed, ConsentOutcome.Applied);

    private static readonly ConsentChange LateSubscribe =
        new("email", T0.AddHours(-2), Trait, "m-2", ConsentState.Unsubscribed, ConsentState.Subscribed, ConsentOutcome.Superseded);

    private static readonly ConsentChange Bounce =
        new("sms", T0.AddMinutes(5), ConsentSource.Bounce, null, ConsentState.Unknown, ConsentState.Suppressed, ConsentOutcome.Applied);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Insert_WithTheProfile_HistoryReturnsEveryFieldNewestFirst(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var recordedAt = T0.AddSeconds(3);

        await backend.Writer.WriteAsync([ContactStore.Upsert(Profile("c-1"), recordedAt), .. ConsentStore.Insert("c-1", [Unsubscribe, LateSubscribe, Bounce], recordedAt)]);

        var history = await new ConsentStore(backend.Database).HistoryAsync("c-1", 10, default);
        Assert.Equal([Bounce, Unsubscribe, LateSubscribe], history.Select(h => h.Change));
        Assert.All(history, h => Assert.Equal(("c-1", recordedAt), (h.ContactId, h.RecordedAt)));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Insert_TransactionFails_NeitherProfileNorAuditRowStored(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);

        var unit = backend.Writer.WriteAsync([
            ContactStore.Upsert(Profile("c-2"), T0), .. ConsentStore.Insert("c-2", [Unsubscribe], T0),
            new SqlStatement("INSERT INTO settings (key, value) VALUES (@p0, @p1)", "k", null),
        ]);

        await Assert.ThrowsAnyAsync<Exception>(() => unit);
        Assert.Empty(await new ConsentStore(backend.Database).HistoryAsync("c-2", 10, default));
        Assert.Null(await new ContactStore(backend.Database).FindAsync("c-2", default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MoveHistory_MergedContact_TrailFollowsToTheSurvivor(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        await backend.Writer.WriteAsync([.. ConsentStore.Insert("loser", [Unsubscribe], T0), .. ConsentStore.Insert("survivor", [Bounce], T0)]);

        await backend.Writer.WriteAsync(ConsentStore.MoveHistory("loser", "survivor"));

        var store = new ConsentStore(backend.Database);
        Assert.Equal([Bounce, Unsubscribe], (await store.HistoryAsync("survivor", 10, default)).Select(h => h.Change));
        Assert.Empty(await store.HistoryAsync("loser", 10, default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upsert_ProfileConsent_RoundTripsStateTimeSourceAndMessage(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var consent = new ChannelConsent(ConsentState.Suppressed, T0, ConsentSource.Complaint, "m-7");
        var profile = Profile("c-3") with { Consent = Profile("c-3").Consent.SetItem("email", consent) };

        await backend.Writer.WriteAsync(ContactStore.Upsert(profile, T0));

        var stored = await new ContactStore(backend.Database).FindAsync("c-3", default);
        Assert.Equal(consent, stored!.Profile.Consent["email"]);
    }

    [Theory]
    [InlineData("granted", ConsentState.Subscribed)]
    [InlineData("denied", ConsentState.Unsubscribed)]
    [InlineData("unknown", ConsentState.Unknown)]
    public void Deserialize_ProfileStoredBeforeTheConsentContract_KeepsTheAnswer(string status, ConsentState expected)
    {
        var json = """{"id":"c-4","createdAt":"2026-01-01T00:00:00+00:00","consent":{"email":{"status":"STATUS","updatedAt":"2026-02-01T10:00:00+00:00"}}}"""
            .Replace("STATUS", status, StringComparison.Ordinal);

        var consent = ProfileJson.Deserialize(json).Consent["email"];

        Assert.Equal((expected, new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), ConsentSourceKind.Trait),
            (consent.State, consent.UpdatedAt, consent.Source.Kind));
    }

    private static ContactProfile Profile(string id) => new() { Id = id, CreatedAt = T0 };
}
