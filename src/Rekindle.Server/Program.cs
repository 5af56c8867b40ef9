using Rekindle.Server.Features.Analytics;
using Rekindle.Server.Features.Catalog;
using Rekindle.Server.Features.Contacts;
using Rekindle.Server.Features.Coupons;
using Rekindle.Server.Features.DevClock;
using Rekindle.Server.Features.DevMailbox;
using Rekindle.Server.Features.EngineStatus;
using Rekindle.Server.Features.Flows;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Ingestion;
using Rekindle.Server.Features.Operations;
using Rekindle.Server.Features.Orders;
using Rekindle.Server.Features.Recommendations;
using Rekindle.Server.Features.Security;
using Rekindle.Server.Features.SendTime;
using Rekindle.Server.Features.Tracking;
using Rekindle.Server.Features.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddRekindleLoggingDefaults();    // start-up, keys, errors and a one-line summary a minute; no per-call noise

builder.AddRekindleStorageAndEngine();   // database (SQLite under ./data by default), Orleans, background loops
builder.AddRekindleSecurity();           // write keys for /v1, the admin key for /api
builder.AddRekindleIngestion();          // CORS for /v1 (Ingestion:AllowedOrigins)
builder.AddRekindleApiDocs();            // OpenAPI document and reference page
builder.AddRekindleHealth();             // readiness checks: database, engine
builder.AddRekindleMetrics();            // OpenTelemetry "Rekindle" meter for Prometheus

var app = builder.Build();

await app.PrepareRekindleAsync();        // migrations, generated keys, flows loaded

app.UseRekindleSecurity();
app.UseCors();                           // answers browsers' preflights; only /v1 has a policy
app.MapRekindleApiDocs();
app.MapHealthApi();                      // /health, /health/live, /health/ready (public)
app.MapRekindleMetrics();                // /metrics (Prometheus; admin key unless Metrics:RequireAdminKey=false)
app.MapIngestionApi();                   // Segment-compatible /v1/track, identify, page, screen, alias, group, batch
app.MapContactsApi();                    // /api/contacts
app.MapContactConsentApi();              // /api/contacts/{id}/consent, /api/contacts/{id}/messages
app.MapFlowsApi();                       // /api/flows
app.MapFlowInspectionApi();              // /api/flows/{id}/stats, /api/contacts/{id}/journeys
app.MapFlowDryRunApi();                  // /api/flows/{id}/dry-run, /api/flows/dry-run (simulate; nothing sent or stored)
app.MapWebhooksApi();                    // /api/flows/{id}/webhook-secret (+ /rotate), /api/flows/{id}/webhook-deliveries
app.MapOrdersApi();                      // /api/orders/import, /api/contacts/{id}/orders
app.MapCatalogApi();                     // /api/catalog/products
app.MapCouponsApi();                     // /api/coupons (campaigns, pools, lookup), /api/contacts/{id}/coupons
app.MapDevMailboxApi();                  // /dev/mailbox and /api/dev/mailbox
app.MapDevClockApi();                    // /api/dev/clock (only with Clock:Adjustable=true)
app.MapAnalyticsApi();                   // /api/analytics/rfm, /api/analytics/churn
app.MapRecommendationsApi();             // /api/contacts/{id}/recommendations
app.MapSendTimeApi();                    // /api/contacts/{id}/send-time
app.MapTrackingApi();                    // /t/o/{token} open pixel, /t/c/{token} click redirect (public)
app.MapEngineStatusApi();                // /api/engine/status

app.Run();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
