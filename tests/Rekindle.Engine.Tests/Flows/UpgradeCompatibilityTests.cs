using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Migrations;

namespace Rekindle.Engine.Tests.Flows;

/// <summary>
/// A shop upgrading to the complete flow language: a database written by the previous release (schema up to 0010, the
/// README's abandoned-cart flow, a contact waiting in it with its timer) is migrated, and the journey goes on as it
/// would have: the reminder goes out once, a day after the cart.
/// </summary>
public sealed class UpgradeCompatibilityTests : IDisposable
{
    private const string LastSchemaBefore = "0010_purchase_prediction";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rekindle-upgrade-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task PreviousReleasesDatabase_Migrated_WaitingJourneyFinishesAsBefore()
    {
        Directory.CreateDirectory(_folder);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "rekindle.db")}" };
        var database = new RekindleDatabase(options);
        var cartAt = _clock.GetUtcNow().AddHours(-2);
        await WritePreviousReleaseAsync(database, cartAt);

        Assert.Equal(["0011_message_channels", "0012_triggers", "0013_flow_visits"], await new SchemaMigrator(database, _clock).MigrateAsync());
        var engineDatabase = EngineDatabase.Existing(_folder, options);
        await using var engine = await EngineHost.StartAsync(engineDatabase, _clock);

        // The stored document still parses to today's meaning: a legacy condition, whileNotActive.
        var flow = Assert.Single(engine.Get<Rekindle.Engine.Flows.FlowCatalog>().Flows).Definition;
        Assert.Equal(ReentryPolicy.WhileNotActive, flow.Reentry.Policy);
        engine.Advance(TimeSpan.FromHours(22) + TimeSpan.FromMinutes(1));
        await engine.WaitUntilAsync(
            async () => (await engine.Flows.InstancesAsync(CartFlows.Id, "c-old", 10, CancellationToken.None)).Single().Status == FlowInstanceStatus.Completed,
            "the old journey to complete");

        var mail = Assert.Single(await engine.Messages.ForContactAsync("c-old", CancellationToken.None));
        Assert.Equal(("ola@example.com", "Ola, you left 1 item(s) behind", "mail"), (mail.Recipient, mail.Subject, mail.StepId));
        Assert.Equal(0, await engine.Flows.CountTimersAsync(CancellationToken.None));
        var visits = await engine.Get<Rekindle.Storage.Flows.FlowStatsStore>().VisitsAsync(["i-old"], CancellationToken.None);
        Assert.Equal(["wait", "check", "mail"], visits["i-old"].Select(v => v.StepId));
        Assert.Empty(engine.Problems);
    }

    /// <summary>Schema 0001–0010 and the rows the previous release wrote, column by column as it wrote them.</summary>
    private async Task WritePreviousReleaseAsync(RekindleDatabase database, DateTimeOffset cartAt)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await Exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
        foreach (var (id, sql) in SchemaMigrator.Scripts(DatabaseProvider.Sqlite).Where(s => string.CompareOrdinal(s.Id, LastSchemaBefore) <= 0))
        {
            await Exec(sql);
            await Exec("INSERT INTO schema_migrations (id, applied_at) VALUES (@p0, @p1)", id, cartAt.ToString("O"));
        }

        await Exec("INSERT INTO flows (id, name, version, enabled, definition, created_at, updated_at) VALUES (@p0, @p1, 1, @p2, @p3, @p4, @p4)",
            CartFlows.Id, "Abandoned cart", true, CartFlows.Json, cartAt.AddDays(-10));
        var profile = new ContactProfile
        {
            Id = "c-old", CreatedAt = cartAt.AddDays(-3), Email = "ola@example.com",
            Traits = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [new KeyValuePair<string, JsonElement>("first_name", JsonDocument.Parse("\"Ola\"").RootElement.Clone())]),
            Cart = [new CartItem("lamp-1", null, "Brass Reading Lamp", 129.50m, 1, null, null, null)],
            CartUpdatedAt = cartAt,
            LastEventAt = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, DateTimeOffset>("Product Added", cartAt)]),
        };
        var upsert = ContactStore.Upsert(profile, cartAt);
        await Exec(upsert.Sql, upsert.Args);

        // The previous release's profile JSON had no tags.
        var json = JsonNode.Parse(ProfileJson.Serialize(profile))!.AsObject();
        Assert.True(json.Remove("tags"));
        await Exec("UPDATE contacts SET profile = @p0 WHERE id = @p1", new JsonText(json.ToJsonString()), "c-old");
        await Exec("INSERT INTO identities (kind, value, contact_id) VALUES ('email', 'ola@example.com', 'c-old')");
        await Exec("INSERT INTO flow_instances (id, flow_id, flow_version, contact_id, status, current_step, started_at, wake_at, trigger_message_id, " +
            "updated_at, exit_reason) VALUES ('i-old', @p0, 1, 'c-old', 'active', 'wait', @p1, @p2, 'm-cart', @p1, NULL)",
            CartFlows.Id, cartAt, cartAt.AddHours(24));
        await Exec("INSERT INTO timers (id, contact_id, instance_id, due_at) VALUES ('t-old', 'c-old', 'i-old', @p0)", cartAt.AddHours(24));

        async Task Exec(string sql, params object?[] args)
        {
            await using var cmd = database.Command(connection, sql, args);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
