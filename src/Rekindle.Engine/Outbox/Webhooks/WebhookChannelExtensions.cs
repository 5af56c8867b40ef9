using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Rekindle.Channels.Webhooks;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox.Webhooks;

public static class WebhookChannelExtensions
{
    /// <summary>
    /// The webhook channel: its composer and transport under the name "webhook", the per-flow secrets, the delivery log
    /// and the options of section "Webhooks" (checked now: a bad value stops the start with the key named).
    /// </summary>
    public static IHostApplicationBuilder AddWebhookChannel(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>() ?? new WebhookOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Webhooks configuration is not valid: " + string.Join("; ", problems));
        }

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(sp => new WebhookSender(sp.GetRequiredService<WebhookOptions>()));
        services.AddSingleton<WebhookSecretStore>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookComposer>();   // also by itself: the admin API composes test webhooks with it
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageComposer, WebhookComposer>(sp => sp.GetRequiredService<WebhookComposer>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageTransport, WebhookTransport>());
        return builder;
    }
}
