using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Messages;

/// <summary>What one delivery attempt led to.</summary>
public enum WebhookAttemptOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Failed for now (network error, timeout, 5xx, 408, 429): tried again after a delay.</summary>
    Retrying,

    /// <summary>Failed for good (a 4xx, a refused target, the last attempt).</summary>
    Failed,
}

/// <summary>One attempt to deliver a webhook message.</summary>
/// <param name="StatusCode">The receiver's HTTP status; null when there was no answer (see <paramref name="Error"/>).</param>
public sealed record WebhookAttempt(
    string MessageId, string? FlowId, string ContactId, int Attempt, DateTimeOffset AttemptedAt, TimeSpan Duration, string Url,
    int? StatusCode, string? Error, WebhookAttemptOutcome Outcome);

/// <summary>The webhook delivery log: every attempt, written with the message's new status.</summary>
public sealed class WebhookDeliveryStore(RekindleDatabase database)
{
    private const string Columns = "message_id, flow_id, contact_id, attempt, attempted_at, duration_ms, url, status_code, error, outcome";

    public static SqlStatement Insert(WebhookAttempt a) => new(
        $"INSERT INTO webhook_deliveries ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)",
        a.MessageId, a.FlowId, a.ContactId, a.Attempt, a.AttemptedAt, (long)a.Duration.TotalMilliseconds, a.Url, a.StatusCode, a.Error,
        OutcomeName(a.Outcome));

    /// <summary>A flow's attempts, newest first.</summary>
    public Task<IReadOnlyList<WebhookAttempt>> ForFlowAsync(string flowId, int limit, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM webhook_deliveries WHERE flow_id = @p0 ORDER BY seq DESC LIMIT @p1", ct, flowId, limit);

    /// <summary>One message's attempts, first first.</summary>
    public Task<IReadOnlyList<WebhookAttempt>> ForMessageAsync(string messageId, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM webhook_deliveries WHERE message_id = @p0 ORDER BY seq", ct, messageId);

    private async Task<IReadOnlyList<WebhookAttempt>> QueryAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<WebhookAttempt>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new WebhookAttempt(
                r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetInt32(3), database.Dialect.ReadTime(r, 4),
                TimeSpan.FromMilliseconds(r.GetInt64(5)), r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7),
                r.IsDBNull(8) ? null : r.GetString(8), ParseOutcome(r.GetString(9))));
        }

        return list;
    }

    private static string OutcomeName(WebhookAttemptOutcome outcome) => outcome switch
    {
        WebhookAttemptOutcome.Delivered => "delivered",
        WebhookAttemptOutcome.Retrying => "retrying",
        _ => "failed",
    };

    private static WebhookAttemptOutcome ParseOutcome(string name) => name switch
    {
        "delivered" => WebhookAttemptOutcome.Delivered,
        "retrying" => WebhookAttemptOutcome.Retrying,
        _ => WebhookAttemptOutcome.Failed,
    };
}
