using MotCua.Data;
using MotCua.Data.Statistics;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Statistics;

/// <summary>
/// Folds the province roll-up's stripes of past months into one row per key (<see cref="StatisticsWriter.FoldStripesAsync"/>):
/// at start-up and then once a day. Safe on several nodes at once (each folds only the rows it deletes).
/// </summary>
public sealed class StripeFolding(IServiceScopeFactory scopes, TimeProvider time, ILogger<StripeFolding> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>Folds every month before the current one; returns the number of keys folded.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = time.GetUtcNow().LocalDate();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        return await StatisticsWriter.FoldStripesAsync(db, new DateOnly(today.Year, today.Month, 1), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var folded = await RunAsync(stoppingToken);
                if (folded > 0) log.LogInformation("Folded the stripes of {Keys} province statistics keys of past months", folded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Folding the province statistics stripes failed; the next round tries again");
            }
            try { await Task.Delay(Every, TimeProvider.System, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
