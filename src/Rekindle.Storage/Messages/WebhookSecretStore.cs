using Rekindle.Storage.Database;

namespace Rekindle.Storage.Messages;

/// <summary>A flow's webhook signing secret as stored; only the admin endpoint and the webhook transport read it.</summary>
public sealed record WebhookSecret(string FlowId, string Secret, DateTimeOffset CreatedAt)
{
    // A record prints its members; a secret must not reach a log line by way of ToString.
    public override string ToString() => $"WebhookSecret {{ FlowId = {FlowId}, CreatedAt = {CreatedAt:O} }}";
}

/// <summary>
/// The secret each flow signs its webhooks with: created on first use (the first delivery, or an admin asking for it
/// to configure the receiver) and replaced only by an explicit rotation.
/// </summary>
public sealed class WebhookSecretStore(RekindleDatabase database)
{
    /// <summary>The flow's secret; <paramref name="fresh"/> is stored first when it has none yet.</summary>
    public async Task<WebhookSecret> GetOrAddAsync(string flowId, string fresh, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using (var insert = database.Command(connection,
            "INSERT INTO webhook_secrets (flow_id, secret, created_at) VALUES (@p0, @p1, @p2) ON CONFLICT (flow_id) DO NOTHING",
            flowId, fresh, now))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = database.Command(connection, "SELECT secret, created_at FROM webhook_secrets WHERE flow_id = @p0", flowId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new WebhookSecret(flowId, r.GetString(0), database.Dialect.ReadTime(r, 1));
    }

    /// <summary>Replaces the flow's secret: deliveries from now on are signed with <paramref name="fresh"/>.</summary>
    public async Task<WebhookSecret> ReplaceAsync(string flowId, string fresh, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "INSERT INTO webhook_secrets (flow_id, secret, created_at) VALUES (@p0, @p1, @p2) " +
            "ON CONFLICT (flow_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at",
            flowId, fresh, now);
        await cmd.ExecuteNonQueryAsync(ct);
        return new WebhookSecret(flowId, fresh, now);
    }
}
