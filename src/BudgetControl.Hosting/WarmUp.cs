using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetControl.Hosting;

/// <summary>
/// Builds the EF Core model and opens a first connection once the server is already answering, so that
/// start-up does not wait for it and the first API request does not pay for it either.
/// </summary>
internal sealed class WarmUp(IHostApplicationLifetime lifetime, IServiceScopeFactory scopes, ILogger<WarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Asynchronously: the model is built on a pool thread, not inline in the host's ApplicationStarted callbacks.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
            await db.Currencies.AsNoTracking().AnyAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a head start: the first request does the same work if this fails.
            logger.LogWarning(ex, "Warm-up of the database model failed");
        }
    }
}
