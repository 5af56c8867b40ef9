using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Channels.Email;
using Rekindle.Core.Consent;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Consent;
using Rekindle.Engine.Coupons;
using Rekindle.Engine.Flows;
using Rekindle.Engine.Ingestion;
using Rekindle.Engine.Intelligence;
using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Engine.Maintenance;
using Rekindle.Engine.Orders;
using Rekindle.Engine.Outbox;
using Rekindle.Engine.Outbox.Webhooks;
using Rekindle.Engine.Telemetry;
using Rekindle.Engine.Timers;
using Rekindle.Engine.Tracking;
using Rekindle.Storage.Catalog;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Coupons;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.Flows;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;
using Rekindle.Storage.Orders;
using Rekindle.Storage.Scores;
using Rekindle.Storage.Settings;

namespace Rekindle.Engine;

public static class EngineExtensions
{
    /// <summary>
    /// The engine: storage, the group-commit writer, the contact grains (an Orleans silo in this
    /// process) and the three background loops (ingestion, timers, outbox).
    /// </summary>
    /// <param name="time">
    /// What Rekindle's clock runs on: real time unless a test hands in a fake one. Orleans keeps real
    /// time either way (see <see cref="RekindleClock"/>).
    /// </param>
    public static IHostApplicationBuilder AddRekindleEngine(this IHostApplicationBuilder builder, DatabaseOptions database, TimeProvider? time = null)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        var clock = new AdjustableClock(time ?? TimeProvider.System);
        services.AddSingleton(clock);
        services.AddKeyedSingleton<TimeProvider>(RekindleClock.Key, clock);

        services.AddSingleton(database);
        services.AddSingleton<RekindleDatabase>();
        services.AddSingleton(new GroupCommitOptions());
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<FlowStore>();
        services.AddSingleton<FlowStatsStore>();
        services.AddSingleton<FlowFactsLoader>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<OrderImport>();
        services.AddSingleton<ScoreStore>();
        services.AddSingleton<CouponStore>();
        services.AddSingleton<CouponIssuer>();
        services.AddSingleton<CatalogStore>();
        var intelligence = config.GetSection("Intelligence").Get<IntelligenceOptions>() ?? new IntelligenceOptions();
        services.AddSingleton(intelligence);
        services.AddSingleton(intelligence.Rfm());
        services.AddSingleton<RfmScoring>();
        services.AddSingleton<ChurnScoring>();
        var recommendations = config.GetSection(RecommendationOptions.SectionName).Get<RecommendationOptions>() ?? new RecommendationOptions();
        if (recommendations.Validate() is { Count: > 0 } recommendationProblems)
        {
            throw new InvalidOperationException("Recommendations configuration is not valid: " + string.Join("; ", recommendationProblems));
        }

        services.AddSingleton(recommendations);
        services.AddSingleton<Recommendations>();
        services.AddSingleton<SendTimes>();
        services.AddHostedService<ScoringScheduler>();

        services.AddSingleton(config.GetSection("Engine").Get<EngineOptions>() ?? new EngineOptions());
        services.AddSingleton<EngineSignals>();
        services.AddSingleton(FlowOptions.Read(config));
        services.AddSingleton<FlowCatalog>();
        services.AddHostedService<TriggerBackfiller>();
        services.AddSingleton<IdentityDirectory>();
        services.AddSingleton(new LiquidRenderer(clock));
        var tracking = config.GetSection(TrackingOptions.SectionName).Get<TrackingOptions>() ?? new TrackingOptions();
        if (tracking.Validate() is { Count: > 0 } trackingProblems)
        {
            throw new InvalidOperationException("Tracking configuration is not valid: " + string.Join("; ", trackingProblems));
        }

        services.AddSingleton(tracking);
        services.AddSingleton(ConsentOptions.Read(config));
        services.AddSingleton<ConsentStore>();

        // Channels: each area registers its composer and transport by channel name; flows and the dispatcher only
        // see the registry. A new channel (SMS, push) is one more Add…Channel here.
        services.AddSingleton<MessageChannelRegistry>();
        services.AddSingleton<FlowMessages>();
        builder.AddEmailChannel();
        builder.AddWebhookChannel();

        services.AddMetrics();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<EngineGauges>();
        services.AddHostedService<EngineSummaryLogger>();
        services.AddSingleton<IngestionPump>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestionPump>());
        services.AddHostedService<TimerPump>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<FlowCatalogRefresher>();
        services.AddHostedService<SqliteCheckpointer>();

        var orleans = config.GetSection("Orleans");
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: orleans.GetValue("SiloPort", 11111),
                gatewayPort: orleans.GetValue("GatewayPort", 30000),
                serviceId: "rekindle",
                clusterId: orleans.GetValue("ClusterId", "rekindle-local")!);
        });

        return builder;
    }
}
