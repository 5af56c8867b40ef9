using Microsoft.Extensions.DependencyInjection;
using Rekindle.Channels.Webhooks;
using Rekindle.Engine.Clock;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox.Webhooks;

/// <summary>
/// Each flow's webhook signing secret: made on first use and kept in the database, so every node signs alike and a
/// restart changes nothing. Read only by the transport and the admin endpoints; never logged.
/// </summary>
public sealed class WebhookSecrets(WebhookSecretStore store, [FromKeyedServices(RekindleClock.Key)] TimeProvider time)
{
    public Task<WebhookSecret> GetAsync(string flowId, CancellationToken ct) =>
        store.GetOrAddAsync(flowId, WebhookSignature.NewSecret(), time.GetUtcNow(), ct);

    /// <summary>A new secret for the flow; requests already signed with the old one are not re-signed.</summary>
    public Task<WebhookSecret> RotateAsync(string flowId, CancellationToken ct) =>
        store.ReplaceAsync(flowId, WebhookSignature.NewSecret(), time.GetUtcNow(), ct);
}
