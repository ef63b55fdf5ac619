using Microsoft.EntityFrameworkCore;
using MotCua.Data;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Deletes idempotency keys of intakes older than <see cref="Keep"/> (at start-up, then once a day): a client repeats a
/// lost request within minutes, so after that a key only takes room. Safe on several nodes at once (a delete by age).
/// </summary>
public sealed class IntakeKeyExpiry(IServiceScopeFactory scopes, TimeProvider time, ILogger<IntakeKeyExpiry> log) : BackgroundService
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(30);
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>Deletes the keys saved before now − <see cref="Keep"/>; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - Keep;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        return await db.IntakeKeys.Where(k => k.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await RunAsync(stoppingToken);
                if (deleted > 0) log.LogInformation("Deleted {Count} intake idempotency keys older than {Days} days", deleted, Keep.TotalDays);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Deleting old intake idempotency keys failed; the next round tries again");
            }
            try { await Task.Delay(Every, TimeProvider.System, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
