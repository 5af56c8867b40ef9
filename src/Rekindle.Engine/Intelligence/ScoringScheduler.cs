using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Engine.Clock;

namespace Rekindle.Engine.Intelligence;

/// <summary>Runs the scoring jobs on Rekindle's clock; on demand runs go through the analytics API.</summary>
public sealed class ScoringScheduler(
    RfmScoring rfm, ChurnScoring churn, Recommendations recommendations, IntelligenceOptions options, [FromKeyedServices(RekindleClock.Key)] TimeProvider time, ILogger<ScoringScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WarmUpAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitAsync(options.ScoringInterval, stoppingToken);
                var now = time.GetUtcNow();
                var run = await rfm.RunAsync(now, now, stoppingToken);
                logger.LogInformation("RFM scored {Customers} customers; {Changes} segment changes", run.Customers, run.Changes);
                await recommendations.TrainAsync(stoppingToken);
                var churnRun = await churn.RunAsync(now, now, stoppingToken);
                if (churnRun.Risk is { } risk)
                {
                    logger.LogInformation("Churn risk scored {Customers} customers with {Model}; {Changes} risk changes",
                        churnRun.Customers, risk.Model, churnRun.Changes);
                }
                else
                {
                    // A shop without orders yet: normal, not a fault.
                    logger.LogInformation("Churn not scored yet: {Reason}", churnRun.Failure);
                }

                if (churnRun.Risk is not null && !churnRun.Converged)
                {
                    // Risk levels are set; P(alive) and lifetime value wait for a BTYD fit the data support.
                    logger.LogInformation("Lifetime value not scored: {Reason}", churnRun.Failure);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The previous scores stay in place; the next interval tries again.
                logger.LogError(ex, "Scheduled scoring failed; previous scores are kept");
            }
        }
    }

    /// <summary>
    /// Trains the recommenders right after start when there are orders to learn from, so that the first email or API
    /// request asking for recommendations does not train them itself (on a large shop that takes seconds, and a
    /// contact's email waits for it). A shop without orders yet is left to the first request, which then sees them.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            if (await recommendations.TrainIfOrdersAsync(ct) is { } trained)
            {
                logger.LogInformation("Recommenders trained at start from {Orders} orders of {Customers} customers", trained.Orders, trained.Customers);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The first request trains instead.
            logger.LogError(ex, "Training the recommenders at start failed; the first request will train them");
        }
    }

    /// <summary>
    /// Timers cannot wait longer than about 49 days at once (Task.Delay refuses), and a shop may well score monthly
    /// or quarterly; so the wait is cut into day-long pieces against the due time on Rekindle's clock.
    /// </summary>
    private async Task WaitAsync(TimeSpan interval, CancellationToken ct)
    {
        var due = time.GetUtcNow() + interval;
        for (var left = interval; left > TimeSpan.Zero; left = due - time.GetUtcNow())
        {
            await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), time, ct);
        }
    }
}
