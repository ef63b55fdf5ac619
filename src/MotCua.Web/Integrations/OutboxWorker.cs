using Microsoft.Extensions.Options;

namespace MotCua.Web.Integrations;

/// <summary>
/// The background sender of the outbox on this node (when <c>Integrations:Enabled</c>): after the host has started,
/// runs <see cref="OutboxDispatcher"/> rounds, at once again while there is work, else after the poll interval.
/// A failing round (database away) is logged and tried again: the worker never stops by itself.
/// </summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, IHostApplicationLifetime lifetime, IOptions<IntegrationOptions> options,
    ILogger<OutboxWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database is migrated and the server listening before the first round.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        log.LogInformation("Outbox worker started on node {Node}", dispatcher.NodeId);
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMs));
        var purgeEvery = TimeSpan.FromMinutes(Math.Max(1, options.Value.PurgeIntervalMinutes));
        var nextPurge = TimeProvider.System.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                if (TimeProvider.System.GetUtcNow() >= nextPurge)
                {
                    nextPurge = TimeProvider.System.GetUtcNow() + purgeEvery;
                    var purged = await dispatcher.PurgeDeliveredAsync(stoppingToken);
                    if (purged > 0) log.LogInformation("Outbox purge on node {Node}: {Count} delivered messages removed", dispatcher.NodeId, purged);
                }
                sent = await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Outbox round failed on node {Node}; trying again", dispatcher.NodeId);
            }
            if (sent > 0) continue;
            try
            {
                // The real clock paces polling; due times come from the TimeProvider.
                await Task.Delay(interval, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
